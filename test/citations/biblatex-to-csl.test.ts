import { describe, expect, it } from 'vitest';
import { readBibliographies } from '../../src/citations/load-references.js';
import { parseLatex, plainText } from '../../src/citations/latex-text.js';
import { sentenceCase } from '../../src/citations/sentence-case.js';

function read(source: string, file = 'refs.bib') {
  const library = readBibliographies([{ file, source }]);
  return { items: library.items, problems: library.problems.map((problem) => problem.format()), unreadable: library.unreadable };
}

const item = (source: string, key = 'a') => read(source).items.get(key)!;
const sentence = (title: string) => plainText(sentenceCase(parseLatex(title)));

describe('sentence case by APA 7', () => {
  it('lowercases capitalised words, also after a hyphen, and keeps the first word and the first after a colon', () => {
    expect(sentence('Between-Group Competition: The Case of {Texas}')).toBe('Between-group competition: The case of Texas');
    expect(sentence('blah')).toBe('Blah');
    expect(sentence('What Works? Evidence From Schools')).toBe('What works? Evidence from schools');
  });

  it('keeps acronyms, words with inner capitals or digits, the pronoun I, braced and quoted words', () => {
    expect(sentence('How I Use TCP and iPads in GL17 Classes')).toBe('How I use TCP and iPads in GL17 classes');
    expect(sentence("Aristotle's \\mkbibquote{De Motu Animalium}")).toBe('Aristotle’s “De Motu Animalium”'.replace('’', "'"));
  });

  it('applies to subtitles and title addons, only for entries in English', () => {
    const title = (fields: string) => item(`@book{a, title = {The True Frontier}, subtitle = {Confronting the Realities}, ${fields}}`).title;
    expect(title('')).toBe('The true frontier: Confronting the realities');
    for (const langid of ['american', 'british', 'USenglish', 'UKenglish', 'canadian', 'australian', 'newzealand', 'en-US']) {
      expect(title(`langid = {${langid}}`), langid).toBe('The true frontier: Confronting the realities');
    }
    expect(title('hyphenation = {french}')).toBe('The True Frontier: Confronting the Realities');
    expect(title('language = {german}')).toBe('The True Frontier: Confronting the Realities');
    expect(title('language = {langlatin and langgerman}')).toBe('The True Frontier: Confronting the Realities');
  });
});

describe('reading biblatex', () => {
  it('turns LaTeX into Unicode and marks', () => {
    const title = item('@book{a, title = {The {\\TeX book} of M{\\"u}ller, \\emph{Vol.}~1 \\ldots{} {\\ss}e---and \\textsc{Caps} \\hyphen{} $\\alpha$}, langid = {german}}').title;
    // Braces that start with a command are BibTeX's special characters, not case protection.
    expect(title).toBe('The TeXbook of Müller, <i>Vol.</i>\u00a01 … ße—and <span style="font-variant:small-caps;">Caps</span> - <span class="nocase">α</span>');
  });

  it('reads names in every BibTeX form, with particles, suffixes, organisations and the extended form', () => {
    const { author } = item(
      '@book{a, author = {von Brandt, Ahasver and Erich Hoffmann and Ludwig van Beethoven and Smith, Jr., John and {World Health Organization} and family=Gennep, given=Arnold, prefix=van, useprefix=true and J.G. Doe}}',
    );
    expect(author).toEqual([
      { family: 'Brandt', given: 'Ahasver', 'dropping-particle': 'von' },
      { family: 'Hoffmann', given: 'Erich' },
      { family: 'Beethoven', given: 'Ludwig', 'dropping-particle': 'van' },
      { family: 'Smith', given: 'John', suffix: 'Jr.' },
      { literal: 'World Health Organization' },
      { family: 'Gennep', given: 'Arnold', 'non-dropping-particle': 'van' },
      { family: 'Doe', given: 'J. G.' },
    ]);
    expect(item('@book{a, author = {von Brandt, A.}, options = {useprefix=true}}').author).toEqual([{ family: 'Brandt', given: 'A.', 'non-dropping-particle': 'von' }]);
  });

  it('reads dates: ranges, open ranges, approximate, unspecified, BC years, and year/month fields', () => {
    const issued = (date: string) => item(`@book{a, date = {${date}}}`).issued;
    expect(issued('2004-10-27')).toEqual({ 'date-parts': [[2004, 10, 27]] });
    expect(issued('1988/1992')).toEqual({ 'date-parts': [[1988], [1992]] });
    expect(issued('1999-10-14/')).toEqual({ 'date-parts': [[1999, 10, 14], [0, 0, 0]] });
    expect(issued('1723~')).toEqual({ 'date-parts': [[1723]], circa: true });
    expect(issued('19XX')).toEqual({ 'date-parts': [[1900], [1999]] });
    expect(issued('-0343')).toEqual({ 'date-parts': [[-344]] });
    expect(issued('forthcoming')).toEqual({ literal: 'forthcoming' });
    expect(item('@article{a, year = 1999, month = aug}').issued).toEqual({ 'date-parts': [[1999, 8]] });
    expect(item('@book{a, date = 1997, origdate = 1959}')['original-date']).toEqual({ 'date-parts': [[1959]] });
  });

  it('gives entry types the words a style expects', () => {
    expect(item('@phdthesis{a, title = {T}, school = {MIT}}')).toMatchObject({ type: 'thesis', genre: 'PhD thesis', publisher: 'MIT' });
    expect(item('@thesis{a, type = {mathesis}}')).toMatchObject({ type: 'thesis', genre: "Master's thesis" });
    expect(item('@patent{a, type = {patentus}, number = {5668842}}')).toMatchObject({ type: 'patent', genre: 'U.S. patent', number: '5668842' });
    expect(item('@report{a, type = {resreport}, institution = {Human Research and Engineering Directorate}}')).toMatchObject({
      type: 'report',
      genre: 'research report',
      publisher: 'Human Research; Engineering Directorate',
    });
    expect(item('@techreport{a, institution = {{Rural School and Community Trust}}}').publisher).toBe('<span class="nocase">Rural School and Community Trust</span>');
    expect(item('@book{a, publisher = {A and B}, location = {Westport, Conn. and London}}')).toMatchObject({ publisher: 'A; B', 'publisher-place': 'Westport, Conn.; London' });
  });

  it('inherits from crossref (renamed by biblatex rules) and xdata, and treats a multivolume work as biblatex does', () => {
    const { items } = read(`
@incollection{child, author = {Westfahl, Gary}, title = {The True Frontier}, pages = {55-65}, crossref = {parent}}
@collection{parent, editor = {Westfahl, Gary}, title = {Space and Beyond}, date = 2000, publisher = {Greenwood}, xdata = {shared}}
@xdata{shared, location = {Westport}}
@book{vol, maintitle = {Collected Works}, title = {Biographia Literaria}, volume = 7, part = 2}`);
    expect(items.get('child')).toMatchObject({ 'container-title': 'Space and beyond', editor: [{ family: 'Westfahl', given: 'Gary' }], issued: { 'date-parts': [[2000]] }, publisher: 'Greenwood', 'publisher-place': 'Westport' });
    expect(items.has('shared')).toBe(false);
    expect(items.get('vol')).toMatchObject({ title: 'Collected works', 'volume-title': 'Biographia literaria', volume: '7.2' });
  });

  it('makes eprints links, and joins addon fields and series numbers as biblatex prints them', () => {
    expect(item('@article{a, eprint = {math/0307200v3}, eprinttype = {arxiv}}').URL).toBe('https://arxiv.org/abs/math/0307200v3');
    expect(item('@article{a, eprint = {0307200}, archiveprefix = {arXiv}}').URL).toBe('https://arxiv.org/abs/0307200');
    expect(item('@book{a, title = {Main}, titleaddon = {An Addon}, series = 3, note = {A note}, addendum = {More}}')).toMatchObject({
      title: 'Main. An addon',
      'collection-title': '3rd series',
      note: 'A note. More',
    });
    expect(item('@article{a, journaltitle = {J}, series = {newseries}}')['collection-title']).toBe('new series');
  });
});

describe('bad entries', () => {
  it('a missing comma is one plain message at its place; the entry is not read, the others are', () => {
    const { items, problems, unreadable } = read('@book{good, title = {A}}\n\n@book{bad,\n  title = {B}\n  year = {2002}\n}\n@book{after, title = {C}}\n');
    expect(problems).toEqual(['refs.bib:4:14: missing comma after the title field?']);
    expect([...items.keys()]).toEqual(['good', 'after']);
    expect([...unreadable.keys()]).toEqual(['bad']);
  });

  it('unbalanced braces are reported at the field, and the next entry still loads', () => {
    const { items, problems } = read('@book{bad,\n  publisher = {Taylor {{\\&} Francis},\n  year = 2001\n}\n@book{next, title = {N}}');
    expect(problems).toEqual(["refs.bib:2:3: a '}' is missing: the braces in the publisher field do not balance"]);
    expect([...items.keys()]).toEqual(['next']);
  });

  it('reads what other tools stumble on: starred commands in notes, language lists, open date ranges', () => {
    const { items, problems } = read(
      '@book{a, title = {T}, annotation = {A \\enquote*{quoted} note}, language = {langlatin and langgerman}, date = {1999-10-14/}}',
    );
    expect(problems).toEqual([]);
    expect(items.get('a')).toMatchObject({ annote: 'A “quoted” note', issued: { 'date-parts': [[1999, 10, 14], [0, 0, 0]] } });
  });
});

describe('entries too thin to print', () => {
  it('are named with their line: no title, or an article without its journal', async () => {
    const { thinReferenceWarnings } = await import('../../src/citations/thin-references.js');
    const library = readBibliographies([{ file: 'refs.bib', source: '@misc{halle2014, author = {Halle}, year = 2014}\n@article{b, title = {T}}\n@book{c, title = {Fine}}\n@misc{uncited, year = 2000}' }]);
    expect(thinReferenceWarnings(library.byId.values(), new Set(['halle2014', 'b', 'c']))).toEqual([
      "refs.bib:1: reference 'halle2014' has no title, so its entry prints incompletely; add it from the work's record",
      "refs.bib:2: reference 'b' has no journal (journaltitle field), so its entry prints incompletely; add it from the work's record",
    ]);
  });
});
