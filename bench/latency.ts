// Whole-process figures: the commands users run most, each timed as a process
// of its own beside a baseline measured in the same run (`node -e 0` for what
// only starts up, pandoc for one brief), so a loaded machine moves both alike.
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/project/package-root.js';
import { pandocBaseline } from './pandoc-baseline.js';
import { runOnce, timeInterleaved, type TimedCommand, type Timing } from './process-timing.js';
import { makeProject } from './synthetic-project.js';

/** How the whole-process figures are taken. */
export interface LatencyOptions {
  /** Timed runs per figure, after one discarded warm-up run. */
  runs: number;
  /** The CLI entry point to time (default: this checkout's bin/briefwright.js). */
  cli?: string;
  /** Recipes in the large synthetic project. */
  recipes?: number;
  /** The shipped recipe timed as a single brief. */
  brief?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** One figure beside its baseline. */
export interface LatencyRow {
  label: string;
  timing: Timing;
  baseline?: { label: string; timing: Timing };
  /** Highest ratio to the baseline the figure may have. */
  targetRatio?: number;
  /** The target in seconds on the machine the targets were set on, for reference. */
  targetSeconds?: number;
  note?: string;
}

type Key =
  | 'node'
  | 'pandocHtml'
  | 'pandocPdf'
  | 'help'
  | 'listTemplates'
  | 'buildShipped'
  | 'statusShipped'
  | 'buildSynthetic'
  | 'statusSynthetic'
  | 'htmlCold'
  | 'htmlEdit'
  | 'pdfCold'
  | 'pdfEdit';

/** The files that make the shipped project (the rest of the repository is the tool). */
const PROJECT_FILES = ['briefs', 'content', 'briefwright.yaml'];

/** Times the whole-process figures and returns them in the order of the targets table. */
export async function latency(options: LatencyOptions): Promise<LatencyRow[]> {
  const log = options.log ?? (() => undefined);
  const cli = path.resolve(options.cli ?? path.join(PACKAGE_ROOT, 'bin', 'briefwright.js'));
  const recipes = options.recipes ?? 1000;
  const brief = options.brief ?? 'english-learners';
  const work = await mkdtemp(path.join(os.tmpdir(), 'briefwright-latency-'));
  const briefwright = (cwd: string, args: string[], extra: Partial<TimedCommand> = {}): TimedCommand => ({
    command: process.execPath,
    args: [cli, ...args],
    cwd,
    ...extra,
  });
  const prepare = async (command: TimedCommand, what: string) => {
    const started = performance.now();
    await runOnce(command, 0);
    log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  try {
    log('preparing projects');
    const copy = async (name: string) => {
      const root = path.join(work, name);
      await mkdir(root);
      for (const entry of PROJECT_FILES) {
        if (existsSync(path.join(PACKAGE_ROOT, entry))) await cp(path.join(PACKAGE_ROOT, entry), path.join(root, entry), { recursive: true });
      }
      return root;
    };
    const shipped = await copy('shipped');
    await prepare(briefwright(shipped, ['build']), 'shipped project built');
    const shippedBriefs = (await readdir(path.join(shipped, 'briefs'))).filter((file) => /\.ya?ml$/.test(file)).length;
    const synthetic = await makeProject(recipes, path.join(work, 'synthetic'), { formats: ['html'] });
    await prepare(briefwright(synthetic, ['build']), `${recipes}-recipe project built (HTML)`);

    const baseline = await pandocBaseline(shipped, brief, path.join(work, 'pandoc'));
    const htmlCold = await copy('html-cold');
    const htmlEdit = await copy('html-edit');
    const pdfCold = await copy('pdf-cold');
    const pdfEdit = await copy('pdf-edit');
    await prepare(briefwright(htmlEdit, ['build', brief, '--format', 'html']), `${brief} built (HTML)`);
    await prepare(briefwright(pdfEdit, ['build', brief, '--format', 'html,pdf']), `${brief} built (HTML + PDF)`);
    const original = await readFile(path.join(htmlEdit, baseline.firstSection), 'utf8');
    // A new closing paragraph on the brief's first section: the prose changes, no citation does.
    const proseEdit = (root: string) => async (run: number) =>
      writeFile(path.join(root, baseline.firstSection), `${original.trimEnd()}\n\nThis paragraph is edit ${run + 1} of the benchmark.\n`);
    // No earlier run: no outputs, no build records, nothing else kept in output/.
    const wipeOutput = (root: string) => async () => rm(path.join(root, 'output'), { recursive: true, force: true });

    const commands: Partial<Record<Key, TimedCommand>> = {
      node: { command: process.execPath, args: ['-e', '0'], cwd: work },
      pandocHtml: baseline.html,
      ...(baseline.pdf ? { pandocPdf: baseline.pdf } : {}),
      help: briefwright(shipped, ['--help']),
      listTemplates: briefwright(shipped, ['list', 'templates']),
      buildShipped: briefwright(shipped, ['build']),
      // status exits 1 when anything is stale: 0 is the proof that nothing was.
      statusShipped: briefwright(shipped, ['status']),
      buildSynthetic: briefwright(synthetic, ['build']),
      statusSynthetic: briefwright(synthetic, ['status']),
      htmlCold: briefwright(htmlCold, ['build', brief, '--format', 'html'], { before: wipeOutput(htmlCold) }),
      htmlEdit: briefwright(htmlEdit, ['build', brief, '--format', 'html'], { before: proseEdit(htmlEdit) }),
      pdfCold: briefwright(pdfCold, ['build', brief, '--format', 'html,pdf'], { before: wipeOutput(pdfCold) }),
      pdfEdit: briefwright(pdfEdit, ['build', brief, '--format', 'html,pdf'], { before: proseEdit(pdfEdit) }),
    };
    log(`timing: ${options.runs} runs of each figure, in turns, after a warm-up round`);
    const times = await timeInterleaved(commands as Record<Key, TimedCommand>, options.runs, (round) =>
      log(round === 0 ? '  warm-up round' : `  round ${round} of ${options.runs}`),
    );
    const node = { label: '`node -e 0`', timing: times.node };
    const pandoc = { label: `pandoc → HTML`, timing: times.pandocHtml };
    const peer = times.pandocPdf ? `pandoc + WeasyPrint → PDF: ${times.pandocPdf.median.toFixed(2)} s` : 'WeasyPrint not installed';
    const rows: LatencyRow[] = [
      { label: 'baseline: `node -e 0`', timing: times.node },
      {
        label: 'baseline: pandoc → HTML, --citeproc',
        timing: times.pandocHtml,
        note: `${brief}: ${baseline.sections} sections, ${baseline.words} words, APA`,
      },
      ...(times.pandocPdf ? [{ label: 'peer: pandoc + WeasyPrint → PDF', timing: times.pandocPdf, baseline: pandoc, note: 'not a target' }] : []),
      { label: 'briefwright --help', timing: times.help, baseline: node, targetRatio: 3, targetSeconds: 0.4 },
      { label: 'briefwright list templates', timing: times.listTemplates, baseline: node, targetRatio: 3, targetSeconds: 0.4 },
      { label: `build, nothing stale, ${shippedBriefs} shipped`, timing: times.buildShipped, baseline: node, targetRatio: 3.5, targetSeconds: 0.45 },
      { label: `status, nothing stale, ${shippedBriefs} shipped`, timing: times.statusShipped, baseline: node, targetRatio: 3.5, targetSeconds: 0.45 },
      { label: `build, nothing stale, ${recipes.toLocaleString('en-US')} briefs`, timing: times.buildSynthetic, baseline: node, targetRatio: 5, targetSeconds: 0.65 },
      { label: `status, nothing stale, ${recipes.toLocaleString('en-US')} briefs`, timing: times.statusSynthetic, baseline: node, targetRatio: 5, targetSeconds: 0.65 },
      { label: `one brief, HTML, cold`, timing: times.htmlCold, baseline: pandoc, targetRatio: 5.2, targetSeconds: 1.5 },
      { label: `one brief, HTML, prose edit`, timing: times.htmlEdit, baseline: pandoc, targetRatio: 2.1, targetSeconds: 0.6 },
      { label: `one brief, HTML + PDF, cold`, timing: times.pdfCold, baseline: pandoc, targetRatio: 8.7, targetSeconds: 2.5, note: peer },
      { label: `one brief, HTML + PDF, prose edit`, timing: times.pdfEdit, baseline: pandoc, targetRatio: 5.6, targetSeconds: 1.6, note: peer },
    ];
    return rows;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The figures as a table: seconds, baseline, ratio, target ratio, pass or fail. */
export function formatLatency(rows: LatencyRow[]): string {
  const header = ['figure', 'median s', 'min–max s', 'baseline s', 'ratio', 'target', 'result', 'note'];
  const cells = rows.map((row) => {
    const ratio = row.baseline ? row.timing.median / row.baseline.timing.median : undefined;
    const pass = ratio !== undefined && row.targetRatio !== undefined ? (ratio <= row.targetRatio ? 'pass' : 'FAIL') : '';
    return [
      row.label,
      row.timing.median.toFixed(3),
      `${row.timing.min.toFixed(2)}–${row.timing.max.toFixed(2)}`,
      row.baseline ? row.baseline.timing.median.toFixed(3) : '',
      ratio === undefined ? '' : `${ratio.toFixed(2)}×`,
      row.targetRatio === undefined ? '' : `≤ ${row.targetRatio}× (${row.targetSeconds} s)`,
      pass,
      row.note ?? '',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((cell) => cell[column]!.length)));
  const line = (cell: string[]) => cell.map((text, column) => text.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

/** Whether pandoc can be run (the single-brief baseline needs it). */
export function hasPandoc(): boolean {
  return spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0;
}
