import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CitationCache } from '../../src/citations/citation-cache.js';
import { CitationEngines, type CitationRequest } from '../../src/citations/citation-engines.js';
import { findCitations } from '../../src/citations/parse-citations.js';
import { resolveStyle } from '../../src/citations/styles.js';
import { SMALL_BIB as BIB, smallLibrary } from '../helpers/small-library.js';


const TEXT = 'As @hasselbring2000 found [see @rose2014b, p. 4; @gleason2013], and later [@rose2014a; -@wested2014].';

const apa = resolveStyle('apa', { root: '/nonexistent' });
const vancouver = resolveStyle('vancouver', { root: '/nonexistent' });

const library = smallLibrary;

function request(changes: Partial<CitationRequest> = {}): CitationRequest {
  return { style: apa, locale: 'en-US', items: library(), citations: findCitations(TEXT), nocite: [], ...changes };
}

/** What an engine built for this request alone gives, with no cache involved. */
function fresh(wanted: CitationRequest) {
  return new CitationEngines().format({ ...wanted, fresh: true });
}

const plain = (html: string) => html.replace(/<[^>]+>/g, '');

let dir: string;
/** A run of its own (a new process, as far as the cache is concerned) over the same cache folder. */
const run = () => new CitationEngines({ cache: new CitationCache(dir) });

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'citation-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('CitationCache', () => {
  it('serves a later run without building an engine, byte for byte what an engine gives', () => {
    const first = run();
    const made = first.format(request());
    expect(first.enginesBuilt).toBe(1);
    expect(readdirSync(dir)).toHaveLength(1);

    const second = run();
    const kept = second.format(request());
    expect(second.enginesBuilt).toBe(0);
    expect(JSON.stringify(kept)).toBe(JSON.stringify(made));
    expect(JSON.stringify(kept)).toBe(JSON.stringify(fresh(request())));
  });

  it('does not warm an engine for a style and locale it holds results of, and does for others', () => {
    run().format(request());
    const later = run();
    later.warm(apa, 'en-US');
    expect(later.enginesBuilt).toBe(0);
    later.warm(apa, 'de-DE');
    expect(later.enginesBuilt).toBe(1);
  });

  it('re-renders when an entry changes, and gives what a fresh engine gives', () => {
    const before = run().format(request());
    const edited = library(BIB.replace('Blended learning', 'Blended learning in rural schools'));
    const later = run();
    const after = later.format(request({ items: edited }));
    expect(later.enginesBuilt).toBe(1);
    expect(after).not.toEqual(before);
    expect(after.bibliography.map((entry) => entry.text).join('\n')).toContain('Blended learning in rural schools');
    expect(after).toEqual(fresh(request({ items: edited })));
  });

  it('re-renders when a change to an entry only shows through disambiguation', () => {
    // rose2014a's year changes: rose2014b is no longer "2014b", though it did not change itself.
    const before = run().format(request());
    expect(plain(before.citations.join(' '))).toMatch(/Rose, 2014b/);
    const edited = library(BIB.replace('publisher = {iNACOL}, year = {2014}}', 'publisher = {iNACOL}, year = {2015}}'));
    const later = run();
    const after = later.format(request({ items: edited }));
    expect(later.enginesBuilt).toBe(1);
    expect(after).toEqual(fresh(request({ items: edited })));
    expect(plain(after.citations.join(' '))).not.toMatch(/2014b/);
  });

  it('re-renders when the style changes', () => {
    const before = run().format(request());
    const later = run();
    const after = later.format(request({ style: vancouver }));
    expect(later.enginesBuilt).toBe(1);
    expect(after.citations).not.toEqual(before.citations);
    expect(after).toEqual(fresh(request({ style: vancouver })));
  });

  it('re-renders when a style file is edited under the same name', () => {
    run().format(request());
    // Square brackets instead of parentheses, under the same name and origin.
    const edited = { ...apa, xml: apa.xml.replace('<layout delimiter="; " prefix="(" suffix=")">', '<layout delimiter="; " prefix="[" suffix="]">') };
    expect(edited.xml).not.toBe(apa.xml);
    const later = run();
    const after = later.format(request({ style: edited }));
    expect(later.enginesBuilt).toBe(1);
    expect(after.citations[1]).toMatch(/^\[.*\]$/);
    expect(after).toEqual(fresh(request({ style: edited })));
  });

  it('re-renders when the locale changes', () => {
    const before = run().format(request());
    const later = run();
    const after = later.format(request({ locale: 'de-DE' }));
    expect(later.enginesBuilt).toBe(1);
    expect(after).not.toEqual(before);
    expect(after).toEqual(fresh(request({ locale: 'de-DE' })));
  });

  it('re-renders when citations are reordered, so numbering follows the new order', () => {
    const reordered = findCitations('[@rose2014a; -@wested2014] and [see @rose2014b, p. 4; @gleason2013]; as @hasselbring2000 found.');
    for (const style of [apa, vancouver]) {
      const before = run().format(request({ style }));
      const later = run();
      const after = later.format(request({ style, citations: reordered }));
      expect(later.enginesBuilt).toBe(1);
      expect(after).toEqual(fresh(request({ style, citations: reordered })));
      if (style === vancouver) expect(after.citations).not.toEqual(before.citations);
    }
  });

  it('re-renders when a citation changes in place: locator, prefix, suppressed author', () => {
    const base = run().format(request());
    for (const text of [TEXT.replace('p. 4', 'p. 5'), TEXT.replace('see ', 'compare '), TEXT.replace('-@wested2014', '@wested2014')]) {
      const later = run();
      const after = later.format(request({ citations: findCitations(text) }));
      expect(later.enginesBuilt).toBe(1);
      expect(after).not.toEqual(base);
      expect(after).toEqual(fresh(request({ citations: findCitations(text) })));
    }
  });

  it('re-renders when works are listed uncited', () => {
    run().format(request());
    const items = library(`${BIB}\n@book{extra2020, author = {Extra, Ann}, title = {Listed only}, publisher = {P}, year = {2020}}`);
    const later = run();
    const after = later.format(request({ items, nocite: ['extra2020'] }));
    expect(later.enginesBuilt).toBe(1);
    expect(after.bibliography.map((entry) => entry.id)).toContain('extra2020');
    expect(after).toEqual(fresh(request({ items, nocite: ['extra2020'] })));
  });

  it('is a hit when only the prose around the citations, or the spacing of an entry, changed', () => {
    const made = run().format(request());
    const prose = findCitations(`A longer opening sentence. ${TEXT} And a closing one.`);
    const respaced = library(BIB.replace('title = {Growing into equity}, publisher = {Corwin}', 'publisher  =  {Corwin},\n    title = {Growing into equity}'));
    const later = run();
    expect(later.format(request({ citations: prose, items: respaced }))).toEqual(made);
    expect(later.enginesBuilt).toBe(0);
  });

  it('renders afresh over a damaged cache file, and mends it', () => {
    const made = run().format(request());
    const [file] = readdirSync(dir);
    writeFileSync(path.join(dir, file!), '{"key": "x", "value": {"citations": [');
    const later = run();
    expect(later.format(request())).toEqual(made);
    expect(later.enginesBuilt).toBe(1);
    const mended = run();
    expect(mended.format(request())).toEqual(made);
    expect(mended.enginesBuilt).toBe(0);
  });

  it('is not used for a request that asks for a fresh render', () => {
    const engines = run();
    engines.format({ ...request(), fresh: true });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps results beside the build records', () => {
    expect(CitationCache.beside('/out').dir).toBe(path.join('/out', '.records', 'citations'));
  });

  it('serves a hit without loading citeproc', () => {
    run().format(request());
    const here = path.dirname(fileURLToPath(import.meta.url));
    const source = (file: string) => JSON.stringify(path.resolve(here, '../../src', file));
    const script = path.join(dir, 'hit.ts');
    writeFileSync(
      script,
      `import { createRequire } from 'node:module';
import { CitationCache } from ${source('citations/citation-cache.js')};
import { CitationEngines } from ${source('citations/citation-engines.js')};
import { parseBibliography } from ${source('citations/load-references.js')};
import { findCitations } from ${source('citations/parse-citations.js')};
import { resolveStyle } from ${source('citations/styles.js')};
import { ProblemCollector } from ${source('errors.js')};
const items = new Map(parseBibliography(${JSON.stringify(BIB)}, 'refs.bib', new ProblemCollector()).map((r) => [r.id, r.item]));
const engines = new CitationEngines({ cache: new CitationCache(${JSON.stringify(dir)}) });
engines.warm(resolveStyle('apa', { root: '/nonexistent' }), 'en-US');
const result = engines.format({ style: resolveStyle('apa', { root: '/nonexistent' }), locale: 'en-US', items, citations: findCitations(${JSON.stringify(TEXT)}), nocite: [] });
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => /[\\\\/]node_modules[\\\\/](citeproc|@citation-js)[\\\\/]/.test(file));
console.log(JSON.stringify({ built: engines.enginesBuilt, loaded, citations: result.citations.length }));
`,
    );
    const output = execFileSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', cwd: path.resolve(here, '../..') });
    expect(JSON.parse(output.trim().split('\n').pop()!)).toEqual({ built: 0, loaded: [], citations: 3 });
  }, 60_000);
});
