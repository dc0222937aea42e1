import path from 'node:path';
import type { Argv } from 'yargs';
import { ExitCode } from '../errors.js';
import { markTranslations } from '../sections/mark-translation.js';

/** Where a command writes its lines. */
interface Output {
  out(line: string): void;
}

/** `briefwright translate mark FILE...`: its subcommands, each calling `run` with its arguments. */
export function translateOptions(y: Argv, run: (args: { root: string; files: string[] }) => Promise<void>): Argv {
  return y
    .command(
      'mark <files..>',
      'Record that each translation matches its original as it is now (writes translated-from: in its front matter)',
      (inner: Argv) => inner.positional('files', { type: 'string', array: true, describe: 'Translation files, such as content/sections/x.es.md' }),
      (args) => run({ root: String(args.root), files: (args.files as string[] | undefined) ?? [] }),
    )
    .demandCommand(1, 'Name what to do: mark')
    .example('$0 translate mark content/sections/practices/tools.es.md', 'after bringing the translation up to date with tools.md');
}

/** Runs `briefwright translate mark`; returns the exit code. */
export async function runTranslate(args: { root: string; files: string[] }, io: Output): Promise<number> {
  const results = await markTranslations({ root: path.resolve(args.root), files: args.files });
  for (const result of results) {
    io.out(result.unchanged ? `${result.file}: already marked as translated from the current ${result.original}` : `${result.file}: marked as translated from the current ${result.original} (version ${result.version})`);
  }
  return ExitCode.ok;
}
