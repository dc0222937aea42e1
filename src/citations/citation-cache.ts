import { dependencyVersion, VERSION } from '../project/package-root.js';
import { CacheFolder } from '../record/cache-folder.js';
import { fullHash as digest, repeatedFullHash } from '../record/content-hash.js';
import type { FormattedCitations } from './citation-engines.js';
import type { CitationMatch } from './parse-citations.js';
import { canonicalJson, type CslItem } from './reference.js';
import { findLocale, type CslStyle } from './styles.js';

/** Bumped whenever what is cached, or how it is keyed, changes. */
const CACHE_FORMAT = 1;

/** What one brief's formatted citations depend on: everything that can change them. */
export interface CitationKeyInput {
  style: CslStyle;
  locale: string;
  items: ReadonlyMap<string, CslItem>;
  citations: readonly CitationMatch[];
  /** Works cited, in first-cited order. */
  cited: readonly string[];
  /** Works listed without being cited, in order. */
  uncited: readonly string[];
}

/**
 * Formatted citations and reference lists kept between runs, beside the build
 * records (`output/.records/citations/`), so that a brief whose citations did
 * not change never builds a citation engine.
 *
 * A result is found by a hash of all it was made from: the style's XML, the
 * locale and its XML, the content of each work the brief cites or lists (its
 * canonical CSL-JSON, so re-spacing an entry changes nothing), every citation
 * in order with its prefix, locator, suffix and form, the works listed
 * uncited, and the versions of briefwright and of the citation engine. Any
 * change to any of them is a different key, so a result is never stale; what
 * the text around a citation says is not part of the key.
 */
export class CitationCache {
  private readonly folder: CacheFolder;

  constructor(
    /** The folder the results are kept in. */
    readonly dir: string,
  ) {
    this.folder = new CacheFolder(dir);
  }

  /** The cache of an output folder: `<outputDir>/.records/citations/`. */
  static beside(outputDir: string): CitationCache {
    return new CitationCache(CacheFolder.beside(outputDir, 'citations').dir);
  }

  /** The key of a brief's citations. */
  key(input: CitationKeyInput): string {
    const works = [...input.cited, ...input.uncited];
    const parts = {
      format: CACHE_FORMAT,
      briefwright: VERSION,
      engine: engineVersions(),
      style: repeatedFullHash(input.style.xml),
      locale: input.locale,
      localeXml: repeatedFullHash(findLocale(input.locale) ?? ''),
      works: works.map((id) => [id, itemDigest(input.items.get(id))]),
      uncited: input.uncited,
      citations: input.citations.map((match) => [
        match.narrative,
        match.items.map((item) => [item.key, item.prefix, item.suffix, item.locator ?? null, item.label ?? null, item.suppressAuthor]),
      ]),
    };
    return `${styleTag(input.style, input.locale)}${digest(JSON.stringify(parts)).slice(0, 40)}`;
  }

  /** Whether results for this style and locale were kept by an earlier run (so an engine is likely not needed). */
  has(style: CslStyle, locale: string): boolean {
    return this.folder.hasKeyStartingWith(styleTag(style, locale));
  }

  /** The result kept under `key`, or undefined (also when its file cannot be read as one). */
  get(key: string): FormattedCitations | undefined {
    const value = this.folder.read(key)?.value;
    return isFormatted(value) ? value : undefined;
  }

  /** Keeps a result. A cache that cannot be written only makes later runs slower, so failures are ignored. */
  set(key: string, value: FormattedCitations): void {
    this.folder.write(key, { value });
  }
}

/** The start of every key for a style and locale: a file name prefix. */
function styleTag(style: CslStyle, locale: string): string {
  return `${repeatedFullHash(style.xml).slice(0, 12)}-${locale.replace(/[^A-Za-z0-9-]/g, '_')}-`;
}

const itemDigests = new WeakMap<CslItem, string>();

/** The hash of a work's content (canonical JSON: key order and spacing do not count). */
function itemDigest(item: CslItem | undefined): string | null {
  if (!item) return null;
  let known = itemDigests.get(item);
  if (known === undefined) {
    known = digest(canonicalJson(item));
    itemDigests.set(item, known);
  }
  return known;
}

let versions: string | undefined;

/** The versions of the citation engine and of the package that ships its locales. */
function engineVersions(): string {
  versions ??= `citeproc ${dependencyVersion('citeproc')}; @citation-js/plugin-csl ${dependencyVersion('@citation-js/plugin-csl')}`;
  return versions;
}

function isFormatted(value: unknown): value is FormattedCitations {
  if (!value || typeof value !== 'object') return false;
  const { citations, bibliography, hangingIndent } = value as Partial<FormattedCitations>;
  return (
    Array.isArray(citations) &&
    citations.every((citation) => typeof citation === 'string') &&
    Array.isArray(bibliography) &&
    bibliography.every((entry) => entry && typeof entry.id === 'string' && typeof entry.html === 'string' && typeof entry.text === 'string') &&
    typeof hangingIndent === 'boolean'
  );
}
