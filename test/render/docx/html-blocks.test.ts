import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Element as XmlElement } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefModel } from '../../../src/compose/brief-model.js';
import { LabelFiles } from '../../../src/compose/label-files.js';
import { DocxWriter } from '../../../src/render/docx/docx-writer.js';
import { FileLayers } from '../../../src/project/file-layers.js';
import { PACKAGE_ROOT } from '../../../src/project/package-root.js';
import { all, attr, readDocx, styleOf, textOf, type DocxParts } from '../../helpers/read-docx.js';

// The HTML that compose writes for note references, numbered figures and
// table captions, and cross-references, given straight to the Word mapping.
// Notes are not in the sections: the brief gathers them, numbered across it.
const SECTION = `
<p>First claim.<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" aria-label="Nota 1">1</a></sup>
See <a class="xref" href="#fig-chart">Figura 1</a>.</p>
<figure id="fig-chart"><img src="data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#123456"/></svg>').toString('base64')}" alt="A dark rectangle"><figcaption><span class="caption-label">Figura 1.</span> A <em>rectangle</em></figcaption></figure>
<p>As <a class="xref" href="#tbl-counts">Tabla 1</a> shows, again.<sup class="footnote-ref"><a href="#fn-1" id="fnref-1-2" aria-label="Nota 1">1</a></sup></p>
<table id="tbl-counts"><caption><span class="caption-label">Tabla 1.</span> Counts</caption><thead><tr><th class="align-left">Name</th><th class="align-right">Count</th></tr></thead><tbody><tr><td class="align-left">A</td><td class="align-right">1</td></tr></tbody></table>
<details><summary>More</summary><p>Hidden detail.</p></details>
<p>An <abbr title="individualized education program">IEP</abbr> and <kbd>Ctrl</kbd>.</p>
<hr>`;

const NOTE = '\n<p>The note. <a class="footnote-back" href="#fnref-1" aria-label="Volver al texto de la nota 1">↩</a> <a class="footnote-back" href="#fnref-1-2" aria-label="Volver">↩</a></p>';

// A brief in Spanish: the shipped Spanish label file gives the layouts their words.
const spanish = (await LabelFiles.load(new FileLayers({ project: PACKAGE_ROOT, builtIn: PACKAGE_ROOT }))).forLanguage('es');

const model: BriefModel = {
  brief: {
    title: 'Mapping test',
    subtitle: '',
    audience: 'Equipos estatales',
    author: 'A. Author',
    organization: '',
    date: '2026-01-02',
    lang: 'es',
    locale: 'es-ES',
    template: 'custom-layout',
    paper: 'a4',
    populationLabels: ['English learners'],
    topicLabels: [],
  },
  sections: [{ id: 'one', title: 'One', kind: 'evidence', summary: 'One thing to know.', html: SECTION }],
  groups: [],
  takeaways: [{ id: 'one', text: 'One thing to know.' }],
  notes: [{ number: 1, id: 'fn-1', html: NOTE }],
  references: [],
  hangingIndent: true,
  labels: spanish.strings(),
  labelText: (name, fields) => spanish.text(name, fields),
  toc: false,
  theme: {
    name: 'civic',
    organization: '',
    footer: '',
    logoAlt: 'Logo',
    palette: {
      primary: '#7a1f5c',
      accent: 'rgb(224 165 38)',
      text: '#222',
      background: 'white',
      callout: '#f8f1e4',
      muted: '#555555',
      label: '#7a1f5c',
      link: '#7a1f5c',
      onPrimary: '#ffffff',
      rule: '#dccfe0',
    },
    fonts: { body: 'Source Serif 4', headings: 'Fira Sans' },
  },
  page: { size: 'A4', margins: { top: '2cm', right: '0.75in', bottom: '18mm', left: '0.75in' } },
  generator: 'briefwright test',
};
model.groups.push({ kind: 'evidence', heading: 'Evidencia', sections: model.sections });

let folder: string;
let docx: DocxParts;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'briefwright-docx-'));
  const writer = new DocxWriter({ layers: new FileLayers({ project: folder, builtIn: PACKAGE_ROOT }), root: folder });
  const written = await writer.write({ model, layout: { description: '', sections: true, toc: false } });
  await writeFile(path.join(folder, 'out.docx'), written.bytes);
  docx = await readDocx(path.join(folder, 'out.docx'));
});

afterAll(() => rm(folder, { recursive: true, force: true }));

const paragraphs = () => all(docx.xml('word/document.xml'), 'w:p');

describe('HTML to Word', () => {
  it('turns the brief’s notes into Word footnotes where the text refers to them, without their links back', () => {
    const notes = all(docx.xml('word/footnotes.xml'), 'w:footnote').filter((note) => Number(attr(note, 'w:id')) > 0);
    expect(notes.map((note) => textOf(note))).toEqual([' The note.']);
    expect(all(docx.xml('word/document.xml'), 'w:footnoteReference')).toHaveLength(1);
    expect(paragraphs().map(textOf).join('|')).not.toMatch(/↩|The note/);
  });

  it('repeats a note’s number where the text refers to it again, linked to its first mark', () => {
    const reference = all(docx.xml('word/document.xml'), 'w:footnoteReference')[0]!;
    const bookmark = all(reference.parentNode!.parentNode as XmlElement, 'w:bookmarkStart')[0];
    expect(attr(bookmark, 'w:name')).toBe('note_fn_1');
    const again = all(docx.xml('word/document.xml'), 'w:hyperlink').find((link) => attr(link, 'w:anchor') === 'note_fn_1')!;
    expect(textOf(again)).toBe('1');
    expect(attr(all(again, 'w:vertAlign')[0], 'w:val')).toBe('superscript');
  });

  it('puts a figure caption under its image in the Caption style, bookmarked for cross-references', () => {
    const styled = paragraphs().map((p) => [styleOf(p), textOf(p)]);
    const caption = styled.findIndex(([style, text]) => style === 'Caption' && text!.startsWith('Figura 1'));
    expect(styled[caption]).toEqual(['Caption', 'Figura 1. A rectangle']);
    // The number is bold, as on the page.
    expect(all(paragraphs()[caption]!, 'w:r').filter((run) => all(run, 'w:b').length > 0).map(textOf)).toEqual(['Figura 1.']);
    const image = paragraphs()[caption - 1]!;
    expect(attr(all(image, 'wp:docPr')[0], 'descr')).toBe('A dark rectangle');
    expect(all(image, 'w:keepNext')).toHaveLength(1);
    expect(attr(all(paragraphs()[caption]!, 'w:bookmarkStart')[0], 'w:name')).toBe('fig_chart');
    const link = all(docx.xml('word/document.xml'), 'w:hyperlink').find((h) => attr(h, 'w:anchor') === 'fig_chart');
    expect(link && textOf(link)).toBe('Figura 1');
  });

  it('puts a table caption above its table, marks the header row and aligns columns as their classes say', () => {
    const body = all(docx.xml('word/document.xml'), 'w:body')[0]!;
    const children = Array.from(body.childNodes).filter((node) => node.nodeType === 1) as XmlElement[];
    const table = children.findIndex((node) => node.nodeName === 'w:tbl');
    expect(textOf(children[table - 1]!)).toBe('Tabla 1. Counts');
    expect(attr(all(children[table - 1]!, 'w:bookmarkStart')[0], 'w:name')).toBe('tbl_counts');
    expect(all(children[table]!, 'w:tblHeader')).toHaveLength(1);
    const alignments = all(children[table]!, 'w:tc').map((cell) => attr(all(cell, 'w:jc')[0], 'w:val'));
    expect(alignments).toEqual([undefined, 'right', undefined, 'right']);
  });

  it('keeps the text of elements Word has no equivalent for', () => {
    const text = paragraphs().map(textOf);
    expect(text).toEqual(expect.arrayContaining(['More', 'Hidden detail.', 'An IEP and Ctrl.']));
    // <hr> is a rule: an empty paragraph with a border.
    expect(paragraphs().some((p) => textOf(p) === '' && all(p, 'w:pBdr').length > 0)).toBe(true);
  });

  it('prints the fixed words from the brief’s labels, in its language', () => {
    const text = paragraphs().map(textOf);
    expect(text).toEqual(expect.arrayContaining(['Informe de políticas', 'Ideas clave', 'Preparado para: Equipos estatales', 'Evidencia']));
    expect(text.some((line) => /^Fecha: /.test(line))).toBe(true);
    expect(all(docx.xml('docProps/core.xml'), 'dc:description')[0]?.textContent).toBe('Preparado para Equipos estatales');
    // The foot of every page after the first: "Página N de M", with Word's page number and page count.
    const footers = docx.names.filter((name) => /^word\/footer\d+\.xml$/.test(name)).map((name) => docx.text(name));
    const numbered = footers.filter((xml) => xml.includes('PAGE'));
    expect(numbered).toHaveLength(1);
    expect(numbered[0]).toMatch(/Página .*PAGE.* de .*NUMPAGES/s);
  });

  it('takes the brand from the theme settings and the language from the brief', () => {
    const styles = docx.xml('word/styles.xml');
    const style = (id: string) => all(styles, 'w:style').find((candidate) => attr(candidate, 'w:styleId') === id)!;
    expect(attr(all(style('Title'), 'w:color')[0], 'w:val')).toBe('7A1F5C');
    expect(attr(all(style('Title'), 'w:rFonts')[0], 'w:ascii')).toBe('Fira Sans');
    expect(attr(all(style('Normal'), 'w:rFonts')[0], 'w:ascii')).toBe('Source Serif 4');
    expect(attr(all(style('Normal'), 'w:color')[0], 'w:val')).toBe('222222');
    // The takeaways bar is the accent colour (written as CSS may write it), the box the callout.
    expect(attr(all(style('Takeaway'), 'w:left')[0], 'w:color')).toBe('E0A526');
    expect(attr(all(style('Takeaway'), 'w:shd')[0], 'w:fill')).toBe('F8F1E4');
    // Word's own theme offers the brand's colours and fonts in its menus.
    const theme = docx.xml('word/theme/theme1.xml');
    expect(attr(all(all(theme, 'a:accent1')[0]!, 'a:srgbClr')[0], 'val')).toBe('7A1F5C');
    expect(attr(all(all(theme, 'a:majorFont')[0]!, 'a:latin')[0], 'typeface')).toBe('Fira Sans');
    // The theme's margins: 2cm, 0.75in, 18mm.
    const margins = all(docx.xml('word/document.xml'), 'w:pgMar')[0]!;
    expect(['w:top', 'w:right', 'w:bottom', 'w:left'].map((side) => attr(margins, side))).toEqual(['1134', '1080', '1020', '1080']);
    expect(attr(all(all(styles, 'w:rPrDefault')[0]!, 'w:lang')[0], 'w:val')).toBe('es-ES');
    expect(all(docx.xml('docProps/core.xml'), 'dc:creator')[0]?.textContent).toBe('A. Author');
    const size = all(docx.xml('word/document.xml'), 'w:pgSz')[0]!;
    expect([attr(size, 'w:w'), attr(size, 'w:h')]).toEqual(['11906', '16838']);
  });
});
