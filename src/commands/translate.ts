import path from 'node:path';
import type { Argv } from 'yargs';
import { ExitCode } from '../errors.js';
import type { Command } from './command.js';

/** `briefwright translate mark FILE...`: records that a translation matches its original as it is now. */
const markCommand: Command = {
  command: 'mark <files..>',
  describe: 'Record that each translation matches its original as it is now (writes translated-from: in its front matter)',
  options: (y: Argv) => y.positional('files', { type: 'string', array: true, describe: 'Translation files, such as content/sections/x.es.md' }),
  run: async (args, io) => {
    const { markTranslations } = await import('../sections/mark-translation.js');
    const results = await markTranslations({ root: path.resolve(String(args.root)), files: (args.files as string[] | undefined) ?? [] });
    for (const result of results) {
      io.out(
        result.unchanged
          ? `${result.file}: already marked as translated from the current ${result.original}`
          : `${result.file}: marked as translated from the current ${result.original} (version ${result.version})`,
      );
    }
    return ExitCode.ok;
  },
};

/** `briefwright translate`: keeps translated sections in step with their originals. */
export const translateCommand: Command = {
  command: 'translate',
  describe: 'Keep translated sections in step with their originals (translate mark FILE...)',
  options: (y: Argv) =>
    y.demandCommand(1, 'Name what to do: mark').example('$0 translate mark content/sections/practices/tools.es.md', 'after bringing the translation up to date with tools.md'),
  subcommands: [markCommand],
};
