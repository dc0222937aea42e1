import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { BriefwrightError } from '../errors.js';
import { listFiles } from '../project/load-project.js';
import { PACKAGE_ROOT } from '../project/package-root.js';

/** Where the files `init` copies live, inside the briefwright package. */
export const SCAFFOLD_DIR = path.join(PACKAGE_ROOT, 'scaffold');

// npm leaves `.gitignore` out of published packages, so the scaffold ships it
// without the dot and init puts the dot back.
const RENAMED: Record<string, string> = { gitignore: '.gitignore' };

/** What `init` made. */
export interface InitResult {
  /** The project folder, absolute. */
  root: string;
  /** Files written, relative to the project folder, sorted. */
  files: string[];
}

/**
 * Scaffolds a project folder that builds at once: a two-by-two taxonomy, two
 * cited sections, a bibliography, one recipe and a README. A folder that exists
 * and holds anything is refused unless `force`, which writes the scaffold's
 * files over any of the same name and leaves other files alone.
 */
export async function initProject(options: { dir: string; force?: boolean; scaffold?: string }): Promise<InitResult> {
  const root = path.resolve(options.dir);
  const scaffold = options.scaffold ?? SCAFFOLD_DIR;
  if (existsSync(root)) {
    if (!(await stat(root)).isDirectory()) throw new BriefwrightError(`${options.dir} exists and is not a folder`, { kind: 'usage' });
    const entries = await readdir(root);
    if (entries.length > 0 && !options.force) {
      const shown = entries.sort().slice(0, 3).join(', ') + (entries.length > 3 ? ', ...' : '');
      throw new BriefwrightError(`${options.dir} is not empty (${shown}); choose a new folder, or pass --force to add the scaffold's files to it`, {
        kind: 'usage',
      });
    }
  }
  await mkdir(root, { recursive: true });
  const sources = await listFiles(scaffold, '.');
  const files: string[] = [];
  for (const source of sources) {
    const target = path.posix.join(path.posix.dirname(source), RENAMED[path.posix.basename(source)] ?? path.posix.basename(source));
    await mkdir(path.dirname(path.join(root, target)), { recursive: true });
    // Copy under a temporary name, then rename: a folder is never left with half a file.
    const temporary = path.join(root, `${target}.${process.pid}.tmp`);
    await cp(path.join(scaffold, source), temporary);
    await rename(temporary, path.join(root, target));
    files.push(target.replace(/^\.\//, ''));
  }
  return { root, files: files.sort() };
}
