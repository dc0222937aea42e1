import { readdirSync } from 'node:fs';
import path from 'node:path';
import { LAYOUT } from '../project/load-project.js';
import { PACKAGE_ROOT, VERSION } from '../project/package-root.js';
import { hash } from './content-hash.js';
import type { FileStamps } from './file-stamps.js';

/** The project's folders every brief may draw on, whatever its recipe: content, templates, styles. */
const PROJECT_FOLDERS = [LAYOUT.content, LAYOUT.templates, LAYOUT.styles];

/** briefwright's own folders a brief may draw on: built-in templates, styles and citation styles. */
const BUILT_IN_FOLDERS = [LAYOUT.templates, LAYOUT.styles, 'csl'];

/**
 * The files whose content any brief of a project may depend on besides its
 * recipe: everything under content/, templates/ and styles/, the settings file,
 * and briefwright's built-in templates and styles (the output folder excepted).
 * Every file is counted, read by briefwright or not, so that no input is
 * missed: a file briefwright does not read only costs a full check when it changes.
 */
export function sharedFiles(root: string, outputDir: string): string[] {
  const files = new Set<string>([path.join(root, LAYOUT.config)]);
  const folders = [...PROJECT_FOLDERS.map((folder) => path.join(root, folder)), ...BUILT_IN_FOLDERS.map((folder) => path.join(PACKAGE_ROOT, folder))];
  for (const folder of new Set(folders)) {
    for (const file of listTree(folder)) if (!isInside(file, outputDir)) files.add(file);
  }
  return [...files].sort();
}

/** Whether a file is one of those `sharedFiles` covers (whether or not it exists). */
export function isShared(file: string, root: string): boolean {
  if (file === path.join(root, LAYOUT.config)) return true;
  return (
    PROJECT_FOLDERS.some((folder) => isInside(file, path.join(root, folder))) ||
    BUILT_IN_FOLDERS.some((folder) => isInside(file, path.join(PACKAGE_ROOT, folder)))
  );
}

/**
 * One hash of everything every brief shares, by content: the shared files'
 * names and contents and briefwright's version. Two runs with the same state
 * plan every unchanged recipe the same way, on any machine.
 */
export function projectState(options: { root: string; outputDir: string; stamps: FileStamps }): string {
  const lines = [`briefwright ${VERSION}`];
  for (const file of sharedFiles(options.root, options.outputDir)) {
    const content = options.stamps.hash(file);
    if (content !== 'missing') lines.push(`${shownPath(file, options.root)}\t${content}`);
  }
  return hash(lines.join('\n'));
}

/** A path as the same on every machine: project-relative, or within briefwright's folder. */
function shownPath(file: string, root: string): string {
  if (isInside(file, root)) return path.relative(root, file).split(path.sep).join('/');
  return `briefwright:${path.relative(PACKAGE_ROOT, file).split(path.sep).join('/')}`;
}

function listTree(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() || entry.isSymbolicLink())
      .map((entry) => path.join(entry.parentPath ?? (entry as { path?: string }).path ?? folder, entry.name));
  } catch {
    return [];
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
