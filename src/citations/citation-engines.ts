import type { CitationItem } from 'citeproc';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { buildEngine, checkLocale, engineKey, referenceAnchor, type CachedEngine } from './citeproc-engine.js';
import type { CiteItem, CitationMatch } from './parse-citations.js';
import type { CslItem } from './reference.js';
import type { CitationCache } from './citation-cache.js';
import type { CitationThread } from './citation-thread-client.js';
import { BriefRenderer, RenderCache, type Renderer } from './citation-renderers.js';
import type { CslStyle } from './styles.js';

export { referenceAnchor } from './citeproc-engine.js';

/** Citations and reference list of one brief, as HTML fragments. */
export interface FormattedCitations {
  /** One HTML fragment per citation, in the order given. */
  citations: string[];
  /** The reference list in the style's order, each entry also as plain text. */
  bibliography: { id: string; html: string; text: string }[];
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
  /** Render everything afresh instead of reusing earlier renders (the reference behaviour). */
  fresh?: boolean;
}

/**
 * Owns the citeproc engines of one run: one per style and locale, built on first
 * use (the expensive part), and the citations and entries they have rendered.
 *
 * citeproc-js takes some milliseconds for every entry and citation it renders,
 * about a second for a forty-section brief; a batch of briefs citing one library
 * renders the same entries over and over. So each entry and citation is rendered
 * once per run and reused. That is exact because the render of a work can only
 * change through disambiguation ("2014a", added initials or names), which only
 * involves works whose first authors share a family name: a work without such a
 * namesake in the library renders the same in every brief, and one with
 * namesakes is cached per set of namesakes the brief cites. Styles whose output
 * depends on a brief's order (numbered citations, "———" for a repeated author)
 * are rendered afresh for each brief.
 *
 * With a CitationCache, what a brief's citations come to is also kept between
 * runs: a brief whose citations, works, style and locale are as before takes
 * them from there, and no engine is built (nor citeproc loaded) for it.
 */
export class CitationEngines {
  private readonly engines = new Map<string, CachedEngine>();
  private readonly renders = new Map<CachedEngine, WeakMap<ReadonlyMap<string, CslItem>, RenderCache>>();
  private readonly texts = new Map<string, string>();
  private readonly cache: CitationCache | undefined;
  private readonly thread: CitationThread | undefined;
  private built = 0;

  /** With a `thread`, formatAsync() and warm() build and use the engines there (see citation-thread-client.ts). */
  constructor(options: { cache?: CitationCache; thread?: CitationThread } = {}) {
    this.cache = options.cache;
    this.thread = options.thread;
  }

  /** Whether engines are built and used in a thread of their own. */
  get threaded(): boolean {
    return this.thread !== undefined;
  }

  /** Ends the citation thread, if there is one. */
  async close(): Promise<void> {
    await this.thread?.close();
  }

  /** How many citation engines this has built. */
  get enginesBuilt(): number {
    return this.built;
  }

  /**
   * Builds the engine for a style and locale now, so the first brief does not
   * pay for it; unless the cache holds results of that style and locale from an
   * earlier run, when the engine is built only if a brief misses.
   */
  warm(style: CslStyle, locale: string): void {
    if (this.cache?.has(style, locale)) return;
    if (this.thread) this.thread.warm(style, locale);
    else this.engineFor(style, locale);
  }

  /**
   * format(), in the citation thread when there is one (and here if the thread
   * fails); the cache is read and written here either way.
   */
  async formatAsync(request: CitationRequest): Promise<FormattedCitations> {
    const { thread } = this;
    if (!thread || request.fresh) return this.format(request);
    const { cited, uncited, key, kept } = this.lookUp(request);
    if (kept) return kept;
    const formatted = await thread.format(request).catch(() => this.render(request, cited, uncited));
    if (key !== undefined) this.cache?.set(key, formatted);
    return formatted;
  }

  /** Formats every citation of a brief and its reference list, consistently disambiguated. */
  format(request: CitationRequest): FormattedCitations {
    const { cited, uncited, key, kept } = this.lookUp(request);
    if (kept) return kept;
    const formatted = this.render(request, cited, uncited);
    if (key !== undefined) this.cache?.set(key, formatted);
    return formatted;
  }

  /** What a brief cites and lists uncited, and what the cache holds for it (a fresh request skips the cache). */
  private lookUp(request: CitationRequest): { cited: string[]; uncited: string[]; key?: string; kept?: FormattedCitations } {
    const cited = [...new Set(request.citations.flatMap((match) => match.items.map((item) => item.key)))];
    const nocite = request.nocite === '*' ? [...request.items.keys()] : [...(request.nocite ?? [])];
    const uncited = nocite.filter((key) => !cited.includes(key));
    const cache = request.fresh ? undefined : this.cache;
    if (!cache) return { cited, uncited };
    checkLocale(request.locale);
    const key = cache.key({ ...request, cited, uncited });
    return { cited, uncited, key, kept: cache.get(key) };
  }

  private render(request: CitationRequest, cited: string[], uncited: string[]): FormattedCitations {
    const cached = this.engineFor(request.style, request.locale);
    cached.items = request.items;
    const orderDependent = request.fresh || /variable="citation-number"|subsequent-author-substitute/.test(request.style.xml);
    const rendererFor = (engine: CachedEngine) => {
      engine.items = request.items;
      return orderDependent ? new BriefRenderer(engine.engine, cited, uncited) : this.cacheFor(engine).forBrief([...cited, ...uncited]);
    };
    const renderer = rendererFor(cached);
    let separate: Renderer | undefined;
    const and = cached.engine.getTerm('and') || 'and';
    const { layout_prefix: open, layout_suffix: close } = cached.engine.citation.opt;
    const mayMergeNamesakes = GLOBAL_NAME_RULE.test(request.style.xml) && /<citation[^>]*\scollapse=/.test(request.style.xml);
    const citations = request.citations.map((match) => {
      if (!match.narrative) {
        const items = match.items.map((item) => toItem(item));
        // citeproc-js collapses "Pane et al., 2015, 2017" whenever the names print
        // alike. Under a style that tells authors apart globally (APA's
        // givenname-disambiguation-rule), works by different author lists are
        // not one author's works, and Pandoc's citeproc keeps them apart; so does this.
        if (!mayMergeNamesakes || !namesakesWouldMerge(match.items, request.items, renderer)) return `${open}${renderer.cluster(items)}${close}`;
        separate ??= rendererFor(this.engineFor(withoutCollapse(request.style), request.locale));
        return `${open}${separate.cluster(items)}${close}`;
      }
      // Narrative citations read as "Hasselbring and Glaser (2000)": the author part
      // uses the word "and" where the parenthetical form uses "&".
      const item = match.items[0]!;
      const authors = renderer.cluster([{ id: item.key, 'author-only': true }]).replace(/\s(?:&#38;|&amp;|&)\s/g, ` ${and} `);
      const rest = stripLinks(renderer.cluster([toItem(item, true)]));
      return `<a href="#${referenceAnchor(item.key)}">${authors} ${open || '('}${rest}${close || ')'}</a>`;
    });
    const { entries, hangingIndent } = renderer.bibliography();
    return { citations, bibliography: entries.map((entry) => ({ ...entry, text: this.plainText(entry.html) })), hangingIndent };
  }

  /** An entry as plain text (for tooltips), worked out once per entry. */
  private plainText(html: string): string {
    let text = this.texts.get(html);
    if (text === undefined) {
      text = toString(fromHtml(html, { fragment: true })).replace(/\s+/g, ' ').trim();
      this.texts.set(html, text);
    }
    return text;
  }

  private cacheFor(cached: CachedEngine): RenderCache {
    let byItems = this.renders.get(cached);
    if (!byItems) this.renders.set(cached, (byItems = new WeakMap()));
    let cache = byItems.get(cached.items);
    if (!cache) byItems.set(cached.items, (cache = new RenderCache(cached.engine, cached.items)));
    return cache;
  }

  private engineFor(style: CslStyle, locale: string): CachedEngine {
    const key = engineKey(style, locale);
    let cached = this.engines.get(key);
    if (!cached) {
      cached = buildEngine(style, locale);
      this.engines.set(key, cached);
      this.built++;
    }
    return cached;
  }

  /** Takes an engine built before this was (see citation-thread.ts); enginesBuilt counts only those this built. */
  adopt(style: CslStyle, locale: string, built: CachedEngine): void {
    const key = engineKey(style, locale);
    if (!this.engines.has(key)) this.engines.set(key, built);
  }
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

const GLOBAL_NAME_RULE = /<citation[^>]*givenname-disambiguation-rule="(?:all-names|all-names-with-initials|primary-name|primary-name-with-initials)"/;

/**
 * Whether two works of a citation have different author lists whose names
 * nevertheless print alike ("Pane et al."), so that collapsing would merge them.
 */
function namesakesWouldMerge(cites: readonly CiteItem[], items: ReadonlyMap<string, CslItem>, renderer: Renderer): boolean {
  const authorsOf = (key: string) => {
    const authors = items.get(key)?.author;
    return Array.isArray(authors) ? (authors as { family?: string; given?: string; literal?: string }[]) : [];
  };
  // Only works whose first authors share a family name can print alike.
  const firsts = cites.map((cite) => (authorsOf(cite.key)[0]?.family ?? authorsOf(cite.key)[0]?.literal ?? '').toLowerCase()).filter(Boolean);
  if (new Set(firsts).size === firsts.length) return false;
  const seen = new Map<string, string>();
  for (const cite of cites) {
    const authors = authorsOf(cite.key);
    if (authors.length === 0) continue;
    const list = authors.map((n) => `${n.family ?? n.literal}|${n.given ?? ''}`).join(';');
    const printed = renderer.cluster([{ id: cite.key, 'author-only': true }]);
    const other = seen.get(printed);
    if (other !== undefined && other !== list) return true;
    seen.set(printed, list);
  }
  return false;
}

/** The same style with citation collapsing turned off. */
function withoutCollapse(style: CslStyle): CslStyle {
  return { ...style, name: `${style.name} (uncollapsed)`, xml: style.xml.replace(/(<citation[^>]*?)\s+collapse="[^"]*"/, '$1') };
}
