// Benchmark: whole-process timings of the everyday commands beside baselines
// from the same run, and a batch of N synthetic recipes over the shipped library.
// Usage: npm run bench [-- --only latency,batch,memory,citations,word --runs 7 --recipes 100 --batch-runs 3 --jobs 2 --cli bin/briefwright.js]
//   latency    --help, list, no-op build/status (shipped and --large recipes), one brief
//              cold and after a prose edit, HTML and HTML + PDF; beside `node -e 0` and pandoc
//   batch      N briefs cold against a bare page.pdf() floor (--batch-runs pairs, taken in turn),
//              an unchanged rebuild, a one-reference edit
//   memory     peak memory of `briefwright build --force` over the N briefs, by process
//   citations  the citation engine's share of one brief, and PDF/UA finishing
//   word       what a shipped brief's Word file costs beside composing its HTML
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadProject } from '../src/project/load-project.js';
import { FileLayers } from '../src/project/file-layers.js';
import { PACKAGE_ROOT } from '../src/project/package-root.js';
import { resolveRequest } from '../src/project/brief-request.js';
import { selectSections } from '../src/sections/select.js';
import { BrowserSession } from '../src/render/browser-session.js';
import { CitationEngines } from '../src/citations/citation-engines.js';
import type { CitationMatch } from '../src/citations/parse-citations.js';
import { resolveStyle } from '../src/citations/styles.js';
import { composeBrief } from '../src/compose/compose-brief.js';
import { SectionTrees } from '../src/compose/section-trees.js';
import { loadStylesheet } from '../src/compose/stylesheets.js';
import { TemplateSet } from '../src/compose/templates.js';
import type { Section } from '../src/sections/section.js';
import { findChrome } from '../src/render/find-chrome.js';
import { bareFloor, htmlsIn } from './bare-floor.mjs';
import { docxCost } from './docx-cost.js';
import { finishPdf } from '../src/render/finish-pdf.js';
import { formatLatency, hasPandoc, latency } from './latency.js';
import { runOnce, summarize } from './process-timing.js';
import { makeProject } from './synthetic-project.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: '7' },
    recipes: { type: 'string', default: '100' },
    'batch-runs': { type: 'string', default: '3' },
    large: { type: 'string', default: '1000' },
    jobs: { type: 'string', default: String(os.availableParallelism()) },
    cli: { type: 'string', default: path.join(PACKAGE_ROOT, 'bin', 'briefwright.js') },
  },
});
const PARTS = ['latency', 'batch', 'memory', 'citations', 'word'] as const;
type Part = (typeof PARTS)[number];
const only = values.only?.split(',').map((part) => part.trim()) ?? [...PARTS];
const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}: use --only with any of ${PARTS.join(', ')}`);
const runs = (part: Part) => only.includes(part);
const RECIPES = Number(values.recipes);
const JOBS = Number(values.jobs);
const BATCH_RUNS = Number(values['batch-runs']);
const CLI = path.resolve(values.cli!);
const FLOOR_SCRIPT = fileURLToPath(new URL('./bare-floor.mjs', import.meta.url));

/** Peak memory of a forced build: its Node process, its Chromium processes, and what they were at the peak. */
interface BuildMemory {
  peakNodeMiB: number;
  peakBrowserMiB: number;
  /** At the browser's peak: PSS by Chromium process type (browser, renderer, gpu-process, …), and how many of each. */
  byType: Map<string, { mib: number; count: number }>;
}

/**
 * Runs `briefwright build --force` as users run it, in a process of its own,
 * and samples its memory: the peak resident size of that Node process (VmHWM,
 * which the kernel keeps) and the summed proportional set size (PSS: shared
 * pages divided among the processes sharing them, so nothing is counted twice)
 * of the Chromium processes it started. Only that build's descendants count:
 * other Chromium processes on a shared machine are not its memory.
 */
async function forcedBuildMemory(root: string): Promise<BuildMemory> {
  const child = spawn(process.execPath, [CLI, 'build', '--force', '--jobs', String(JOBS)], {
    cwd: root,
    stdio: 'ignore',
  });
  let peakBrowser = 0;
  let peakNode = 0;
  let byType = new Map<string, { mib: number; count: number }>();
  const sample = () => {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readText(`/proc/${child.pid}/status`));
    if (hwm) peakNode = Math.max(peakNode, Number(hwm[1]) / 1024);
    let total = 0;
    const types = new Map<string, { mib: number; count: number }>();
    for (const pid of descendants(child.pid!)) {
      if (!/chrom/i.test(readText(`/proc/${pid}/comm`))) continue;
      const mib = Number(/^Pss:\s+(\d+) kB/m.exec(readText(`/proc/${pid}/smaps_rollup`))?.[1] ?? 0) / 1024;
      const type = /--type=([\w-]+)/.exec(readText(`/proc/${pid}/cmdline`).replaceAll('\0', ' '))?.[1] ?? 'browser';
      const entry = types.get(type) ?? { mib: 0, count: 0 };
      types.set(type, { mib: entry.mib + mib, count: entry.count + 1 });
      total += mib;
    }
    if (total > peakBrowser) {
      peakBrowser = total;
      byType = types;
    }
  };
  const timer = setInterval(sample, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`briefwright build --force exited with ${code}`);
  return { peakBrowserMiB: peakBrowser, peakNodeMiB: peakNode, byType };
}

/** Every process below `root`, from the parent ids in /proc. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    // The command name in /proc/PID/stat is in parentheses and may hold spaces: the parent id follows the last ')'.
    const stat = readText(`/proc/${name}/stat`);
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const pid of children.get(queue.pop()!) ?? []) {
      found.push(pid);
      queue.push(pid);
    }
  }
  return found;
}

/** A /proc file's text, or '' if the process has ended. */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function median(samples: number[]): number {
  return summarize(samples).median;
}

/** The citation work of one brief against its PDF time, on a warm engine. */
async function citationShare(
  root: string,
): Promise<{ count: number; engineMs: number; formatMs: number; reusedMs: number; printMs: number; pages: number; finishMs: number }> {
  const project = await loadProject({ root });
  const trees = new SectionTrees(root);
  const request = resolveRequest({ fields: { populations: ['all'] }, taxonomy: project.taxonomy, today: '2026-11-23' });
  const sections: Section[] = [];
  let citations: CitationMatch[] = [];
  for (const section of selectSections(project.sections, request)) {
    if (citations.length >= 30) break;
    sections.push(section);
    citations = [...citations, ...trees.get(section).citations.map((c) => c.match)];
  }
  const style = resolveStyle('apa', { root });
  const engines = new CitationEngines();
  let started = performance.now();
  engines.warm(style, 'en-US');
  const engineMs = performance.now() - started;
  const format = () => engines.format({ style, locale: 'en-US', items: project.references.items, citations, fresh: true });
  format();
  started = performance.now();
  format();
  const formatMs = performance.now() - started;
  const reuse = () => engines.format({ style, locale: 'en-US', items: project.references.items, citations });
  reuse();
  started = performance.now();
  reuse();
  const reusedMs = performance.now() - started;
  const html = composeBrief({
    request: { ...request, name: 'share' },
    sections,
    taxonomy: project.taxonomy,
    references: project.references.byId,
    items: project.references.items,
    style,
    engines,
    templates: await TemplateSet.load({ layers: new FileLayers({ project: PACKAGE_ROOT, builtIn: PACKAGE_ROOT }) }),
    stylesheet: await loadStylesheet({ layers: new FileLayers({ project: PACKAGE_ROOT, builtIn: PACKAGE_ROOT }), theme: 'default' }),
    trees,
  }).html;
  const session = new BrowserSession({ browser: () => findChrome(), pages: 1 });
  try {
    await session.print(html, { format: 'Letter', printBackground: true, tagged: true, outline: true });
    started = performance.now();
    const raw = await session.print(html, { format: 'Letter', printBackground: true, tagged: true, outline: true });
    const printMs = performance.now() - started;
    // PDF/UA post-processing of that same print (artifacts, links, structure, XMP): the median of 9 runs.
    const metadata = { title: 'Share', author: '', subject: '', keywords: [], language: 'en', creator: 'bench', date: new Date(0), documentId: '00' };
    const times: number[] = [];
    let pages = 0;
    for (let run = 0; run < 9; run += 1) {
      const begun = performance.now();
      pages = (await finishPdf(raw, { metadata, html })).pages;
      times.push(performance.now() - begun);
    }
    const finishMs = times.sort((a, b) => a - b)[4]!;
    return { count: citations.length, engineMs, formatMs, reusedMs, printMs, pages, finishMs };
  } finally {
    await session.close();
  }
}

/**
 * `briefwright build` over a project, run as users run it: a process of its
 * own, the CLI the package installs. Returns how long it took and when each
 * brief it built was reported (seconds from the start).
 */
async function cliBuild(root: string): Promise<{ seconds: number; builtAt: number[] }> {
  const builtAt: number[] = [];
  const onLine = (line: string, seconds: number) => {
    if (line.startsWith('✓')) builtAt.push(seconds);
  };
  const seconds = await runOnce({ command: process.execPath, args: [CLI, 'build', '--jobs', String(JOBS)], cwd: root, onLine }, 0);
  return { seconds, builtAt };
}

console.log(`briefwright benchmark: ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${os.loadavg()[0]!.toFixed(1)}; parts: ${only.join(', ')}\n`);
if (runs('latency')) {
  if (!hasPandoc()) throw new Error('the latency part needs pandoc for its single-brief baseline');
  const started = performance.now();
  const rows = await latency({ runs: Number(values.runs), cli: CLI, recipes: Number(values.large), log: (line) => console.error(line) });
  console.log(`whole process, median of ${values.runs} runs after a warm-up (${((performance.now() - started) / 1000).toFixed(0)} s in all)\n`);
  console.log(formatLatency(rows));
  if (rows.some((row) => row.baseline && row.targetRatio !== undefined && row.timing.median / row.baseline.timing.median > row.targetRatio)) process.exitCode = 1;
  console.log('');
}
if (runs('batch') || runs('memory') || runs('citations') || runs('word')) {
  const root = await makeProject(RECIPES);
  try {
    const rows: [string, string, string][] = [];
    if (runs('batch')) {
      console.error(`batch: ${RECIPES} recipes, ${JOBS} pages in the browser pool`);
      // Timed without memory sampling: reading /proc for every Chromium process is
      // itself work that would slow the build it measures. Memory is sampled on a
      // forced rebuild afterwards.
      // A cold build and the floors, taken in turn, BATCH_RUNS times: load moves
      // single runs here by a fifth, and mostly moves the pair together.
      const pairs: { cold: Awaited<ReturnType<typeof cliBuild>>; floor: number; taggedFloor: number; processFloor: number }[] = [];
      let htmls: string[] | undefined;
      for (let run = 0; run < BATCH_RUNS; run += 1) {
        if (run > 0) await rm(path.join(root, 'output'), { recursive: true, force: true });
        const cold = await cliBuild(root);
        if (cold.builtAt.length !== RECIPES) throw new Error(`the cold build built ${cold.builtAt.length} of ${RECIPES} briefs`);
        htmls ??= await htmlsIn(path.join(root, 'output'));
        pairs.push({
          cold,
          floor: await bareFloor(htmls, JOBS),
          taggedFloor: await bareFloor(htmls, JOBS, { tagged: true, outline: true }),
          // The same floor as a script of its own: Node's start and puppeteer's loading count, as they do for the build.
          processFloor: await runOnce({ command: process.execPath, args: [FLOOR_SCRIPT, path.join(root, 'output'), String(JOBS)], cwd: root }, 0),
        });
      }
      const cold = pairs.map((pair) => pair.cold).sort((a, b) => a.seconds - b.seconds)[Math.floor(pairs.length / 2)]!;
      const firstBrief = cold.builtAt[0] ?? 0;
      const steady = cold.builtAt.length > 1 ? (cold.builtAt.length - 1) / (cold.builtAt.at(-1)! - firstBrief) : 0;
      const coldSeconds = cold.seconds;
      const floor = median(pairs.map((pair) => pair.floor));
      const taggedFloor = median(pairs.map((pair) => pair.taggedFloor));
      // The ratio of each pair, then their median: what load does to both cancels out.
      const ratio = median(pairs.map((pair) => pair.cold.seconds / pair.floor));
      const taggedRatio = median(pairs.map((pair) => pair.cold.seconds / pair.taggedFloor));
      const processFloor = median(pairs.map((pair) => pair.processFloor));
      const processRatio = median(pairs.map((pair) => pair.cold.seconds / pair.processFloor));
      const unchanged = await cliBuild(root);
      const unchangedBuilt = unchanged.builtAt.length;

      // Edit one reference entry, and count which briefs cite it.
      // Brief records only: the folder also keeps the file stamps and the caches.
      const records = (await readdir(path.join(root, 'output', '.records'))).filter((name) => name.endsWith('.json') && !name.startsWith('.'));
      const citing = new Map<string, number>();
      for (const file of records) {
        const record = JSON.parse(await readFile(path.join(root, 'output', '.records', file), 'utf8'));
        for (const key of Object.keys(record.references)) citing.set(key, (citing.get(key) ?? 0) + 1);
      }
      const [key, expected] = [...citing].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).find(([, count]) => count >= 2) ?? [...citing][0]!;
      const bib = path.join(root, 'content', 'references.bib');
      const text = await readFile(bib, 'utf8');
      const at = text.indexOf(`{${key},`);
      await writeFile(bib, `${text.slice(0, at)}{${key},\n  note = {edited for the benchmark},${text.slice(at + key.length + 2)}`);
      const edit = await cliBuild(root);
      const editBuilt = edit.builtAt.length;
      rows.push(
        [`cold build, ${RECIPES} briefs`, `${coldSeconds.toFixed(2)} s, ${(RECIPES / coldSeconds).toFixed(1)} briefs/s`, `whole process: \`briefwright build\` in a fresh project; median of ${pairs.length}`],
        ['  first brief after', `${firstBrief.toFixed(2)} s`, 'start-up: project, citation engine, browser'],
        ['  then', `${steady.toFixed(1)} briefs/s`, ''],
        ['bare page.pdf() floor', `${floor.toFixed(2)} s, ${(RECIPES / floor).toFixed(1)} briefs/s`, 'launch, then setContent() and pdf() of each brief\'s HTML'],
        ['cold build / floor', `${ratio.toFixed(2)}×`, `median of the ${pairs.length} pairs' ratios (${pairs.map((pair) => (pair.cold.seconds / pair.floor).toFixed(2)).join(', ')}); target ≤ 1.15×: ${ratio <= 1.15 ? 'pass' : 'FAIL'}`],
        ['  floor, tagged with bookmarks', `${taggedFloor.toFixed(2)} s`, 'page.pdf({ tagged: true, outline: true }): what a PDF/UA brief asks Chromium for'],
        ['  cold build / that', `${taggedRatio.toFixed(2)}×`, ''],
        ['  floor, as a process of its own', `${processFloor.toFixed(2)} s`, '`node bench/bare-floor.mjs`: with Node\'s start and puppeteer\'s loading, as the build has'],
        ['  cold build / that', `${processRatio.toFixed(2)}×`, ''],
        ['unchanged rebuild', `${unchanged.seconds.toFixed(2)} s, ${unchangedBuilt} rebuilt`, 'target ≤ 1 s, 0 rebuilt'],
        ['unchanged / cold', `${(unchanged.seconds / coldSeconds).toFixed(3)}×`, ''],
        [`edit of reference ${key}`, `${edit.seconds.toFixed(2)} s, ${editBuilt} rebuilt`, `target: the ${expected} citing it`],
      );
      if (editBuilt !== expected || ratio > 1.15) process.exitCode = 1;
    }
    if (runs('memory')) {
      console.error(`memory: briefwright build --force over ${RECIPES} briefs, from an empty output folder, sampled every 100 ms`);
      // Nothing kept from the batch above: the citation and section caches would spare this build the citation engines.
      await rm(path.join(root, 'output'), { recursive: true, force: true });
      const memory = await forcedBuildMemory(root);
      const whole = memory.peakNodeMiB + memory.peakBrowserMiB;
      const types = [...memory.byType].sort((a, b) => b[1].mib - a[1].mib).map(([type, { mib, count }]) => `${type} ${mib.toFixed(0)}${count > 1 ? ` (${count})` : ''}`);
      rows.push(
        ['peak memory, node', `${memory.peakNodeMiB.toFixed(0)} MiB`, 'peak resident size of `briefwright build --force`, output folder empty'],
        ['peak memory, browser', `${memory.peakBrowserMiB.toFixed(0)} MiB`, 'sum of its Chromium processes (PSS), sampled'],
        ['  by process, at the peak', `${types.join(', ')}`, 'MiB PSS (how many)'],
        ['peak memory, whole run', `${whole.toFixed(0)} MiB`, `target ≤ 800 MiB: ${whole <= 800 ? 'pass' : 'FAIL'}`],
      );
      if (whole > 800) process.exitCode = 1;
    }
    if (runs('citations')) {
      console.error('citations: the citation engine and PDF/UA finishing against one print');
      const citation = await citationShare(root);
      rows.push(
        ['citation engine built once', `${citation.engineMs.toFixed(0)} ms`, 'APA, en-US, before the first brief'],
        [`citations of a ${citation.count}-citation brief`, `${citation.formatMs.toFixed(1)} ms`, `${((citation.formatMs / citation.printMs) * 100).toFixed(1)}% of its ${citation.printMs.toFixed(0)} ms PDF print, rendered afresh`],
        ['  the same, renders reused', `${citation.reusedMs.toFixed(1)} ms`, `${((citation.reusedMs / citation.printMs) * 100).toFixed(1)}%, as in a batch`],
        [`PDF/UA finishing, ${citation.pages} pages`, `${citation.finishMs.toFixed(1)} ms`, `${((citation.finishMs / citation.printMs) * 100).toFixed(1)}% of the same brief's print; target ≤ 10%`],
      );
    }
    if (runs('word')) {
      console.error('word: one shipped brief');
      const word = await docxCost(PACKAGE_ROOT, 'english-learners');
      rows.push([`Word file of a ${word.pages}-page brief`, `${word.docxMs.toFixed(0)} ms`, `target ≤ 100 ms warm; composing its HTML takes ${word.composeMs.toFixed(1)} ms`]);
    }
    const width = Math.max(...rows.map(([label]) => label.length));
    const valueWidth = Math.max(28, ...rows.map(([, value]) => value.length));
    console.log(`batch: ${RECIPES} recipes, ${JOBS} pages in the browser pool\n`);
    for (const [label, value, target] of rows) console.log(`${label.padEnd(width)}  ${value.padEnd(valueWidth)} ${target}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
