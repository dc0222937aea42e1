import { createRequire } from 'node:module';
import type CSL from 'citeproc';
import { indexStyleMacros } from './macro-index.js';
import { shareSortMacros } from './sort-macros.js';

/** citeproc-js, as the package exports it. */
export type Citeproc = typeof CSL;

let loaded: Citeproc | undefined;

/**
 * citeproc-js, loaded at its first use: a build whose citations are all in the
 * citation cache never loads it. (It is a CommonJS package, so it loads
 * synchronously, where an engine is needed.)
 */
export function citeproc(): Citeproc {
  if (loaded) return loaded;
  const csl = createRequire(import.meta.url)('citeproc') as Citeproc;
  // citeproc-js wraps each cited item (so every cite in "(A, 2001; B, 2002)" can link to
  // its own entry) only when `apply_citation_wrapper` is on; that option is read from
  // `sys` at construction solely for names listed in CSL.SYS_OPTIONS.
  if (!csl.SYS_OPTIONS.includes('apply_citation_wrapper')) csl.SYS_OPTIONS.push('apply_citation_wrapper');
  indexStyleMacros(csl);
  shareSortMacros(csl);
  loaded = csl;
  return csl;
}

/** Whether citeproc-js has been loaded in this process. */
export function citeprocLoaded(): boolean {
  return loaded !== undefined;
}
