import type { Engine } from 'citeproc';
import { BriefwrightError } from '../errors.js';
import { citeproc } from './citeproc-module.js';
import type { CslItem } from './reference.js';
import { findLocale, listLocales, type CslStyle } from './styles.js';

/** The anchor id of a reference entry in a brief. */
export function referenceAnchor(key: string): string {
  return `ref-${key.replace(/[^A-Za-z0-9_:.-]/g, '_')}`;
}

/** A citeproc engine and the works it currently reads (set before each use). */
export interface CachedEngine {
  engine: Engine;
  items: ReadonlyMap<string, CslItem>;
}

/** What tells the engines of a run apart. */
export function engineKey(style: CslStyle, locale: string): string {
  return `${style.origin}|${style.name}|${locale}`;
}

export function checkLocale(locale: string): void {
  if (!findLocale(locale)) throw new BriefwrightError(`unknown locale '${locale}' (there are: ${listLocales().join(', ')})`);
}

/**
 * Builds a citeproc engine for a style and locale, the expensive part of
 * citing (about a second for APA). Entries link from their citations, and
 * DOIs and URLs in the reference list become links.
 */
export function buildEngine(style: CslStyle, locale: string): CachedEngine {
  checkLocale(locale);
  const CSL = citeproc();
  const cached: CachedEngine = { engine: undefined as unknown as Engine, items: new Map() };
  const sys = {
    retrieveLocale: (lang: string) => findLocale(lang),
    retrieveItem: (id: string) => {
      const item = cached.items.get(id);
      // citeproc only calls the citation wrapper for items that carry a system_id.
      return item && { ...item, system_id: id };
    },
    // Numeric styles that collapse ranges ("1–3") call this without an id.
    wrapCitationEntry: (html: string, id: string | undefined) => (id === undefined ? html : `<a href="#${referenceAnchor(id)}">${html}</a>`),
    apply_citation_wrapper: true,
  };
  try {
    cached.engine = new CSL.Engine(sys, style.xml, locale, true);
    cached.engine.opt.development_extensions.wrap_url_and_doi = true;
  } catch (error) {
    throw new BriefwrightError(`citation style '${style.name}' could not be loaded: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return cached;
}
