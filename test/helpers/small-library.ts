import { expect } from 'vitest';
import { parseBibliography } from '../../src/citations/load-references.js';
import type { CslItem } from '../../src/citations/reference.js';
import { ProblemCollector } from '../../src/errors.js';

/** Five works, two of them by one author in one year (so "2014a"/"2014b" disambiguation shows). */
export const SMALL_BIB = String.raw`
@book{gleason2013, author = {Gleason, Sonia and Gerzon, Nancy}, title = {Growing into equity}, publisher = {Corwin}, year = {2013}}
@book{rose2014a, author = {Rose, Raymond}, title = {Access and equity}, publisher = {iNACOL}, year = {2014}}
@book{rose2014b, author = {Rose, Raymond}, title = {Blended learning}, publisher = {iNACOL}, year = {2014}}
@article{hasselbring2000, author = {Hasselbring, Ted S. and Glaser, Candyce}, title = {Use of computer technology}, journal = {The Future of Children}, volume = {10}, number = {2}, pages = {102--122}, year = {2000}, doi = {10.2307/1602691}}
@report{wested2014, author = {{WestEd}}, title = {Next generation learning}, year = {2014}}
`;

/** A .bib text's works as CSL items, read without a problem. */
export function smallLibrary(bib = SMALL_BIB): Map<string, CslItem> {
  const problems = new ProblemCollector();
  const items = new Map(parseBibliography(bib, 'refs.bib', problems).map((reference) => [reference.id, reference.item]));
  expect(problems.problems).toEqual([]);
  return items;
}
