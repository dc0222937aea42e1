import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listStyles, resolveStyle, SYSTEM_STYLE_DIRS } from '../../src/citations/styles.js';
import { CitationEngines } from '../../src/citations/citation-engines.js';
import { FIXTURES } from '../helpers/fixture.js';

const root = path.join(FIXTURES, 'citations');
const systemStyles = SYSTEM_STYLE_DIRS.some((dir) => existsSync(path.join(dir, 'elsevier-harvard.csl')));

describe('resolveStyle', () => {
  it('finds bundled styles by id', () => {
    for (const id of ['apa', 'vancouver', 'harvard1']) expect(resolveStyle(id, { root }).origin).toBe('bundled');
  });

  it('reads a .csl file by path', () => {
    const style = resolveStyle('house-style.csl', { root });
    expect(style.origin).toBe(path.join(root, 'house-style.csl'));
    expect(style.xml).toContain('House author-date');
  });

  it('refuses a note style with a clear message', () => {
    expect(() => resolveStyle('footnotes.csl', { root })).toThrow(/is a note style \(footnote citations\); briefs support in-text styles/);
  });

  it('suggests the nearest style for a misspelled id', () => {
    expect(() => resolveStyle('vancover', { root, systemDirs: [] })).toThrow("unknown citation style 'vancover' (did you mean 'vancouver'?)");
  });

  it('says when a style file does not exist', () => {
    expect(() => resolveStyle('missing.csl', { root })).toThrow('style file not found: missing.csl');
  });

  it.skipIf(!systemStyles)('finds ids in the system style folder (Debian citation-style-language-styles)', () => {
    expect(resolveStyle('elsevier-harvard', { root }).origin).toMatch(/elsevier-harvard\.csl$/);
    expect(listStyles({ root }).find((style) => style.id === 'elsevier-harvard')?.origin).toBe(SYSTEM_STYLE_DIRS[0]);
  });

  it('bundles current styles of the CSL repository, so apa is APA 7 and vancouver resolves through its parent', () => {
    const titleOf = (id: string) => /<title>([^<]*)<\/title>/.exec(resolveStyle(id, { root, systemDirs: [] }).xml)?.[1];
    expect(titleOf('apa')).toMatch(/7th edition/);
    expect(titleOf('chicago-author-date')).toMatch(/Chicago Manual of Style .*author-date/);
    expect(titleOf('modern-language-association')).toMatch(/MLA Handbook/);
    expect(titleOf('harvard-cite-them-right')).toMatch(/Cite Them Right/);
    expect(titleOf('ieee')).toMatch(/IEEE/);
    // vancouver is a dependent style: what is rendered is its parent, NLM citation-sequence.
    expect(titleOf('vancouver')).toMatch(/NLM\/Vancouver/);
    const ids = listStyles({ root, systemDirs: [] }).map((style) => style.id);
    expect(ids).toEqual(expect.arrayContaining(['apa', 'chicago-author-date', 'modern-language-association', 'vancouver', 'harvard-cite-them-right', 'ieee']));
  });

  it('renders every bundled style', () => {
    const items = new Map([['a', { id: 'a', type: 'article-journal', title: 'A title', 'container-title': 'Journal', author: [{ family: 'Ng', given: 'Ann' }], issued: { 'date-parts': [[2020]] } }]]);
    const citations = [{ narrative: false, items: [{ key: 'a', prefix: '', suffix: '', suppressAuthor: false, offset: 0 }], start: 0, end: 1 }];
    for (const id of ['apa', 'chicago-author-date', 'modern-language-association', 'vancouver', 'harvard-cite-them-right', 'ieee']) {
      const { bibliography } = new CitationEngines().format({ style: resolveStyle(id, { root, systemDirs: [] }), locale: 'en-US', items, citations });
      expect(bibliography[0]!.text, id).toMatch(/Ng/);
      expect(bibliography[0]!.text, id).toMatch(/A title/i);
    }
  });
});

describe('locales', () => {
  it('formats with another locale, and refuses an unknown one', () => {
    const engines = new CitationEngines();
    const style = resolveStyle('apa', { root });
    const items = new Map([['a', { id: 'a', type: 'book', title: 'T', author: [{ family: 'Ng', given: 'A' }, { family: 'Li', given: 'B' }] }]]);
    const citations = [{ narrative: false, items: [{ key: 'a', prefix: '', suffix: '', suppressAuthor: false, offset: 0 }], start: 0, end: 1 }];
    expect(engines.format({ style, locale: 'de-DE', items, citations }).citations[0]).toMatch(/o\.\sJ\./);
    expect(() => engines.format({ style, locale: 'xx-XX', items, citations })).toThrow(/unknown locale 'xx-XX' \(there are: .*\ben-US\b/);
  });
});
