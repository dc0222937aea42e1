import path from 'node:path';
import type { Argv } from 'yargs';
import type { BriefResult, BuildOptions } from '../build.js';
import { BriefwrightError, ExitCode } from '../errors.js';
import type { Command } from './command.js';
import type { Console } from './console.js';
import { flagsToFields, RECIPE_FLAGS, type RecipeFlagValues } from './recipe-flags.js';

interface BuildArgs extends RecipeFlagValues {
  root: string;
  recipes?: string[];
  name?: string;
  chrome?: string;
  jobs?: number;
  strict: boolean;
  force: boolean;
  each?: 'population' | 'topic';
  shard?: string;
  shards?: number;
  watch: boolean;
  outDir?: string;
}

/** `briefwright build`: builds briefs, says why each was rebuilt, and how the run went. */
export const buildCommand: Command = {
  command: 'build [recipes..]',
  describe: 'Build briefs: the named recipes, a one-off brief from flags, or every recipe in briefs/',
  options: (y: Argv) =>
    y
      .positional('recipes', { type: 'string', array: true, describe: 'Recipe names (briefs/NAME.yaml) or paths' })
      .options(RECIPE_FLAGS)
      .option('name', { type: 'string', describe: 'Output file name for a one-off brief' })
      .option('chrome', { type: 'string', describe: 'Path to Chrome or Chromium for PDFs' })
      .option('jobs', { type: 'number', describe: 'PDFs printed at once (default: number of cores)' })
      .option('strict', { type: 'boolean', default: false, describe: 'Fail a brief that exceeds its page budget' })
      .option('force', { type: 'boolean', default: false, describe: 'Rebuild even briefs that are up to date' })
      .option('each', { choices: ['population', 'topic'], describe: 'Build one brief per population (or topic) of each recipe' })
      .option('shard', {
        type: 'string',
        describe: 'Build only part K of N of the recipes, as K/N (for splitting across machines); auto: from the CI runner (Kubernetes, CircleCI, GitLab, Buildkite)',
      })
      .option('shards', { type: 'number', describe: 'With --shard auto: the number of shards, where the runner gives only an index (Kubernetes Indexed Jobs)' })
      .option('watch', { type: 'boolean', default: false, describe: 'Keep running; rebuild affected briefs when files change' })
      .option('out-dir', { type: 'string', describe: 'Output folder (default: output/ in the project)' })
      .example('$0 build', 'build every recipe in briefs/')
      .example('$0 build english-learners', 'build briefs/english-learners.yaml')
      .example('$0 build --population els --topic technology-access', 'a one-off brief from flags')
      .example('$0 build full-report --each population', 'one brief per population from one recipe')
      .example('$0 build --shard 2/4', 'the second quarter of the recipes')
      .example('$0 build --shard auto', 'the part the CI runner gives this machine'),
  run: (args, io) => runBuild(args as unknown as BuildArgs, io),
};

async function runBuild(args: BuildArgs, io: Console): Promise<number> {
  if (args.shard === undefined && args.shards !== undefined) throw new BriefwrightError('--shards goes with --shard auto', { kind: 'usage' });
  const { parseShard } = await import('../project/jobs.js');
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
    shard: args.shard === undefined ? undefined : parseShard(args.shard, { shards: args.shards }),
    outputDir: args.outDir,
  };
  if (args.watch) {
    const { watchProject } = await import('../watch.js');
    await watchProject({ root: options.root, onChange: () => buildOnce({ ...options, force: false }, io), io });
    return ExitCode.ok;
  }
  return buildOnce(options, io);
}

async function buildOnce(options: BuildOptions, io: Console): Promise<number> {
  const started = performance.now();
  const [{ build }, { BuildProgress }] = await Promise.all([import('../build.js'), import('./build-progress.js')]);
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
