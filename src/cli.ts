import yargs, { type Arguments, type Argv, type MiddlewareFunction } from 'yargs';
import { browserCommand } from './commands/browser.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import type { Command } from './commands/command.js';
import { processConsole, type Console } from './commands/console.js';
import { coverageCommand } from './commands/coverage.js';
import { initCommand } from './commands/init.js';
import { listCommand } from './commands/list.js';
import { previewCommand } from './commands/preview.js';
import { statusCommand } from './commands/status.js';
import { translateCommand } from './commands/translate.js';
import { checkUsage, commandName } from './commands/usage.js';
import { BriefwrightError, ExitCode, ProblemList } from './errors.js';
import { VERSION } from './project/package-root.js';

export type { Console } from './commands/console.js';
export { endQuietlyOnClosedPipe } from './commands/console.js';
export { flagsToFields } from './commands/recipe-flags.js';

/**
 * The commands, in the order help lists them. Each declares its options here and
 * imports what it runs only when it runs (see Command).
 */
const COMMANDS: readonly Command[] = [
  buildCommand,
  statusCommand,
  checkCommand,
  listCommand,
  previewCommand,
  coverageCommand,
  initCommand,
  translateCommand,
  browserCommand,
];

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[], io: Console = processConsole): Promise<number> {
  // yargs parses and checks the command line; the command runs after, not as a
  // yargs handler: before each handler it runs, yargs renders the command's
  // whole help text in case the handler fails, a tenth of a second of start-up.
  const register = (parser: Argv, command: Command): Argv =>
    parser.command(command.command, command.describe, (y: Argv) => (command.subcommands ?? []).reduce(register, command.options?.(y) ?? y));
  const parser = COMMANDS.reduce(
    register,
    yargs([...argv])
      .scriptName('briefwright')
      .usage('$0 <command> [options]\n\nTurn a library of evidence sections into policy briefs (HTML and PDF).')
      .option('root', { type: 'string', default: '.', describe: 'Project folder', global: true }),
  )
    // Before yargs' own checks: every unknown command, option or value gets a did-you-mean.
    .middleware(checkBeforeYargs(argv), true)
    .demandCommand(1, `Name a command: ${COMMANDS.map(commandName).join(', ')} (see --help)`)
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
    const args = await parser.parseAsync();
    if (args.help || args.version) return ExitCode.ok;
    const command = chosenCommand(args._);
    return command?.run ? await command.run(args, io) : ExitCode.ok;
  } catch (error) {
    return report(error, io);
  }
}

/** The command the words of a command line name (`translate mark`: the subcommand). */
function chosenCommand(words: readonly (string | number)[]): Command | undefined {
  let chosen: Command | undefined;
  let choices = COMMANDS;
  for (const word of words) {
    const next = choices.find((command) => commandName(command) === String(word));
    if (!next) break;
    chosen = next;
    choices = next.subcommands ?? [];
  }
  return chosen;
}

/** The part of yargs' own record of the declared options that checkUsage reads. */
interface DeclaredOptions {
  key: Record<string, unknown>;
  alias: Record<string, string[]>;
  choices: Record<string, unknown[]>;
  array: string[];
}

/**
 * A middleware that runs checkUsage on what yargs parsed for the command found.
 * yargs passes middleware its own instance too, which its types leave out.
 */
function checkBeforeYargs(argv: readonly string[]): MiddlewareFunction {
  const check = (args: Arguments, y: { getOptions(): DeclaredOptions }) => {
    const options = y.getOptions();
    checkUsage({
      tokens: argv,
      words: args._,
      commands: COMMANDS,
      accepted: { names: Object.keys(options.key), aliases: options.alias, choices: options.choices, lists: options.array },
      values: args,
    });
  };
  return check as unknown as MiddlewareFunction;
}

function report(error: unknown, io: Console): number {
  if (error instanceof ProblemList) {
    for (const problem of error.problems) io.err(`error: ${problem.format()}`);
    io.err(error.kind === 'usage' ? "run 'briefwright --help' for usage" : error.message);
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
