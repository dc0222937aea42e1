import os from 'node:os';
import path from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import { CitationCache } from './citations/citation-cache.js';
import { CitationEngines } from './citations/citation-engines.js';
import { composeBrief } from './compose/compose-brief.js';
import { BriefwrightError } from './errors.js';
import { openRun, planBrief, resolveJob, type BriefPlan, type RunContext } from './plan.js';
import type { BriefRequest } from './project/brief-request.js';
import { planJobs, type Job, type JobRequest } from './project/jobs.js';
import { citedReferences, hash, writeRecord, type BuildRecord } from './record/build-record.js';
import { BrowserSession } from './render/browser-session.js';
import { findChrome } from './render/find-chrome.js';
import { DocxWriter } from './render/docx/docx-writer.js';
import { behindMessage, isBehind } from './sections/translations.js';
import { printBrief } from './render/print-brief.js';
import { renderBrief, type Printing } from './render/render-brief.js';
import { writeFileAtomic } from './render/write-file.js';

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
 * Builds briefs: load the project; plan each brief (resolve, select, compare with
 * its last build); then compose, render and record only those that changed. One
 * failing brief does not stop the others.
 */
export async function build(options: BuildOptions): Promise<BriefResult[]> {
  const run = await openRun(options);
  const { project, config } = run;
  for (const section of project.brokenSections) section.problems.forEach((problem) => options.onProblem?.(problem));
  const jobs = await planJobs(project, options);
  const planned = (await Promise.all(jobs.map((job) => planJob(run, job)))).flat();
  const results: BriefResult[] = [];
  const toBuild: BriefPlan[] = [];
  for (const plan of planned) {
    if (!('request' in plan)) results.push(plan);
    else if (options.force || plan.reasons.length > 0) toBuild.push(plan);
    else results.push({ name: plan.request.name, status: 'up-to-date', reasons: [], files: [], warnings: [] });
  }
  for (const result of results) options.onBrief?.(result);
  options.onPlan?.(toBuild.map((plan) => ({ name: plan.request.name, reasons: plan.reasons })));
  if (toBuild.length === 0) return order(results, planned);

  const concurrency = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), toBuild.length));
  const browser = new BrowserSession({ browser: () => findChrome({ flag: options.chrome, config: config.chrome }), pages: concurrency });
  const engines = new CitationEngines({ cache: CitationCache.beside(run.outputDir) });
  const docx = new DocxWriter({ layers: project.layers, root: project.root });
  try {
    // Chromium starts in its own process while the citation engines are built here.
    const printed = toBuild.filter((plan) => plan.request.formats.includes('pdf'));
    if (printed.length > 0) browser.warm(`<!DOCTYPE html><html><head><style>${printed[0]!.stylesheet.css}</style></head><body></body></html>`);
    for (const plan of toBuild) engines.warm(plan.style, plan.request.locale);
    // One brief more in flight than there are pages: it is composed while the
    // pages print, so they never wait for Node, and Node never holds up their messages.
    const limit = pLimit(concurrency + 1);
    // One brief composed at a time, so each goes to a page as soon as it is ready.
    const composing = pLimit(1);
    await Promise.all(
      printOrder(toBuild).map((plan) =>
        limit(async () => {
          const result = await buildBrief(run, plan, { browser, engines, docx, composing, strict: options.strict ?? false });
          results.push(result);
          options.onBrief?.(result);
        }),
      ),
    );
  } finally {
    await browser.close();
  }
  return order(results, planned);
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

async function planJob(run: RunContext, job: Job): Promise<(BriefPlan | BriefResult)[]> {
  try {
    const requests = await resolveJob(run, job);
    return await Promise.all(requests.map((request) => planOrFail(run, request)));
  } catch (error) {
    return [failure(job.recipeFile ? path.basename(job.recipeFile).replace(/\.ya?ml$/, '') : run.name ?? 'brief', error)];
  }
}

async function planOrFail(run: RunContext, request: BriefRequest): Promise<BriefPlan | BriefResult> {
  try {
    return await planBrief(run, request);
  } catch (error) {
    return failure(request.name, error);
  }
}

async function buildBrief(
  run: RunContext,
  plan: BriefPlan,
  tools: { browser: BrowserSession; engines: CitationEngines; docx: DocxWriter; composing: LimitFunction; strict: boolean },
): Promise<BriefResult> {
  const { request, sections } = plan;
  const reasons = plan.reasons.length > 0 ? plan.reasons : ['rebuild forced'];
  const warnings: string[] = [];
  try {
    // Composing is synchronous. Letting pending browser messages through first,
    // and between parsing sections not parsed yet, keeps the pages printing
    // while Node composes the next brief.
    const compose = (printing?: Printing) => tools.composing(async () => {
      await yieldToBrowser();
      for (const section of sections) {
        if (run.trees.has(section)) continue;
        run.trees.get(section);
        await yieldToBrowser();
      }
      return composeBrief({
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
        pages: printing?.pages,
        pageCount: printing?.pageCount,
        trees: run.trees,
      });
    });
    const { composed, pdf, overBudget } = await renderBrief({
      compose,
      print: request.formats.includes('pdf') ? (html) => printBrief({ browser: tools.browser, html, request, taxonomy: run.project.taxonomy }) : undefined,
      toc: plan.layout.toc,
    });
    warnings.push(...composed.warnings, ...sections.filter(isBehind).map(behindMessage));
    if (overBudget) {
      const message = pageBudgetMessage(request, overBudget.pages, overBudget.limit, sections);
      if (tools.strict) throw new BriefwrightError(message);
      warnings.push(message);
    }
    // Made before anything is written, so a failure leaves the previous outputs in place.
    const docx = request.formats.includes('docx') ? await tools.docx.write({ model: composed.model, layout: plan.layout }) : undefined;
    warnings.push(...(docx?.warnings ?? []));
    const outputs: BuildRecord['outputs'] = {};
    const files: string[] = [];
    if (request.formats.includes('html')) files.push(await writeOutput(run, `${request.name}.html`, composed.html, outputs));
    if (pdf) files.push(await writeOutput(run, `${request.name}.pdf`, pdf.bytes, outputs, pdf.pages));
    if (docx) files.push(await writeOutput(run, `${request.name}.docx`, docx.bytes, outputs));
    await writeRecord(run.outputDir, {
      ...plan.inputs,
      references: citedReferences(composed.cited, run.project.references.byId),
      outputs,
    });
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
