import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder above this file whose package.json names briefwright. The compiled
 * module and the bundled CLI sit at different depths, so the folder is found, not assumed.
 */
function findPackageRoot(): { root: string; version: string } {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'briefwright') return { root: dir + path.sep, version: manifest.version ?? '0.0.0' };
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of briefwright above ${start}`);
  }
}

const found = findPackageRoot();

/** The folder of the briefwright package: built-in templates and styles live here. */
export const PACKAGE_ROOT: string = found.root;

/** briefwright's version, from its package.json. */
export const VERSION: string = found.version;

/**
 * The installed version of a dependency, or '?' when it cannot be read: its
 * package.json in the nearest node_modules folder from briefwright's own up, as
 * Node looks for packages (a package's exports may not let it be resolved).
 */
export function dependencyVersion(name: string): string {
  for (let dir = PACKAGE_ROOT; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      try {
        return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '?';
      } catch {
        return '?';
      }
    }
    if (path.dirname(dir) === dir) return '?';
  }
}
