import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type CSL from 'citeproc';
import { loadProject } from '../../src/project/load-project.js';
import { PACKAGE_ROOT } from '../../src/project/package-root.js';
import { findLocale, resolveStyle, SYSTEM_STYLE_DIRS } from '../../src/citations/styles.js';
import { shareSortMacros } from '../../src/citations/sort-macros.js';
import type { CslItem } from '../../src/citations/reference.js';

// Two copies of citeproc-js, one as it comes and one whose sort macros are
// shared: every engine of one must sort, cite and list exactly as the other's.
const load = createRequire(import.meta.url);
const file = load.resolve('citeproc');
const fresh = (): typeof CSL => {
  delete load.cache[file];
  return load('citeproc') as typeof CSL;
};
const asShipped = fresh();
const shared = fresh();
shareSortMacros(shared);

const { references } = await loadProject({ root: PACKAGE_ROOT });
const items = references.items;
const SYSTEM_STYLES = SYSTEM_STYLE_DIRS[0]!;

/** What an engine makes of all the works: sort keys, citations of three works, the reference list. */
function render(csl: typeof CSL, xml: string, works: ReadonlyMap<string, CslItem>): { engine: { bibliography_sort: { tokens: unknown[] } }; output: string } {
  const keys = [...works.keys()];
  const sys = { retrieveLocale: (lang: string) => findLocale(lang) ?? findLocale('en-US'), retrieveItem: (id: string) => ({ ...works.get(id), id }) };
  const engine = new csl.Engine(sys, xml, 'en-US', true);
  engine.updateItems(keys);
  const clusters: string[] = [];
  for (let at = 0; at + 3 <= Math.min(keys.length, 36); at += 3) clusters.push(engine.makeCitationCluster(keys.slice(at, at + 3).reverse().map((id) => ({ id }))));
  const bibliography = engine.makeBibliography();
  const sortKeys = keys.map((id) => engine.registry.registry[id]?.sortkeys);
  return {
    engine: engine as unknown as { bibliography_sort: { tokens: unknown[] } },
    output: JSON.stringify({ clusters, bibliography: bibliography ? bibliography[1] : false, sortKeys }),
  };
}

describe('shareSortMacros', () => {
  it.each(['apa', 'chicago-author-date', 'harvard-cite-them-right', 'ieee', 'modern-language-association', 'nlm-citation-sequence', 'vancouver-nlm'])(
    'leaves every sort key, citation and entry of %s as citeproc-js makes them',
    (name) => {
      const { xml } = resolveStyle(name, { root: PACKAGE_ROOT });
      expect(render(shared, xml, items).output).toBe(render(asShipped, xml, items).output);
    },
  );

  it("compiles APA's sorts to a fraction of the tokens", () => {
    const { xml } = resolveStyle('apa', { root: PACKAGE_ROOT });
    const inline = render(asShipped, xml, new Map()).engine.bibliography_sort.tokens.length;
    const sharedTokens = render(shared, xml, new Map()).engine.bibliography_sort.tokens.length;
    expect(inline).toBeGreaterThan(10_000);
    expect(sharedTokens).toBeLessThan(inline / 100);
  });

  it('sorts the same works in the same order with a namesake and an undated work', () => {
    const { xml } = resolveStyle('apa', { root: PACKAGE_ROOT });
    const works = new Map<string, CslItem>([
      ['b', { id: 'b', type: 'book', title: 'Later', author: [{ family: 'Rose', given: 'David' }], issued: { 'date-parts': [[2014]] } }],
      ['a', { id: 'a', type: 'book', title: 'Earlier', author: [{ family: 'Rose', given: 'David' }], issued: { 'date-parts': [[2014]] } }],
      ['c', { id: 'c', type: 'report', title: 'Undated', author: [{ family: 'Rose', given: 'Anne' }] }],
      ['d', { id: 'd', type: 'webpage', title: 'By a body', author: [{ literal: 'WestEd' }], issued: { 'date-parts': [[2014, 5]] } }],
    ]);
    expect(render(shared, xml, works).output).toBe(render(asShipped, xml, works).output);
  });

  // Where Debian's CSL styles are installed: a spread of them, dependent styles aside.
  const system = existsSync(SYSTEM_STYLES)
    ? readdirSync(SYSTEM_STYLES)
        .filter((name) => name.endsWith('.csl'))
        .sort()
        .filter((_, index) => index % 80 === 0)
    : [];
  it.skipIf(system.length === 0).each(system)('leaves installed style %s as it was', (name) => {
    const xml = readFileSync(path.join(SYSTEM_STYLES, name), 'utf8');
    let expected: string | Error;
    try {
      expected = render(asShipped, xml, items).output;
    } catch (error) {
      expected = error as Error;
    }
    if (expected instanceof Error) expect(() => render(shared, xml, items)).toThrow();
    else expect(render(shared, xml, items).output).toBe(expected);
  });
});
