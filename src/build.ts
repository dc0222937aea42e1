import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import type { CitationEngines } from './citations/citation-engines.js';
import type { CitationThread } from './citations/citation-thread-client.js';
import { BriefwrightError } from './errors.js';
import type { BriefPlan, RunContext } from './plan.js';
import type { BriefRequest } from './project/brief-request.js';
import type { ProjectConfig } from './project/config.js';
import { planJobs, type Job, type JobRequest } from './project/jobs.js';
import { LAYOUT } from './project/load-project.js';
import { citedReferences, hash, inputsDigest, writeRecord, type BuildRecord } from './record/build-record.js';
import { RecordCheck } from './record/unchanged-briefs.js';
import type { BrowserSession } from './render/browser-session.js';
import type { DocxWriter } from './render/docx/docx-writer.js';
import type { PageCountGuess } from './render/page-count-guess.js';
import type { Printing } from './render/render-brief.js';

/** What to build, and how. */
export interface BuildOptions extends JobRequest {
  /** The project folder. */
  root: string;
  /** Output base name for a one-off brief. */
  name?: string;
  /** Browser executable (`--chrome`). */
  chrome?: string;
  /** PDFs printed at once (pages in the browser's pool). */
  jobs?: number;
  /** Treat a page-budget overrun as a failure. */
  strict?: boolean;
  /** Rebuild even what is up to date. */
  force?: boolean;
  /** Where outputs go (default: the project's output/). */
  outputDir?: string;
  /** The date a brief without one gets (ISO). Defaults to SOURCE_DATE_EPOCH or today. */
  today?: string;
  /** Called once the briefs to build are known. */
  onPlan?: (plans: { name: string; reasons: string[] }[]) => void;
  /** Called as each brief finishes. */
  onBrief?: (result: BriefResult) => void;
  /**
   * Called, before any brief is built, with each problem of a section that could
   * not be loaded. Such a section is left out; a brief that could pick it fails,
   * and every other brief is built.
   */
  onProblem?: (problem: BriefwrightError) => void;
}

/** How one brief went. */
export interface BriefResult {
  name: string;
  status: 'built' | 'up-to-date' | 'failed';
  /** Why it was (re)built. */
  reasons: string[];
  /** Files written, project-relative. */
  files: string[];
  pages?: number;
  warnings: string[];
  error?: BriefwrightError;
}

/**
 * Builds briefs: read the build records; load the project only for the jobs
 * they cannot answer for, and plan those (resolve, select, compare with the last
 * build); then compose, render and record only the briefs that changed. One
 * failing brief does not stop the others.
 */
export async function build(options: BuildOptions): Promise<BriefResult[]> {
  const check = await RecordCheck.open(options);
  const known = check && !options.force ? check.unchanged() : [];
  if (check && known.length > 0 && known.every((briefs) => briefs !== undefined)) {
    const results = known.flat().map(upToDate);
    for (const result of results) options.onBrief?.(result);
    options.onPlan?.([]);
    await check.save();
    return results;
  }
  // Chromium and the citation engine each take a second or so to start. They
  // start as soon as the project's settings say what the run may want, while
  // the rest of the project loads, and are closed however the build ends.
  let browser: Promise<BrowserSession> | undefined;
  let engines: Promise<CitationEngines> | undefined;
  const thread = startCitationThread(options);
  const config = import('./project/config.js').then(({ loadConfig }) => loadConfig(path.resolve(options.root)));
  const begun = Promise.all([config, import('./project/run-defaults.js')]).then(([settings, { mayPrint }]) => {
    engines = openCitations(settings, options, thread);
    if (mayPrint(settings, options.fields)) browser = newBrowserSession(settings, options).then((session) => (session.start(), session));
  });
  begun.catch(() => undefined);
  try {
    const { openRun } = await import('./plan.js');
    const run = await openRun({ ...options, check, config });
    await begun;
    const openBrowser = () => (browser ??= newBrowserSession(run.config, options));
    return await buildPlanned(run, { check, known, engines: await (engines ??= openCitations(run.config, options, thread)), browser: openBrowser }, options);
  } finally {
    await begun.catch(() => undefined);
    if (!engines) await (await thread)?.close();
    await Promise.all([browser?.then((session) => session.close()), engines?.then((opened) => opened.close())].map((closing) => closing?.catch(() => undefined)));
  }
}

/**
 * The citation engines of a run: in a thread of their own when one can start,
 * where the engine of the style most briefs are likely to use is built at once,
 * while the project loads and the briefs are planned (unless the cache holds its results).
 */
async function openCitations(config: ProjectConfig, options: BuildOptions, thread: Promise<CitationThread | undefined>): Promise<CitationEngines> {
  const [{ CitationEngines }, { CitationCache }, { likelyCitationStyle }] = await Promise.all([
    import('./citations/citation-engines.js'),
    import('./citations/citation-cache.js'),
    import('./project/run-defaults.js'),
  ]);
  const cache = CitationCache.beside(outputDir(options));
  const engines = new CitationEngines({ cache, thread: await thread });
  const likely = engines.threaded ? likelyCitationStyle(options.root, config, options.fields) : undefined;
  if (likely) engines.warm(likely.style, likely.locale);
  return engines;
}

/**
 * The citation thread of a run, started first: a thread takes a few tenths of
 * a second to start. With no citations kept from an earlier run (a first
 * build, say), it loads citeproc-js at once, as an engine will be needed.
 */
async function startCitationThread(options: BuildOptions): Promise<CitationThread | undefined> {
  const [{ CitationThread }, { CitationCache }] = await Promise.all([import('./citations/citation-thread-client.js'), import('./citations/citation-cache.js')]);
  return CitationThread.start({ preload: !existsSync(CitationCache.beside(outputDir(options)).dir) });
}

function outputDir(options: BuildOptions): string {
  return path.resolve(options.root, options.outputDir ?? LAYOUT.output);
}

async function newBrowserSession(config: ProjectConfig, options: BuildOptions): Promise<BrowserSession> {
  const [{ BrowserSession }, { findChrome }] = await Promise.all([import('./render/browser-session.js'), import('./render/find-chrome.js')]);
  return new BrowserSession({ browser: () => findChrome({ flag: options.chrome, config: config.chrome }), pages: options.jobs ?? os.availableParallelism() });
}

/** Plans the jobs the records did not answer for, builds what changed and notes the jobs current. */
async function buildPlanned(
  run: RunContext,
  tools: {
    check: RecordCheck | undefined;
    known: ReturnType<RecordCheck['unchanged']>;
    engines: CitationEngines;
    browser: () => Promise<BrowserSession>;
  },
  options: BuildOptions,
): Promise<BriefResult[]> {
  const { check, known } = tools;
  const { project } = run;
  for (const section of project.brokenSections) section.problems.forEach((problem) => options.onProblem?.(problem));
  const jobs = check?.jobs ?? (await planJobs(project, options));
  // A job the records answered for is up to date; only the others are planned.
  const planned = await Promise.all(jobs.map((job, index) => known[index]?.map(upToDate) ?? planJob(run, job)));
  const results: BriefResult[] = [];
  const toBuild: BriefPlan[] = [];
  for (const plan of planned.flat()) {
    if (!('request' in plan)) results.push(plan);
    else if (options.force || plan.reasons.length > 0) toBuild.push(plan);
    else results.push(upToDate({ name: plan.request.name }));
  }
  for (const result of results) options.onBrief?.(result);
  options.onPlan?.(toBuild.map((plan) => ({ name: plan.request.name, reasons: plan.reasons })));
  if (toBuild.length > 0) results.push(...(await buildAll(run, toBuild, options, tools)));
  // The jobs planned here are noted current in their records, when the run
  // went through: one that failed leaves the record folder as it was, but for
  // the records of the briefs it built.
  if (results.every((result) => result.status !== 'failed')) {
    const { noteCurrent } = await import('./plan.js');
    await noteCurrent(
      run,
      jobs.map((job, index) => ({ job, plans: planned[index]! })).filter((found): found is { job: Job; plans: BriefPlan[] } => found.plans.every((plan) => 'request' in plan)),
    );
  }
  return order(results, planned.flat());
}

/** Composes, renders and records briefs, loading what that takes only now. */
async function buildAll(
  run: RunContext,
  toBuild: BriefPlan[],
  options: BuildOptions,
  tools: { engines: CitationEngines; browser: () => Promise<BrowserSession> },
): Promise<BriefResult[]> {
  const stages = await loadStages(toBuild);
  const { engines } = tools;
  const results: BriefResult[] = [];
  const concurrency = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), toBuild.length));
  const browser = stages.printing && (await tools.browser());
  if (browser) browser.pages = concurrency;
  const docx = stages.DocxWriter && new stages.DocxWriter({ layers: run.project.layers, root: run.project.root });
  const pageCounts = stages.printing && new stages.printing.PageCountGuess();
  try {
    // Chromium starts in its own process while the citation engines are built here.
    const printed = toBuild.filter((plan) => plan.request.formats.includes('pdf'));
    if (browser && printed.length > 0) browser.warm(`<!DOCTYPE html><html><head><style>${printed[0]!.stylesheet.css}</style></head><body></body></html>`);
    for (const plan of toBuild) engines.warm(plan.style, plan.request.locale);
    // One brief more in flight than there are pages: it is composed while the
    // pages print, so they never wait for Node, and Node never holds up their messages.
    const limit = pLimit(concurrency + 1);
    // One brief composed at a time, so each goes to a page as soon as it is ready.
    const composing = pLimit(1);
    // The first brief's sections are parsed before any other's: it is the one
    // the browser waits for. The others' are parsed next, while the citation
    // engine and the browser are still starting.
    let parsedFirst: () => void = () => undefined;
    const firstParsed = new Promise<void>((resolve) => (parsedFirst = resolve));
    // Every brief settles before the browser closes, even when one fails in a way no
    // result can hold: a brief still printing would otherwise start a new browser.
    await settleAll(
      printOrder(toBuild).map((plan, index) =>
        limit(async () => {
          if (index > 0) await firstParsed;
          const parsed = index === 0 ? parsedFirst : undefined;
          const result = await buildBrief(run, plan, { stages, browser, engines, docx, composing, pageCounts, strict: options.strict ?? false, parsed }).finally(parsed);
          results.push(result);
          options.onBrief?.(result);
        }),
      ),
    );
  } finally {
    await browser?.close();
  }
  return results;
}

/**
 * The modules that compose and render, loaded only when a brief is to be built:
 * the browser and PDF tools only for PDFs, the Word writer only for Word files.
 */
async function loadStages(plans: BriefPlan[]) {
  const wants = (format: string) => plans.some((plan) => plan.request.formats.includes(format as never));
  const [{ briefCitations, composeBrief }, { writeFileAtomic }, { planWarnings }, printing, word] = await Promise.all([
    import('./compose/compose-brief.js'),
    import('./render/write-file.js'),
    import('./plan.js'),
    wants('pdf')
      ? Promise.all([
          import('./render/print-brief.js'),
          import('./render/render-brief.js'),
          import('./render/page-count-guess.js'),
        ])
      : undefined,
    wants('docx') ? import('./render/docx/docx-writer.js') : undefined,
  ]);
  return {
    briefCitations,
    composeBrief,
    writeFileAtomic,
    planWarnings,
    printing: printing && {
      printBrief: printing[0].printBrief,
      renderBrief: printing[1].renderBrief,
      PageCountGuess: printing[2].PageCountGuess,
      countWords: printing[2].countWords,
    },
    DocxWriter: word?.DocxWriter,
  };
}

type Stages = Awaited<ReturnType<typeof loadStages>>;

function upToDate(brief: { name: string }): BriefResult {
  return { name: brief.name, status: 'up-to-date', reasons: [], files: [], warnings: [] };
}

/**
 * The order briefs go to the pages: the quickest brief first, so the browser
 * starts printing as soon as it can; then the longest first, so no long brief
 * is left printing alone at the end while the other pages stand idle.
 */
function printOrder(plans: BriefPlan[]): BriefPlan[] {
  const byLength = [...plans].sort((a, b) => b.sections.length - a.sections.length);
  const quickest = byLength.pop();
  return quickest ? [quickest, ...byLength] : [];
}

/** Waits for every promise to settle, then fails with the first failure, if any. */
async function settleAll(promises: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(promises)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

async function planJob(run: RunContext, job: Job): Promise<(BriefPlan | BriefResult)[]> {
  const { resolveJob } = await import('./plan.js');
  try {
    const requests = await resolveJob(run, job);
    return await Promise.all(requests.map((request) => planOrFail(run, request)));
  } catch (error) {
    return [failure(job.recipeFile ? path.basename(job.recipeFile).replace(/\.ya?ml$/, '') : run.name ?? 'brief', error)];
  }
}

async function planOrFail(run: RunContext, request: BriefRequest): Promise<BriefPlan | BriefResult> {
  const { planBrief } = await import('./plan.js');
  try {
    return await planBrief(run, request);
  } catch (error) {
    return failure(request.name, error);
  }
}

async function buildBrief(
  run: RunContext,
  plan: BriefPlan,
  tools: {
    stages: Stages;
    browser?: BrowserSession;
    engines: CitationEngines;
    docx?: DocxWriter;
    composing: LimitFunction;
    pageCounts?: PageCountGuess;
    strict: boolean;
    /** Called when the brief's sections are parsed. */
    parsed?: () => void;
  },
): Promise<BriefResult> {
  const { stages } = tools;
  const { request, sections } = plan;
  const reasons = plan.reasons.length > 0 ? plan.reasons : ['rebuild forced'];
  const warnings: string[] = [];
  try {
    // Composing is synchronous. Each section not parsed yet is parsed in a turn
    // of its own, with pending browser messages let through between turns: the
    // pages keep printing, and a brief whose citations are ready is composed
    // (and goes to a page) between another's sections, not after them. The
    // citations are formatted meanwhile (in the citation thread, when there is
    // one), once however often the brief is composed.
    const parsed = (async () => {
      for (const section of sections) {
        if (!run.trees.has(section)) await tools.composing(() => run.trees.get(section));
        await yieldToBrowser();
      }
      tools.parsed?.();
    })();
    const base = {
      request,
      sections,
      taxonomy: run.project.taxonomy,
      references: run.project.references.byId,
      unreadable: run.project.references.unreadable,
      items: run.project.references.items,
      style: plan.style,
      engines: tools.engines,
      templates: run.templates,
      stylesheet: plan.stylesheet,
      trees: run.trees,
    };
    // A brief whose citations cannot be formatted is told why by composeBrief (an unknown key, say).
    const formatted = tools.engines.threaded ? parsed.then(() => tools.engines.formatAsync(stages.briefCitations(base))).catch(() => undefined) : parsed.then(() => undefined);
    const compose = async (printing?: Printing) => {
      const citations = await formatted;
      return tools.composing(() => stages.composeBrief({ ...base, formatted: citations, pages: printing?.pages, pageCount: printing?.pageCount }));
    };
    const { printing } = stages;
    // Briefs of one layout tell the next whether it fits on a page (see page-count-guess.ts).
    const layout = [request.template, request.theme, request.paper ?? '', request.lang].join('\0');
    // The reference list fills pages too: its entries count with the sections' words.
    const references = (await formatted)?.bibliography.map((entry) => entry.text) ?? [];
    const words = printing?.countWords([...sections.map((section) => section.body), ...references]) ?? 0;
    const { composed, pdf, overBudget } =
      printing && tools.browser && request.formats.includes('pdf')
        ? await printing.renderBrief({
            compose,
            print: (html) => printing.printBrief({ browser: tools.browser!, html, request, taxonomy: run.project.taxonomy }),
            toc: plan.layout.toc,
            pageCount: tools.pageCounts?.guess(layout, words),
          })
        : { composed: await compose(), pdf: undefined, overBudget: undefined };
    if (pdf) tools.pageCounts?.note(layout, words, pdf.pages);
    warnings.push(...composed.warnings, ...stages.planWarnings(plan));
    if (overBudget) {
      const message = pageBudgetMessage(request, overBudget.pages, overBudget.limit, sections);
      if (tools.strict) throw new BriefwrightError(message);
      warnings.push(message);
    }
    // Made before anything is written, so a failure leaves the previous outputs in place.
    const docx = tools.docx && request.formats.includes('docx') ? await tools.docx.write({ model: composed.model, layout: plan.layout }) : undefined;
    warnings.push(...(docx?.warnings ?? []));
    const built = { ...plan.inputs, references: citedReferences(composed.cited, run.project.references.byId) };
    const made = { inputs: inputsDigest(built), formatFiles: plan.inputs.formatFiles ?? {}, write: stages.writeFileAtomic };
    const outputs = olderOutputs(plan.record, request.formats);
    const files: string[] = [];
    if (request.formats.includes('html')) files.push(await writeOutput(run, made, `${request.name}.html`, composed.html, outputs));
    if (pdf) files.push(await writeOutput(run, made, `${request.name}.pdf`, pdf.bytes, outputs, pdf.pages));
    if (docx) files.push(await writeOutput(run, made, `${request.name}.docx`, docx.bytes, outputs));
    await writeRecord(run.outputDir, { ...built, outputs, ...sameNotes(plan.record, built, outputs) });
    return { name: request.name, status: 'built', reasons, files, pages: pdf?.pages, warnings };
  } catch (error) {
    return { ...failure(request.name, error), reasons, warnings };
  }
}

function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function failure(name: string, error: unknown): BriefResult {
  if (!(error instanceof BriefwrightError)) throw error;
  return { name, status: 'failed', reasons: [], files: [], warnings: [], error };
}

/** Results in the order the briefs were planned, whatever order they finished in. */
function order(results: BriefResult[], planned: (BriefPlan | BriefResult)[]): BriefResult[] {
  const position = new Map(planned.map((plan, index) => ['request' in plan ? plan.request.name : plan.name, index]));
  return [...results].sort((a, b) => (position.get(a.name) ?? 0) - (position.get(b.name) ?? 0));
}

/**
 * The outputs of the last build in formats this one does not make, kept with
 * the inputs each was built from, so `status` can tell they are older.
 */
function olderOutputs(record: BuildRecord | undefined, formats: readonly string[]): BuildRecord['outputs'] {
  if (!record) return {};
  const latest = inputsDigest(record);
  return Object.fromEntries(
    Object.entries(record.outputs)
      .filter(([format]) => !formats.includes(format))
      .map(([format, output]) => [format, { ...output, inputs: output.inputs ?? latest }]),
  );
}

/**
 * The previous record's verifications, when this build recorded the same
 * inputs and outputs (a forced rebuild): they still hold, and the record stays
 * byte for byte what it was.
 */
function sameNotes(previous: BuildRecord | undefined, built: BuildRecord | Omit<BuildRecord, 'outputs'>, outputs: BuildRecord['outputs']): Pick<BuildRecord, 'verified'> {
  if (!previous?.verified || inputsDigest(previous) !== inputsDigest(built)) return {};
  return JSON.stringify(previous.outputs) === JSON.stringify(outputs) ? { verified: previous.verified } : {};
}

async function writeOutput(
  run: RunContext,
  made: { inputs: string; formatFiles: Record<string, Record<string, string>>; write: Stages['writeFileAtomic'] },
  fileName: string,
  data: string | Uint8Array,
  outputs: BuildRecord['outputs'],
  pages?: number,
): Promise<string> {
  const file = path.join(run.outputDir, fileName);
  await made.write(file, data);
  const relative = path.relative(run.project.root, file).split(path.sep).join('/');
  const format = path.extname(fileName).slice(1);
  const files = made.formatFiles[format];
  outputs[format] = { file: relative, hash: hash(data), ...(pages ? { pages } : {}), inputs: made.inputs, ...(files ? { files } : {}) };
  return relative;
}

function pageBudgetMessage(request: BriefRequest, pages: number, limit: number, sections: readonly { id: string; body: string }[]): string {
  const longest = [...sections]
    .map((section) => ({ id: section.id, words: section.body.split(/\s+/).filter(Boolean).length }))
    .sort((a, b) => b.words - a.words)
    .slice(0, 3)
    .map((section) => `${section.id} (${section.words} words)`);
  return (
    `${request.name}.pdf has ${pages} pages, ${pages - limit} over the ${request.template} template's limit of ${limit}` +
    (longest.length > 0 ? `; longest sections: ${longest.join(', ')}` : '')
  );
}
