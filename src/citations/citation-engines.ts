import CSL, { type Citation, type CitationItem, type Engine } from 'citeproc';
import { BriefwrightError } from '../errors.js';
import type { CiteItem, CitationMatch } from './parse-citations.js';
import type { CslItem } from './reference.js';
import { findLocale, type CslStyle } from './styles.js';

// citeproc-js wraps each cited item (so every cite in "(A, 2001; B, 2002)" can link to
// its own entry) only when `apply_citation_wrapper` is on; that option is read from
// `sys` at construction solely for names listed in CSL.SYS_OPTIONS.
if (!CSL.SYS_OPTIONS.includes('apply_citation_wrapper')) CSL.SYS_OPTIONS.push('apply_citation_wrapper');

/** The anchor id of a reference entry in a brief. */
export function referenceAnchor(key: string): string {
  return `ref-${key.replace(/[^A-Za-z0-9_:.-]/g, '_')}`;
}

/** Citations and reference list of one brief, as HTML fragments. */
export interface FormattedCitations {
  /** One HTML fragment per citation, in the order given. */
  citations: string[];
  /** The reference list in the style's order. */
  bibliography: { id: string; html: string }[];
  /** Whether the style asks for hanging indents in the list. */
  hangingIndent: boolean;
}

/** What one brief needs formatted. */
export interface CitationRequest {
  style: CslStyle;
  locale: string;
  items: ReadonlyMap<string, CslItem>;
  citations: readonly CitationMatch[];
  /** Keys listed without being cited; '*' for every item. */
  nocite?: readonly string[] | '*';
}

interface CachedEngine {
  engine: Engine;
  items: ReadonlyMap<string, CslItem>;
}

/**
 * Owns the citeproc engines of one run: one per style and locale, built on first
 * use (the expensive part) and reset for each brief.
 */
export class CitationEngines {
  private readonly engines = new Map<string, CachedEngine>();

  /** Builds the engine for a style and locale now, so the first brief does not pay for it. */
  warm(style: CslStyle, locale: string): void {
    this.engineFor(style, locale);
  }

  /** Formats every citation of a brief and its reference list, consistently disambiguated. */
  format(request: CitationRequest): FormattedCitations {
    const cached = this.engineFor(request.style, request.locale);
    cached.items = request.items;
    const { engine } = cached;
    const citations = request.citations.flatMap((match, index) => toCiteproc(match, index));
    const uncited = request.nocite === '*' ? [...request.items.keys()] : [...(request.nocite ?? [])];
    const rendered = new Map(engine.rebuildProcessorState(citations, 'html', uncited).map(([id, , html]) => [id, html]));
    const and = engine.getTerm('and') || 'and';
    const { layout_prefix: open, layout_suffix: close } = engine.citation.opt;
    const html = request.citations.map((match, index) => {
      if (!match.narrative) return `${open}${rendered.get(`c${index}`) ?? ''}${close}`;
      // Narrative citations read as "Hasselbring and Glaser (2000)": the author part
      // uses the word "and" where the parenthetical form uses "&".
      const authors = (rendered.get(`c${index}a`) ?? '').replace(/\s(?:&#38;|&amp;|&)\s/g, ` ${and} `);
      const rest = stripLinks(rendered.get(`c${index}`) ?? '');
      const key = match.items[0]!.key;
      return `<a href="#${referenceAnchor(key)}">${authors} ${open || '('}${rest}${close || ')'}</a>`;
    });
    const made = engine.makeBibliography();
    const bibliography = made
      ? made[1].map((entry, index) => ({ id: made[0].entry_ids[index]![0]!, html: unwrapEntry(entry) }))
      : [];
    return { citations: html, bibliography, hangingIndent: made ? Boolean(made[0].hangingindent) : false };
  }

  private engineFor(style: CslStyle, locale: string): CachedEngine {
    const cacheKey = `${style.origin}|${style.name}|${locale}`;
    const existing = this.engines.get(cacheKey);
    if (existing) return existing;
    if (!findLocale(locale)) throw new BriefwrightError(`unknown locale '${locale}' (try en-US, en-GB, de-DE, fr-FR, es-ES)`);
    const cached: CachedEngine = { engine: undefined as unknown as Engine, items: new Map() };
    const sys = {
      retrieveLocale: (lang: string) => findLocale(lang),
      retrieveItem: (id: string) => {
        const item = cached.items.get(id);
        // citeproc only calls the citation wrapper for items that carry a system_id.
        return item && { ...item, system_id: id };
      },
      // Numeric styles that collapse ranges ("1–3") call this without an id.
      wrapCitationEntry: (html: string, id: string | undefined) =>
        id === undefined ? html : `<a href="#${referenceAnchor(id)}">${html}</a>`,
      apply_citation_wrapper: true,
    };
    try {
      cached.engine = new CSL.Engine(sys, style.xml, locale, true);
      // DOIs and URLs in the reference list become links.
      cached.engine.opt.development_extensions.wrap_url_and_doi = true;
    } catch (error) {
      throw new BriefwrightError(`citation style '${style.name}' could not be loaded: ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.engines.set(cacheKey, cached);
    return cached;
  }
}

function toCiteproc(match: CitationMatch, index: number): Citation[] {
  const properties = { noteIndex: 0 };
  if (!match.narrative) {
    return [{ citationID: `c${index}`, citationItems: match.items.map((item) => toItem(item)), properties }];
  }
  const item = match.items[0]!;
  return [
    { citationID: `c${index}a`, citationItems: [{ id: item.key, 'author-only': true }], properties },
    { citationID: `c${index}`, citationItems: [toItem(item, true)], properties },
  ];
}

function toItem(item: CiteItem, suppressAuthor = item.suppressAuthor): CitationItem {
  const result: CitationItem = { id: item.key };
  if (item.prefix) result.prefix = item.prefix;
  if (item.suffix) result.suffix = item.suffix;
  if (item.locator) {
    result.locator = item.locator;
    result.label = item.label ?? 'page';
  }
  if (suppressAuthor) result['suppress-author'] = true;
  return result;
}

function stripLinks(html: string): string {
  return html.replace(/<a href="[^"]*">|<\/a>/g, '');
}

function unwrapEntry(entry: string): string {
  return entry.trim().replace(/^<div class="csl-entry">/, '').replace(/<\/div>$/, '');
}
