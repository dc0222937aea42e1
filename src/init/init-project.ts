import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefwrightError } from '../errors.js';
import { LAYOUT, listFiles } from '../project/load-project.js';
import { PACKAGE_ROOT } from '../project/package-root.js';

/** Where the files `init` copies live, inside the briefwright package. */
export const SCAFFOLD_DIR = path.join(PACKAGE_ROOT, 'scaffold');

/** The theme `init --theme NAME` copies: every setting of theme.yaml, commented, a theme.css and a logo. */
export const THEME_SCAFFOLD_DIR = path.join(PACKAGE_ROOT, 'scaffold-theme');

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
export async function initProject(options: { dir: string; force?: boolean; scaffold?: string; theme?: string }): Promise<InitResult> {
  const root = path.resolve(options.dir);
  const scaffold = options.scaffold ?? SCAFFOLD_DIR;
  const { theme } = options;
  if (theme !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(theme)) {
    throw new BriefwrightError(`theme name '${theme}' must be letters, digits, '-' and '_'`, { kind: 'usage' });
  }
  // A project that exists already gets only the theme.
  if (theme !== undefined && existsSync(path.join(root, LAYOUT.taxonomy))) return { root, files: await addTheme(root, theme) };
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
  if (theme !== undefined) {
    files.push(...(await addTheme(root, theme)));
    // The example recipe uses the new theme, so the first build shows it.
    const recipe = path.join(root, 'briefs/technology-access.yaml');
    if (existsSync(recipe)) await writeFile(recipe, (await readFile(recipe, 'utf8')).replace(/^theme: .*$/m, `theme: ${theme}`));
  }
  return { root, files: files.sort() };
}

/** Copies the theme scaffold to styles/themes/NAME/; a theme of that name in the project is never overwritten. */
async function addTheme(root: string, theme: string): Promise<string[]> {
  const folder = path.posix.join(LAYOUT.styles, 'themes', theme);
  if (existsSync(path.join(root, folder))) {
    throw new BriefwrightError(`${folder} exists already; choose another theme name`, { kind: 'usage' });
  }
  await mkdir(path.join(root, folder), { recursive: true });
  const files: string[] = [];
  for (const source of await listFiles(THEME_SCAFFOLD_DIR, '.')) {
    const target = path.posix.join(folder, source);
    await cp(path.join(THEME_SCAFFOLD_DIR, source), path.join(root, target));
    files.push(target);
  }
  return files;
}
