import type { Argv } from 'yargs';
import type { Console } from './console.js';

/**
 * One command of the command line: its name and options, and what it does. The
 * options are declared here, cheaply; `run` imports the stages it needs only when
 * the command runs, so `--help` and light commands start fast.
 */
export interface Command {
  /** The command and its positionals, as yargs reads them: `build [recipes..]`. */
  command: string;
  describe: string;
  options?(y: Argv): Argv;
  /** Commands below this one (`translate mark`); a command with some is run through one of them. */
  subcommands?: readonly Command[];
  /** Does the work; returns the exit code. */
  run?(args: Record<string, unknown>, io: Console): Promise<number>;
}
