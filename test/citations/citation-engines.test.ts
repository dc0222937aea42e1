import { beforeAll, describe, expect, it } from 'vitest';
import { CitationEngines } from '../../src/citations/citation-engines.js';
import { findCitations } from '../../src/citations/parse-citations.js';
import { parseBibliography } from '../../src/citations/load-references.js';
import { resolveStyle } from '../../src/citations/styles.js';
import { ProblemCollector } from '../../src/errors.js';
import type { CslItem } from '../../src/citations/reference.js';

const BIB = String.raw`
@book{gleason2013, author = {Gleason, Sonia and Gerzon, Nancy}, title = {Growing into equity}, publisher = {Corwin}, year = {2013}}
@book{rose2014a, author = {Rose, Raymond}, title = {Access and equity}, publisher = {iNACOL}, year = {2014}}
@book{rose2014b, author = {Rose, Raymond}, title = {Blended learning}, publisher = {iNACOL}, year = {2014}}
@article{hasselbring2000, author = {Hasselbring, Ted S. and Glaser, Candyce}, title = {Use of computer technology}, journal = {The Future of Children}, volume = {10}, number = {2}, pages = {102--122}, year = {2000}, doi = {10.2307/1602691}}
@report{patrick2016, author = {Patrick, Susan and Worthen, Maria and Frost, Dale and Gentz, Susan}, title = {Meeting the promise}, institution = {iNACOL}, year = {2016}}
@report{wested2014, author = {{WestEd}}, title = {Next generation learning}, year = {2014}}
`;

let items: Map<string, CslItem>;
const engines = new CitationEngines();
const apa = resolveStyle('apa', { root: '/nonexistent' });

function format(text: string, nocite: string[] = []) {
  return engines.format({ style: apa, locale: 'en-US', items, citations: findCitations(text), nocite });
}

const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#38;|&amp;/g, '&');

beforeAll(() => {
  const problems = new ProblemCollector();
  items = new Map(parseBibliography(BIB, 'refs.bib', problems).map((r) => [r.id, r.item]));
  expect(problems.problems).toEqual([]);
});

describe('CitationEngines with APA', () => {
  it('formats parenthetical citations as APA does', () => {
    const result = format('[@gleason2013] [@patrick2016] [@wested2014] [@hasselbring2000, pp. 3--5]');
    expect(result.citations.map(plain)).toEqual([
      '(Gleason & Gerzon, 2013)',
      '(Patrick et al., 2016)',
      '(WestEd, 2014)',
      '(Hasselbring & Glaser, 2000, pp. 3–5)',
    ]);
  });

  it('writes narrative citations with "and" and the year in parentheses', () => {
    const result = format('@hasselbring2000 found; @rose2014a [p. 4] adds');
    expect(result.citations.map(plain)).toEqual(['Hasselbring and Glaser (2000)', 'Rose (2014, p. 4)']);
  });

  it('prints the year alone for a suppressed author', () => {
    expect(plain(format('[-@gleason2013]').citations[0]!)).toBe('(2013)');
  });

  it('disambiguates same-author same-year works the same way in text and list', () => {
    const result = format('[@rose2014b] then [@rose2014a, p. 4]');
    expect(result.citations.map(plain)).toEqual(['(Rose, 2014b)', '(Rose, 2014a, p. 4)']);
    const list = result.bibliography.map((entry) => plain(entry.html));
    expect(list[0]).toMatch(/^Rose, R\. \(2014a\)\. Access and equity/);
    expect(list[1]).toMatch(/^Rose, R\. \(2014b\)\. Blended learning/);
  });

  it('lists exactly the cited works, once each, sorted by author', () => {
    const result = format('[@wested2014; @gleason2013] and [@gleason2013, p. 2]');
    expect(result.bibliography.map((entry) => entry.id)).toEqual(['gleason2013', 'wested2014']);
  });

  it('adds nocite keys to the list without citing them', () => {
    const result = format('[@wested2014]', ['rose2014a']);
    expect(result.bibliography.map((entry) => entry.id)).toEqual(['rose2014a', 'wested2014']);
  });

  it('links every cited work in a cluster to its own entry', () => {
    const [html] = format('[@gleason2013; see @wested2014]').citations;
    expect(html).toContain('<a href="#ref-gleason2013">Gleason &#38; Gerzon, 2013</a>');
    expect(html).toContain('<a href="#ref-wested2014">see WestEd, 2014</a>');
  });

  it('turns DOIs into links and uses an en dash in page ranges', () => {
    const entry = format('[@hasselbring2000]').bibliography[0]!.html;
    expect(entry).toContain('102–122');
    expect(entry).toContain('<a href="https://doi.org/10.2307/1602691">');
  });

  it('starts afresh for each brief when the engine is reused', () => {
    format('[@rose2014a] [@rose2014b]');
    const alone = format('[@rose2014b]');
    expect(alone.citations.map(plain)).toEqual(['(Rose, 2014)']);
  });

  it('formats with another bundled style', () => {
    const vancouver = resolveStyle('vancouver', { root: '/nonexistent' });
    const result = engines.format({ style: vancouver, locale: 'en-US', items, citations: findCitations('[@gleason2013] [@wested2014]') });
    expect(result.citations.map(plain)).toEqual(['(1)', '(2)']);
  });
});

describe('reusing renders across briefs', () => {
  it('gives exactly what rendering each brief afresh gives, over the shipped library', async () => {
    const { loadProject } = await import('../../src/project/load-project.js');
    const { PACKAGE_ROOT } = await import('../../src/project/package-root.js');
    const { markdownToTree } = await import('../../src/compose/markdown.js');
    const project = await loadProject({ root: PACKAGE_ROOT });
    const cached = new CitationEngines();
    const fresh = new CitationEngines();
    const bySection = project.sections.map(
      (section) => markdownToTree({ markdown: section.body, file: section.file, firstLine: 1, headingOffset: 0, firstCitation: 0, root: PACKAGE_ROOT }).citations.map((c) => c.match),
    );
    // Overlapping selections, so later briefs reuse what earlier ones rendered.
    for (let start = 0; start < bySection.length; start += 7) {
      const citations = bySection.slice(start, start + 15).flat();
      const request = { style: apa, locale: 'en-US', items: project.references.items, citations };
      expect(cached.format(request)).toEqual(fresh.format({ ...request, fresh: true }));
    }
  }, 180_000); // every brief rendered twice with the full APA 7 style: about 20 s alone, more on a busy machine
});
