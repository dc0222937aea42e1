import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder of the briefwright package: built-in templates and styles live here. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** briefwright's version, from its package.json. */
export const VERSION: string = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
