import path from 'node:path';
import { resolveStyle, type CslStyle } from './citations/styles.js';
import { loadStylesheet, type Stylesheet } from './compose/stylesheets.js';
import { referencedImages } from './compose/images.js';
import { referenceDocFile } from './render/docx/reference-doc.js';
import { SectionCache } from './compose/section-cache.js';
import { SectionTrees } from './compose/section-trees.js';
import { TemplateSet, type LayoutSettings } from './compose/templates.js';
import { located, withLocation } from './errors.js';
import { defaultDate, fieldLocator, mergeFields, resolveRequest, type BriefRequest } from './project/brief-request.js';
import { loadConfig, type ProjectConfig } from './project/config.js';
import type { Job } from './project/jobs.js';
import { LAYOUT, loadProject, type Project } from './project/load-project.js';
import { readRecipe, type RecipeFields } from './project/recipe.js';
import { describeInputs, FileHashes, readRecord, type BriefInputs, type BuildRecord } from './record/build-record.js';
import { FileStamps } from './record/file-stamps.js';
import { staleReasons } from './record/staleness.js';
import type { RecordCheck } from './record/unchanged-briefs.js';
import { selectInLanguage } from './sections/languages.js';
import { brokenPicks, brokenPicksError } from './sections/select.js';
import type { Section } from './sections/section.js';
import { behindMessage, isBehind } from './sections/translations.js';

/** What every brief of a run shares: the project and caches of what briefs reuse. */
export interface RunContext {
  project: Project;
  config: ProjectConfig;
  templates: TemplateSet;
  fields?: RecipeFields;
  name?: string;
  outputDir: string;
  today: string;
  hashes: FileHashes;
  /** What the records said before the project was loaded; with it, briefs found current are noted in their records. */
  check?: RecordCheck;
  styles: Map<string, CslStyle>;
  stylesheets: Map<string, Promise<Stylesheet>>;
  /** Section Markdown parsed once for all briefs. */
  trees: SectionTrees;
}

/** One brief, resolved and selected, with what it would be built from and why it is stale. */
export interface BriefPlan {
  request: BriefRequest;
  layout: LayoutSettings;
  sections: Section[];
  style: CslStyle;
  stylesheet: Stylesheet;
  inputs: BriefInputs;
  /** The record of its last build, if any. */
  record?: BuildRecord;
  /** The files it is built from besides its sections and recipe (absolute): templates, stylesheets, fonts, images, the citation style. */
  files: string[];
  /** Empty when the outputs are current. */
  reasons: string[];
}

/**
 * Loads a project and everything its briefs share, for one build or status run.
 * Sections that cannot be loaded are kept aside: only the briefs that could pick
 * them fail.
 */
export async function openRun(options: {
  root: string;
  fields?: RecipeFields;
  name?: string;
  outputDir?: string;
  today?: string;
  check?: RecordCheck;
  /** The project's settings, when the caller has begun reading them already. */
  config?: Promise<ProjectConfig>;
}): Promise<RunContext> {
  const configLoading = options.config ?? loadConfig(path.resolve(options.root));
  const project = await loadProject({ root: options.root, keepBrokenSections: true });
  const outputDir = path.resolve(project.root, options.outputDir ?? LAYOUT.output);
  const [config, templates] = await Promise.all([configLoading, TemplateSet.load({ layers: project.layers })]);
  return {
    project,
    config,
    templates,
    fields: options.fields,
    name: options.name,
    outputDir,
    today: options.check?.today ?? options.today ?? defaultDate(),
    hashes: new FileHashes(project.root, options.check?.stamps ?? FileStamps.open(outputDir)),
    check: options.check,
    styles: new Map(),
    stylesheets: new Map(),
    trees: new SectionTrees(project.root, { cache: SectionCache.beside(outputDir) }),
  };
}

/** Resolves a job into the requests it stands for (several with `--each`). */
export async function resolveJob(run: RunContext, job: Job): Promise<BriefRequest[]> {
  const recipe = job.recipeFile ? await readRecipe(run.project.root, job.recipeFile) : undefined;
  const fields = mergeFields(run.config.defaults, recipe?.fields, run.fields);
  const labels = (lang: string) => run.templates.labels(lang);
  const where = fieldLocator({ config: run.config, recipe, flags: run.fields });
  const base = resolveRequest({ fields, taxonomy: run.project.taxonomy, recipe, where, name: recipe ? undefined : run.name, today: run.today, labels });
  if (!job.each) return [base];
  const key = job.each === 'population' ? 'populations' : 'topics';
  const values = job.each === 'population' ? base.populations : base.topics.length > 0 ? base.topics : run.project.taxonomy.topics.map((t) => t.id);
  return values.map((value) =>
    resolveRequest({
      fields: { ...fields, [key]: [value], title: fields.title ? `${fields.title}: ${run.project.taxonomy.label(job.each!, value, base.lang)}` : undefined },
      taxonomy: run.project.taxonomy,
      recipe,
      where,
      name: `${base.name}-${value}`,
      today: run.today,
      labels,
    }),
  );
}

/** Selects a request's sections and compares its inputs with its last build. */
export async function planBrief(run: RunContext, request: BriefRequest): Promise<BriefPlan> {
  const layout = layoutFor(run.templates, request);
  const sections = layout.sections ? pickSections(run.project, request) : [];
  const style = located(() => styleFor(run, request.style), request.where('style'));
  const stylesheet = await stylesheetFor(run, request.theme).catch((error: unknown) => {
    throw withLocation(error, request.where('theme'));
  });
  const files = [
    ...run.templates.files(request.template, request.lang).map((template) => path.resolve(run.project.root, template.file)),
    ...stylesheet.files,
    ...sections.flatMap((section) => referencedImages(section, run.project.root)),
  ];
  const referenceDoc = request.formats.includes('docx') ? referenceDocFile(run.project.layers) : undefined;
  const inputs = describeInputs({
    request,
    taxonomySource: run.project.taxonomySource,
    sections,
    files: run.hashes.of(files),
    formatFiles: referenceDoc ? { docx: run.hashes.of([referenceDoc]) } : undefined,
    style,
  });
  const record = readRecord(run.outputDir, request.name);
  const reasons = staleReasons({ record, inputs, references: run.project.references.byId, root: run.project.root, formats: request.formats });
  return { request, layout, sections, style, stylesheet, inputs, record, files: [...files, ...(referenceDoc ? [referenceDoc] : []), ...styleFiles(run, request, style)], reasons };
}

/**
 * Notes in the records of jobs whose briefs are all current that they are
 * current for this state of the project and these flags, so that the next run
 * with the same ones need not load the project; then keeps the file stamps. A
 * project with sections that cannot be loaded gets neither: each run reports them.
 */
export async function noteCurrent(run: RunContext, current: readonly { job: Job; plans: readonly BriefPlan[] }[]): Promise<void> {
  const { check } = run;
  if (!check || run.project.brokenSections.length > 0) return;
  for (const { job, plans } of current) {
    if (plans.length === 0) continue;
    const key = check.key(job);
    const briefs = plans.map((plan) => plan.request.name);
    for (const plan of plans) {
      await check.verify(plan.request.name, { key, formats: plan.request.formats, external: check.external(plan.files), briefs, warnings: planWarnings(plan) });
    }
  }
  await check.save();
}

/** What `status` shows of a brief without calling it stale: its translations behind their originals. */
export function planWarnings(plan: BriefPlan): string[] {
  return plan.sections.filter(isBehind).map(behindMessage);
}

/** The style files a brief depends on: the one it names, and the one it was resolved to (a dependent style's parent). */
function styleFiles(run: RunContext, request: BriefRequest, style: CslStyle): string[] {
  return [...(request.style.endsWith('.csl') ? [path.resolve(run.project.root, request.style)] : []), ...(path.isAbsolute(style.origin) ? [style.origin] : [])];
}

/** A request's template settings; an unknown template is reported where the request names it. */
export function layoutFor(templates: TemplateSet, request: BriefRequest): LayoutSettings {
  return located(() => templates.settings(request.template), request.where('template'));
}

/** A request's sections; a section that could not be loaded but could be picked fails the brief. */
export function pickSections(project: Project, request: BriefRequest): Section[] {
  const broken = brokenPicks(project.brokenSections, request);
  if (broken.length > 0) throw brokenPicksError(broken);
  return selectInLanguage(project.sections, request);
}

function styleFor(run: RunContext, name: string): CslStyle {
  let style = run.styles.get(name);
  if (!style) {
    style = resolveStyle(name, { root: run.project.root });
    run.styles.set(name, style);
  }
  return style;
}

function stylesheetFor(run: RunContext, theme: string): Promise<Stylesheet> {
  let sheet = run.stylesheets.get(theme);
  if (!sheet) {
    sheet = loadStylesheet({ layers: run.project.layers, theme });
    run.stylesheets.set(theme, sheet);
  }
  return sheet;
}
