import type { Argv } from 'yargs';
import { ExitCode } from '../errors.js';
import { LISTABLE } from '../list.js';
import type { Command } from './command.js';

/** `briefwright list`: populations, topics, sections, recipes, templates, styles or themes. */
export const listCommand: Command = {
  command: 'list <what>',
  describe: `List ${LISTABLE.join(' | ')}`,
  options: (y: Argv) => y.positional('what', { choices: LISTABLE, describe: 'What to list' }),
  run: async (args, io) => {
    const { list } = await import('../list.js');
    const lines = await list({ root: String(args.root), what: args.what as (typeof LISTABLE)[number] });
    for (const line of lines) io.out(line);
    return ExitCode.ok;
  },
};
