import type { Argv } from 'yargs';
import { ExitCode } from '../errors.js';
import type { Command } from './command.js';

/** `briefwright init`: a new project with a small example that builds at once. */
export const initCommand: Command = {
  command: 'init <dir>',
  describe: 'Create a new project folder with a small example that builds at once',
  options: (y: Argv) =>
    y
      .positional('dir', { type: 'string', describe: 'Folder to create (or an empty one)' })
      .option('force', { type: 'boolean', default: false, describe: 'Add the example files to a folder that is not empty' })
      .option('theme', { type: 'string', describe: 'Also scaffold a theme to edit, styles/themes/NAME/ (in an existing project: only the theme)' }),
  run: async (args, io) => {
    const { initProject } = await import('../init/init-project.js');
    const dir = String(args.dir);
    const result = await initProject({ dir, force: Boolean(args.force), theme: args.theme as string | undefined });
    io.out(`created ${result.files.length} files in ${dir}:`);
    for (const file of result.files) io.out(`  ${file}`);
    io.out(`next: cd ${dir} && briefwright build   (or: briefwright preview)`);
    return ExitCode.ok;
  },
};
