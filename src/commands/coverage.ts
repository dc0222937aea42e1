import path from 'node:path';
import type { Argv } from 'yargs';
import type { CoverageFormat } from '../coverage/coverage.js';
import { ExitCode } from '../errors.js';
import type { Command } from './command.js';
import type { Console } from './console.js';

/** The formats `coverage` writes (as coverage/coverage.ts's COVERAGE_FORMATS, without loading it). */
const FORMATS = ['html', 'csv', 'json'] as const satisfies readonly CoverageFormat[];

interface CoverageArgs {
  root: string;
  format: CoverageFormat;
  out?: string;
  lang?: string;
  specific: boolean;
}

/** `briefwright coverage`: how well the library covers each population and topic. */
export const coverageCommand: Command = {
  command: 'coverage',
  describe: 'Show how many sections and sources cover each population and topic (HTML heat map, CSV or JSON)',
  options: (y: Argv) =>
    y
      .option('format', { choices: FORMATS, default: 'html' as CoverageFormat, describe: 'html writes output/coverage.html; csv and json print' })
      .option('out', { type: 'string', describe: 'File to write, relative to the project (- for standard output)' })
      .option('lang', { type: 'string', describe: 'Also show which sections a brief in this language can print, such as es' })
      .option('specific', { type: 'boolean', default: false, describe: 'Count only sections written for each population, not those tagged all' })
      .example('$0 coverage', 'write output/coverage.html')
      .example('$0 coverage --format csv > coverage.csv', 'the grid as CSV'),
  run: (args, io) => runCoverage(args as unknown as CoverageArgs, io),
};

async function runCoverage(args: CoverageArgs, io: Console): Promise<number> {
  const [{ coverage }, { counted, coverageCells }] = await Promise.all([import('../coverage/coverage.js'), import('../coverage/coverage-grid.js')]);
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
