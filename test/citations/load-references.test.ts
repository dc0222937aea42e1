import { describe, expect, it } from 'vitest';
import { loadReferences, parseBibliography } from '../../src/citations/load-references.js';
import { ProblemCollector } from '../../src/errors.js';
import { copyFixture } from '../helpers/fixture.js';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

function parse(source: string, file = 'refs.bib') {
  const problems = new ProblemCollector();
  const references = parseBibliography(source, file, problems);
  return { references, problems: problems.problems.map((p) => p.format()) };
}

describe('parseBibliography', () => {
  it('reads BibTeX with accents and braces, one reference per entry with its line', () => {
    const { references, problems } = parse(
      '% comment\n@book{muller2019,\n  author = {M{\\"u}ller, J{\\\'e}r{\\^o}me},\n  title = {Learning in the {United States}},\n  publisher = {P},\n  year = {2019}\n}\n\n@misc{b, title = {B}, year = 2001}\n',
    );
    expect(problems).toEqual([]);
    expect(references.map((r) => [r.id, r.line])).toEqual([
      ['muller2019', 2],
      ['b', 9],
    ]);
    expect(references[0]!.item.author).toEqual([{ family: 'Müller', given: 'Jérôme' }]);
    expect(references[0]!.item.title).toBe('Learning in the <span class="nocase">United States</span>');
  });

  it('converts Title Case BibTeX titles to sentence case, keeping braced words protected from the style', () => {
    const { references } = parse('@book{a, title = {Teaching Every Student in the {Digital} Age: {UDL} and the {United States}}, year = 2002}');
    expect(references[0]!.item.title).toBe(
      'Teaching every student in the <span class="nocase">Digital</span> age: <span class="nocase">UDL</span> and the <span class="nocase">United States</span>',
    );
  });

  it('leaves titles of entries in other languages as written (langid or language)', () => {
    const { references } = parse(
      '@book{de, langid = {german}, title = {Der Titel Ist Hier}, year = 2014}\n@book{fr, title = {Le Titre}, language = {french}, year = 2014}\n@book{en, langid = {english}, title = {The Title Is Here}, year = 2014}',
    );
    expect(references.map((r) => r.item.title)).toEqual(['Der Titel Ist Hier', 'Le Titre', 'The title is here']);
  });

  it('reports a malformed entry with its line and still reads the others', () => {
    const { references, problems } = parse('@book{good1, title={A}, year=2001}\n\n@book{bad, title={Missing brace, year=2002\n\n@book{good2, title={B}, year=2003}\n');
    expect(references.map((r) => r.id)).toEqual(['good1', 'good2']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBe("refs.bib:3:18: the value of the title field never closes: a '}' is missing");
  });

  it('expands @string macros in every entry', () => {
    const { references } = parse('@string{pub = "Corwin Press"}\n@book{a, title = {A}, publisher = pub, year = 2001}');
    expect(references[0]!.item.publisher).toBe('Corwin Press');
  });

  it('reads CSL-JSON', () => {
    const { references } = parse(JSON.stringify([{ id: 'x', type: 'book', title: 'X' }], null, 2), 'refs.json');
    expect(references.map((r) => [r.id, r.line])).toEqual([['x', 3]]);
  });

  it('reads RIS records', () => {
    const ris = 'TY  - JOUR\nAU  - Smith, Jane\nTI  - A study\nPY  - 2019\nID  - smith2019\nER  - \n';
    const { references, problems } = parse(ris, 'refs.ris');
    expect(problems).toEqual([]);
    expect(references[0]!.item).toMatchObject({ title: 'A study', author: [{ family: 'Smith', given: 'Jane' }] });
  });
});

describe('loadReferences', () => {
  it('reports a key defined in two files', async () => {
    const { root, cleanup } = await copyFixture('basic');
    try {
      await writeFile(path.join(root, 'content/extra.json'), JSON.stringify([{ id: 'pane2015', type: 'book', title: 'Again' }]));
      const library = await loadReferences({ root, files: ['content/references.bib', 'content/extra.json'] });
      expect(library.problems.map((p) => p.format())).toEqual([
        expect.stringMatching(/^content\/extra\.json:1:1: duplicate reference key 'pane2015' \(first defined at content\/references\.bib:\d+\)/),
      ]);
      expect(library.byId.get('pane2015')!.file).toBe('content/references.bib');
    } finally {
      await cleanup();
    }
  });
});
