import path from 'node:path';
import type { Argv } from 'yargs';
import { ExitCode } from '../errors.js';
import type { Command } from './command.js';
import type { Console } from './console.js';
import { flagsToFields, RECIPE_FLAGS, type RecipeFlagValues } from './recipe-flags.js';

interface StatusArgs extends RecipeFlagValues {
  root: string;
  recipes?: string[];
  each?: 'population' | 'topic';
  json: boolean;
  outDir?: string;
}

/** `briefwright status`: which outputs are stale, and why. */
export const statusCommand: Command = {
  command: 'status [recipes..]',
  describe: 'Say which outputs are stale and why (exit 1 when any is)',
  options: (y: Argv) =>
    y
      .positional('recipes', { type: 'string', array: true, describe: 'Recipe names or paths (default: all)' })
      .options(RECIPE_FLAGS)
      .option('each', { choices: ['population', 'topic'], describe: 'As for build' })
      .option('json', { type: 'boolean', default: false, describe: 'Print JSON for scripts' })
      .option('out-dir', { type: 'string', describe: 'Output folder (default: output/ in the project)' }),
  run: (args, io) => runStatus(args as unknown as StatusArgs, io),
};

async function runStatus(args: StatusArgs, io: Console): Promise<number> {
  const { status } = await import('../status.js');
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
