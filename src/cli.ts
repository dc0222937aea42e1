import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { build, type BriefResult, type BuildOptions } from './build.js';
import { auditOutputs } from './audit/audit-outputs.js';
import { check } from './check.js';
import { BuildProgress } from './build-progress.js';
import { parseShard } from './project/jobs.js';
import { status } from './status.js';
import { runTranslate, translateOptions } from './commands/translate.js';
import { describeCoverage } from './sections/translation-checks.js';
import { watchProject } from './watch.js';
import { BriefwrightError, ExitCode, ProblemList } from './errors.js';
import { list, LISTABLE } from './list.js';
import { VERSION } from './project/package-root.js';
import type { RecipeFields } from './project/recipe.js';
import { coverage, COVERAGE_FORMATS, type CoverageFormat } from './coverage/coverage.js';
import { counted, coverageCells } from './coverage/coverage-grid.js';
import { initProject } from './init/init-project.js';
import { startPreview } from './preview/preview-server.js';
import { isLoopback } from './preview/request-guard.js';

/** A place to write lines (stdout and stderr, or a test's buffers). */
export interface Console {
  out(line: string): void;
  err(line: string): void;
  /** Whether a person watches (a terminal, not CI): progress bars instead of log lines. */
  interactive?: boolean;
}

const processConsole: Console = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
};

/** Recipe fields that can be given as flags, with their help text. */
const RECIPE_FLAGS = {
  population: { type: 'string', array: true, describe: 'Population id or alias (repeat or comma-separate); "all" for every population' },
  topic: { type: 'string', array: true, describe: 'Topic id or alias (repeat or comma-separate); none means any topic' },
  template: { type: 'string', describe: 'Layout: brief, handout, report, annotated-bibliography, or any in templates/' },
  format: { type: 'string', describe: 'Outputs to write: html, pdf, docx, or several (html,pdf,docx)' },
  style: { type: 'string', describe: 'Citation style: apa, vancouver, harvard1, a .csl file, or a CSL style id' },
  locale: { type: 'string', describe: 'Citation locale, such as en-US or es-MX (default: one that suits --lang)' },
  lang: { type: 'string', describe: 'The brief\'s language, such as en, es or es-MX: labels, dates, translated sections' },
  fallback: { type: 'string', describe: 'Language whose sections stand in for missing translations, such as en' },
  theme: { type: 'string', describe: 'Theme folder under styles/themes/' },
  title: { type: 'string', describe: 'Brief title' },
  subtitle: { type: 'string', describe: 'Brief subtitle' },
  audience: { type: 'string', describe: 'Who the brief is for' },
  author: { type: 'string', describe: 'Author shown in the PDF metadata' },
  organization: { type: 'string', describe: 'Organization shown in the title block' },
  date: { type: 'string', describe: 'Publication date, YYYY-MM-DD' },
  include: { type: 'string', array: true, describe: 'Section id to add regardless of tags' },
  exclude: { type: 'string', array: true, describe: 'Section id to leave out' },
  paper: { type: 'string', choices: ['letter', 'a4'], describe: 'Paper size of the PDF (default: the theme\'s, else letter)' },
  toc: { type: 'boolean', describe: 'Add a table of contents (with page numbers in the PDF) to any template' },
} as const;

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], io: Console = processConsole): Promise<number> {
  let code: number = ExitCode.ok;
  const parser = yargs([...argv])
    .scriptName('briefwright')
    .usage('$0 <command> [options]\n\nTurn a library of evidence sections into policy briefs (HTML and PDF).')
    .option('root', { type: 'string', default: '.', describe: 'Project folder', global: true })
    .command(
      'build [recipes..]',
      'Build briefs: the named recipes, a one-off brief from flags, or every recipe in briefs/',
      (y: Argv) =>
        y
          .positional('recipes', { type: 'string', array: true, describe: 'Recipe names (briefs/NAME.yaml) or paths' })
          .options(RECIPE_FLAGS)
          .option('name', { type: 'string', describe: 'Output file name for a one-off brief' })
          .option('chrome', { type: 'string', describe: 'Path to Chrome or Chromium for PDFs' })
          .option('jobs', { type: 'number', describe: 'PDFs printed at once (default: number of cores)' })
          .option('strict', { type: 'boolean', default: false, describe: 'Fail a brief that exceeds its page budget' })
          .option('force', { type: 'boolean', default: false, describe: 'Rebuild even briefs that are up to date' })
          .option('each', { choices: ['population', 'topic'], describe: 'Build one brief per population (or topic) of each recipe' })
          .option('shard', { type: 'string', describe: 'Build only part K of N of the recipes, as K/N (for splitting across machines)' })
          .option('watch', { type: 'boolean', default: false, describe: 'Keep running; rebuild affected briefs when files change' })
          .option('out-dir', { type: 'string', describe: 'Output folder (default: output/ in the project)' })
          .example('$0 build', 'build every recipe in briefs/')
          .example('$0 build english-learners', 'build briefs/english-learners.yaml')
          .example('$0 build --population els --topic technology-access', 'a one-off brief from flags')
          .example('$0 build full-report --each population', 'one brief per population from one recipe')
          .example('$0 build --shard 2/4', 'the second quarter of the recipes'),
      async (args) => {
        code = await runBuild(args as unknown as BuildArgs, io);
      },
    )
    .command(
      'status [recipes..]',
      'Say which outputs are stale and why (exit 1 when any is)',
      (y: Argv) =>
        y
          .positional('recipes', { type: 'string', array: true, describe: 'Recipe names or paths (default: all)' })
          .options(RECIPE_FLAGS)
          .option('each', { choices: ['population', 'topic'], describe: 'As for build' })
          .option('json', { type: 'boolean', default: false, describe: 'Print JSON for scripts' })
          .option('out-dir', { type: 'string', describe: 'Output folder (default: output/ in the project)' }),
      async (args) => {
        code = await runStatus(args as unknown as StatusArgs, io);
      },
    )
    .command(
      'check [files..]',
      'Validate the project: taxonomy, front matter, citations, templates, recipes; with --output, audit built briefs',
      (y: Argv) =>
        y
          .positional('files', { type: 'string', array: true, describe: 'With --output: HTML and PDF files to audit (default: all in output/)' })
          .option('output', { type: 'boolean', default: false, describe: 'Audit built HTML briefs: axe-core in Chromium and the W3C HTML checker' })
          .option('chrome', { type: 'string', describe: 'Path to Chrome or Chromium for the audit' }),
      async (args) => {
        code = args.output
          ? await runAudit(String(args.root), (args.files as string[] | undefined) ?? [], args.chrome as string | undefined, io)
          : await runCheck(String(args.root), io);
      },
    )
    .command(
      'list <what>',
      `List ${LISTABLE.join(' | ')}`,
      (y: Argv) => y.positional('what', { choices: LISTABLE, describe: 'What to list' }),
      async (args) => {
        const lines = await list({ root: String(args.root), what: args.what as (typeof LISTABLE)[number] });
        for (const line of lines) io.out(line);
      },
    )
    .command(
      'preview',
      'Serve a local page to pick populations and topics, preview the brief, download it, save it as a recipe; reloads on edits',
      (y: Argv) =>
        y
          .option('port', { type: 'number', default: 4321, describe: 'Port to listen on (0: any free port)' })
          .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on; other than loopback exposes the project to the network' })
          .option('chrome', { type: 'string', describe: 'Path to Chrome or Chromium for PDFs' })
          .option('jobs', { type: 'number', describe: 'PDFs printed at once (default: 2)' })
          .option('queue', { type: 'number', default: 32, describe: 'PDF requests that may wait; more are refused with 503' })
          .option('timeout', { type: 'number', default: 60, describe: 'Seconds a PDF may take before the request fails with 504' })
          .example('$0 preview', 'serve http://127.0.0.1:4321/')
          .example('$0 preview --port 0', 'serve on any free port'),
      async (args) => {
        code = await runPreview(args as unknown as PreviewArgs, io);
      },
    )
    .command(
      'coverage',
      'Show how many sections and sources cover each population and topic (HTML heat map, CSV or JSON)',
      (y: Argv) =>
        y
          .option('format', { choices: COVERAGE_FORMATS, default: 'html' as CoverageFormat, describe: 'html writes output/coverage.html; csv and json print' })
          .option('out', { type: 'string', describe: 'File to write, relative to the project (- for standard output)' })
          .option('lang', { type: 'string', describe: 'Also show which sections a brief in this language can print, such as es' })
          .option('specific', { type: 'boolean', default: false, describe: 'Count only sections written for each population, not those tagged all' })
          .example('$0 coverage', 'write output/coverage.html')
          .example('$0 coverage --format csv > coverage.csv', 'the grid as CSV'),
      async (args) => {
        code = await runCoverage(args as unknown as CoverageArgs, io);
      },
    )
    .command(
      'init <dir>',
      'Create a new project folder with a small example that builds at once',
      (y: Argv) =>
        y
          .positional('dir', { type: 'string', describe: 'Folder to create (or an empty one)' })
          .option('force', { type: 'boolean', default: false, describe: 'Add the example files to a folder that is not empty' })
          .option('theme', { type: 'string', describe: 'Also scaffold a theme to edit, styles/themes/NAME/ (in an existing project: only the theme)' }),
      async (args) => {
        code = await runInit(String(args.dir), Boolean(args.force), io, args.theme as string | undefined);
      },
    )
    .command('translate', 'Keep translated sections in step with their originals (translate mark FILE...)', (y: Argv) =>
      translateOptions(y, async (args) => void (code = await runTranslate(args, io))),
    )
    .demandCommand(1, 'Name a command: build, status, check, list, preview, coverage, init or translate (see --help)')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new BriefwrightError(message, { kind: 'usage' });
    });
  try {
    await parser.parseAsync();
    return code;
  } catch (error) {
    return report(error, io);
  }
}

interface BuildArgs extends Record<keyof typeof RECIPE_FLAGS, unknown> {
  root: string;
  recipes?: string[];
  name?: string;
  chrome?: string;
  jobs?: number;
  strict: boolean;
  force: boolean;
  each?: 'population' | 'topic';
  shard?: string;
  watch: boolean;
  outDir?: string;
}

interface StatusArgs extends Record<keyof typeof RECIPE_FLAGS, unknown> {
  root: string;
  recipes?: string[];
  each?: 'population' | 'topic';
  json: boolean;
  outDir?: string;
}

async function runBuild(args: BuildArgs, io: Console): Promise<number> {
  const options: BuildOptions = {
    root: path.resolve(args.root),
    recipes: args.recipes,
    fields: flagsToFields(args),
    name: args.name,
    chrome: args.chrome,
    jobs: args.jobs,
    strict: args.strict,
    force: args.force,
    each: args.each,
    shard: args.shard === undefined ? undefined : parseShard(args.shard),
    outputDir: args.outDir,
  };
  if (args.watch) {
    await watchProject({ root: options.root, onChange: () => buildOnce({ ...options, force: false }, io), io });
    return ExitCode.ok;
  }
  return buildOnce(options, io);
}

async function buildOnce(options: BuildOptions, io: Console): Promise<number> {
  const started = performance.now();
  const progress = new BuildProgress(io);
  let problems = 0;
  const onProblem = (problem: BriefwrightError) => {
    problems += 1;
    io.err(`error: ${problem.format()}`);
  };
  const results = await build({ ...options, onPlan: (plans) => progress.start(plans.length), onBrief: (result) => progress.done(result), onProblem });
  progress.stop();
  const count = (state: BriefResult['status']) => results.filter((result) => result.status === state).length;
  const failed = results.filter((result) => result.status === 'failed');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.out(`${count('built')} rebuilt, ${count('up-to-date')} up to date${failed.length > 0 ? `, ${failed.length} failed` : ''} in ${seconds}s`);
  if (failed.length === 0) return problems > 0 ? ExitCode.input : ExitCode.ok;
  io.err(`failed: ${failed.map((result) => result.name).join(', ')}`);
  const kinds = new Set(failed.map((result) => result.error?.kind));
  return kinds.has('browser') ? ExitCode.browser : kinds.has('input') ? ExitCode.input : ExitCode.failed;
}

async function runStatus(args: StatusArgs, io: Console): Promise<number> {
  const statuses = await status({
    root: path.resolve(args.root),
    recipes: args.recipes,
    fields: flagsToFields(args),
    each: args.each,
    outputDir: args.outDir,
  });
  const stale = statuses.filter((brief) => brief.stale);
  if (args.json) io.out(JSON.stringify({ stale: stale.length, current: statuses.length - stale.length, briefs: statuses }, null, 2));
  else {
    for (const brief of stale) {
      const names = brief.outputs.length > 0 ? brief.outputs.map((file) => path.basename(file)).join(', ') : brief.name;
      io.out(`${names}: ${brief.reasons.join('; ')}`);
    }
    for (const warning of new Set(statuses.flatMap((brief) => brief.warnings))) io.out(`warning: ${warning}`);
    io.out(stale.length === 0 ? `all ${statuses.length} briefs are up to date` : `${stale.length} of ${statuses.length} briefs stale`);
  }
  return stale.length === 0 ? ExitCode.ok : ExitCode.failed;
}

async function runCheck(root: string, io: Console): Promise<number> {
  const report = await check({ root: path.resolve(root) });
  for (const problem of report.problems) io.err(`error: ${problem.format()}`);
  for (const warning of report.warnings) io.err(`warning: ${warning}`);
  for (const language of report.translations) io.out(`translations: ${describeCoverage(language)}`);
  if (report.problems.length === 0) {
    io.out(`project OK${report.warnings.length > 0 ? ` (${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'})` : ''}`);
    return ExitCode.ok;
  }
  io.err(`${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} found`);
  return ExitCode.input;
}

interface PreviewArgs {
  root: string;
  port: number;
  host: string;
  chrome?: string;
  jobs?: number;
  queue: number;
  timeout: number;
}

async function runPreview(args: PreviewArgs, io: Console): Promise<number> {
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new BriefwrightError(`--port must be a whole number from 0 to 65535 (got ${args.port})`, { kind: 'usage' });
  }
  const server = await startPreview({
    root: path.resolve(args.root),
    port: args.port,
    host: args.host,
    chrome: args.chrome,
    jobs: args.jobs,
    queue: args.queue,
    timeoutMs: Math.max(1, args.timeout) * 1000,
    log: (line) => io.err(line),
  });
  if (!isLoopback(server.host)) io.err(`warning: listening on ${server.host}: anyone who can reach this machine can read the project and save recipes`);
  io.out(`preview at ${server.url} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return ExitCode.ok;
}

interface CoverageArgs {
  root: string;
  format: CoverageFormat;
  out?: string;
  lang?: string;
  specific: boolean;
}

async function runCoverage(args: CoverageArgs, io: Console): Promise<number> {
  const result = await coverage({ root: path.resolve(args.root), format: args.format, out: args.out, lang: args.lang, specific: args.specific });
  if (!result.file) {
    io.out(result.text.replace(/\r?\n$/, ''));
    return ExitCode.ok;
  }
  const cells = coverageCells(result.grid);
  const empty = cells.filter((cell) => counted(cell) === 0).length;
  io.out(`wrote ${result.file}: ${cells.length} population × topic pairs, ${empty} without sections${args.lang ? ` in ${args.lang}` : ''}`);
  return ExitCode.ok;
}

async function runInit(dir: string, force: boolean, io: Console, theme?: string): Promise<number> {
  const result = await initProject({ dir, force, theme });
  io.out(`created ${result.files.length} files in ${dir}:`);
  for (const file of result.files) io.out(`  ${file}`);
  io.out(`next: cd ${dir} && briefwright build   (or: briefwright preview)`);
  return ExitCode.ok;
}

async function runAudit(root: string, files: string[], chrome: string | undefined, io: Console): Promise<number> {
  let validated = true;
  const problems = await auditOutputs({
    root: path.resolve(root),
    files,
    chrome,
    onWarning: (message) => {
      if (/HTML checker/.test(message)) validated = false;
      io.err(`warning: ${message}`);
    },
    onNote: (message) => io.out(message),
  });
  for (const problem of problems) io.err(`error: ${problem.format()}`);
  if (problems.length === 0) {
    io.out(`built briefs pass the audit: axe-core${validated ? ', the W3C HTML checker' : ''} and briefwright's PDF/UA-1 checks, where they apply`);
    return ExitCode.ok;
  }
  io.err(`${problems.length} problem${problems.length === 1 ? '' : 's'} found`);
  return ExitCode.input;
}

/** Command-line recipe flags as recipe fields; a flag not given stays undefined. */
export function flagsToFields(args: Partial<Record<keyof typeof RECIPE_FLAGS, unknown>>): RecipeFields {
  const list = (value: unknown) =>
    Array.isArray(value) ? value.flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter(Boolean) : undefined;
  const text = (value: unknown) => (value === undefined ? undefined : String(value));
  const formats = list(args.format === undefined ? undefined : [args.format]);
  for (const format of formats ?? []) {
    if (format !== 'html' && format !== 'pdf' && format !== 'docx') {
      throw new BriefwrightError(`unknown format '${format}' (use html, pdf, docx, or several: html,pdf,docx)`, { kind: 'usage' });
    }
  }
  return {
    populations: list(args.population),
    topics: list(args.topic),
    template: text(args.template),
    formats: formats as RecipeFields['formats'],
    style: text(args.style),
    locale: text(args.locale),
    lang: text(args.lang),
    fallback: text(args.fallback),
    theme: text(args.theme),
    title: text(args.title),
    subtitle: text(args.subtitle),
    audience: text(args.audience),
    author: text(args.author),
    organization: text(args.organization),
    date: text(args.date),
    include: list(args.include),
    exclude: list(args.exclude),
    paper: text(args.paper) as RecipeFields['paper'],
    toc: args.toc as boolean | undefined,
  };
}

function report(error: unknown, io: Console): number {
  if (error instanceof ProblemList) {
    for (const problem of error.problems) io.err(`error: ${problem.format()}`);
    io.err(error.message);
    return ExitCode[error.kind];
  }
  if (error instanceof BriefwrightError) {
    io.err(`error: ${error.format()}`);
    if (error.kind === 'usage') io.err("run 'briefwright --help' for usage");
    return ExitCode[error.kind];
  }
  io.err(`internal error: ${(error as Error)?.stack ?? String(error)}`);
  return ExitCode.internal;
}
