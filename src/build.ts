import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { CitationEngines } from './citations/citation-engines.js';
import { resolveStyle, type CslStyle } from './citations/styles.js';
import { composeBrief } from './compose/compose-brief.js';
import { loadStylesheet, type Stylesheet } from './compose/stylesheets.js';
import { TemplateSet } from './compose/templates.js';
import { BriefwrightError } from './errors.js';
import { mergeFields, resolveRequest, type BriefRequest } from './project/brief-request.js';
import { loadConfig, type ProjectConfig } from './project/config.js';
import { LAYOUT, loadProject, type Project } from './project/load-project.js';
import { readRecipe, type RecipeFields } from './project/recipe.js';
import { locateRecipes } from './project/locate-recipes.js';
import { hash, makeRecord, writeRecord, type BuildRecord } from './record/build-record.js';
import { BrowserSession } from './render/browser-session.js';
import { findChrome } from './render/find-chrome.js';
import { namedDestinationPages } from './render/pdf-destinations.js';
import { printBrief } from './render/print-brief.js';
import { writeFileAtomic } from './render/write-file.js';
import { selectSections } from './sections/select.js';

/** What to build, and how. */
export interface BuildOptions {
  /** The project folder. */
  root: string;
  /** Recipe names (`english-learners`) or paths; none means every recipe in briefs/. */
  recipes?: readonly string[];
  /** Recipe fields from the command line; they override the recipe's. */
  fields?: RecipeFields;
  /** Output base name for a one-off brief. */
  name?: string;
  /** Browser executable (`--chrome`). */
  chrome?: string;
  /** PDFs printed at once (pages in the browser's pool). */
  jobs?: number;
  /** Treat a page-budget overrun as a failure. */
  strict?: boolean;
  /** Where outputs go (default: the project's output/). */
  outputDir?: string;
  /** The date a brief without one gets (ISO). Defaults to SOURCE_DATE_EPOCH or today. */
  today?: string;
  /** Called as each brief finishes. */
  onBrief?: (result: BriefResult) => void;
}

/** How one brief went. */
export interface BriefResult {
  name: string;
  ok: boolean;
  /** Files written, project-relative. */
  files: string[];
  pages?: number;
  warnings: string[];
  error?: BriefwrightError;
}

/** A unit of work: one recipe file, or the command line's one-off request. */
interface Job {
  recipeFile?: string;
}

/** Shared, per-run state every brief draws on. */
interface RunContext {
  project: Project;
  config: ProjectConfig;
  options: BuildOptions;
  templates: TemplateSet;
  engines: CitationEngines;
  browser: BrowserSession;
  outputDir: string;
  today: string;
  styles: Map<string, CslStyle>;
  stylesheets: Map<string, Promise<Stylesheet>>;
}

/**
 * Builds briefs: load the project, then for each recipe select, compose, render
 * and record. One failing brief does not stop the others; the results say which
 * failed and why.
 */
export async function build(options: BuildOptions): Promise<BriefResult[]> {
  const project = await loadProject({ root: options.root });
  const config = await loadConfig(project.root);
  const jobs = await planJobs(project, options);
  const templates = await TemplateSet.load({ dir: project.templatesDir, displayRoot: project.root });
  const concurrency = Math.max(1, options.jobs ?? os.availableParallelism());
  const browser = new BrowserSession({
    browser: () => findChrome({ flag: options.chrome, config: config.chrome }),
    pages: concurrency,
  });
  const run: RunContext = {
    project,
    config,
    options,
    templates,
    engines: new CitationEngines(),
    browser,
    outputDir: path.resolve(project.root, options.outputDir ?? LAYOUT.output),
    today: options.today ?? defaultDate(),
    styles: new Map(),
    stylesheets: new Map(),
  };
  try {
    const limit = pLimit(concurrency);
    return await Promise.all(
      jobs.map((job) =>
        limit(async () => {
          const result = await buildOne(run, job);
          options.onBrief?.(result);
          return result;
        }),
      ),
    );
  } finally {
    await browser.close();
  }
}

/** Which briefs a build makes: the named recipes, a one-off from flags, or every recipe. */
async function planJobs(project: Project, options: BuildOptions): Promise<Job[]> {
  if (options.recipes && options.recipes.length > 0) {
    return (await locateRecipes(project, options.recipes)).map((recipeFile) => ({ recipeFile }));
  }
  const fields = options.fields ?? {};
  if (fields.populations !== undefined || fields.topics !== undefined || fields.include !== undefined) return [{}];
  if (project.recipeFiles.length === 0) {
    throw new BriefwrightError(
      `no recipes in ${LAYOUT.briefs}/; add one, or ask for a brief directly: briefwright build --population ID --topic ID`,
    );
  }
  return project.recipeFiles.map((recipeFile) => ({ recipeFile }));
}

async function buildOne(run: RunContext, job: Job): Promise<BriefResult> {
  const fallbackName = job.recipeFile ? path.basename(job.recipeFile).replace(/\.ya?ml$/, '') : run.options.name ?? 'brief';
  const warnings: string[] = [];
  try {
    const request = await resolve(run, job);
    const layout = run.templates.settings(request.template);
    const sections = layout.sections ? selectSections(run.project.sections, request) : [];
    const compose = (pages?: ReadonlyMap<string, number>) =>
      composeBrief({
        request,
        sections,
        taxonomy: run.project.taxonomy,
        references: run.project.references.byId,
        style,
        engines: run.engines,
        templates: run.templates,
        stylesheet,
        pages,
      });
    const print = (html: string) => printBrief({ browser: run.browser, html, request, taxonomy: run.project.taxonomy });
    const style = styleFor(run, request.style);
    const stylesheet = await stylesheetFor(run, request.theme);
    let composed = compose();
    const outputs: BuildRecord['outputs'] = {};
    const written: string[] = [];
    let pages: number | undefined;
    let pdf = request.formats.includes('pdf') ? await print(composed.html) : undefined;
    if (pdf && layout.toc) {
      // A table of contents learns its page numbers from a first printing; the
      // numbers take no more room than the blanks they replace, so pages stay put.
      composed = compose(await namedDestinationPages(pdf.bytes));
      pdf = await print(composed.html);
    }
    if (pdf) {
      pages = pdf.pages;
      const overrun = composed.pageLimit !== undefined ? pdf.pages - composed.pageLimit : 0;
      if (overrun > 0) {
        const message = pageBudgetMessage(request, pdf.pages, composed.pageLimit!, overrun, sections);
        if (run.options.strict) throw new BriefwrightError(message);
        warnings.push(message);
      }
    }
    if (request.formats.includes('html')) {
      written.push(await writeOutput(run, `${request.name}.html`, composed.html, outputs));
    }
    if (pdf) written.push(await writeOutput(run, `${request.name}.pdf`, pdf.bytes, outputs, pdf.pages));
    const record = await makeRecord({
      request,
      taxonomySource: run.project.taxonomySource,
      sections,
      cited: composed.cited,
      references: run.project.references.byId,
      files: [...run.templates.files(request.template).map((t) => path.resolve(run.project.root, t.file)), ...stylesheet.files],
      root: run.project.root,
      style,
      outputs,
    });
    await writeRecord(run.outputDir, record);
    return { name: request.name, ok: true, files: written, pages, warnings };
  } catch (error) {
    if (!(error instanceof BriefwrightError)) throw error;
    return { name: fallbackName, ok: false, files: [], warnings, error };
  }
}

async function resolve(run: RunContext, job: Job): Promise<BriefRequest> {
  const recipe = job.recipeFile ? await readRecipe(run.project.root, job.recipeFile) : undefined;
  return resolveRequest({
    fields: mergeFields(run.config.defaults, recipe?.fields, run.options.fields),
    taxonomy: run.project.taxonomy,
    recipe,
    name: recipe ? undefined : run.options.name,
    today: run.today,
  });
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
    sheet = loadStylesheet({ stylesDir: run.project.stylesDir, theme });
    run.stylesheets.set(theme, sheet);
  }
  return sheet;
}

async function writeOutput(
  run: RunContext,
  fileName: string,
  data: string | Uint8Array,
  outputs: BuildRecord['outputs'],
  pages?: number,
): Promise<string> {
  const file = path.join(run.outputDir, fileName);
  await writeFileAtomic(file, data);
  const relative = path.relative(run.project.root, file).split(path.sep).join('/');
  outputs[path.extname(fileName).slice(1)] = { file: relative, hash: hash(data), ...(pages ? { pages } : {}) };
  return relative;
}

function pageBudgetMessage(
  request: BriefRequest,
  pages: number,
  limit: number,
  overrun: number,
  sections: readonly { id: string; body: string }[],
): string {
  const longest = [...sections]
    .map((section) => ({ id: section.id, words: section.body.split(/\s+/).filter(Boolean).length }))
    .sort((a, b) => b.words - a.words)
    .slice(0, 3)
    .map((section) => `${section.id} (${section.words} words)`);
  return (
    `${request.name}.pdf has ${pages} pages, ${overrun} over the ${request.template} template's limit of ${limit}; ` +
    `longest sections: ${longest.join(', ')}`
  );
}

/** SOURCE_DATE_EPOCH (reproducible builds) if set, else today, as YYYY-MM-DD. */
function defaultDate(): string {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return new Date(Number.isFinite(epoch) && process.env.SOURCE_DATE_EPOCH ? epoch * 1000 : Date.now()).toISOString().slice(0, 10);
}
