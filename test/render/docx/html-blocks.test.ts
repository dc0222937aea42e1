import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Element as XmlElement } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefModel } from '../../../src/compose/brief-model.js';
import { DocxWriter } from '../../../src/render/docx/docx-writer.js';
import { FileLayers } from '../../../src/project/file-layers.js';
import { PACKAGE_ROOT } from '../../../src/project/package-root.js';
import { all, attr, readDocx, styleOf, textOf, type DocxParts } from '../../helpers/read-docx.js';

// The HTML that remark-gfm writes for footnotes, and that figures and table
// captions are written as, given straight to the Word mapping.
const SECTION = `
<p>First claim.<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="" aria-describedby="footnote-label">1</a></sup>
See <a href="#fig-chart">Figure 1</a>.</p>
<figure id="fig-chart"><img src="data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#123456"/></svg>').toString('base64')}" alt="A dark rectangle"><figcaption>Figure 1: A <em>rectangle</em></figcaption></figure>
<p>As <a href="#tbl-counts">Table 1</a> shows.</p>
<table id="tbl-counts"><caption>Table 1: Counts</caption><thead><tr><th>Name</th><th>Count</th></tr></thead><tbody><tr><td>A</td><td>1</td></tr></tbody></table>
<details><summary>More</summary><p>Hidden detail.</p></details>
<p>An <abbr title="individualized education program">IEP</abbr> and <kbd>Ctrl</kbd>.</p>
<hr>
<section data-footnotes="" class="footnotes"><h2 class="sr-only" id="footnote-label">Footnotes</h2>
<ol><li id="user-content-user-content-fn-1"><p>The note. <a href="#user-content-fnref-1" data-footnote-backref="" aria-label="Back to reference 1" class="data-footnote-backref">↩</a></p></li></ol></section>`;

const model: BriefModel = {
  brief: {
    title: 'Mapping test',
    subtitle: '',
    audience: '',
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
  sections: [{ id: 'one', title: 'One', kind: 'evidence', summary: '', html: SECTION }],
  groups: [],
  takeaways: [],
  references: [],
  hangingIndent: true,
  theme: { name: 'default', organization: '', footer: '', logoAlt: 'Logo' },
  page: { size: 'A4' },
  generator: 'briefwright test',
};
model.groups.push({ kind: 'evidence', heading: 'Evidence', sections: model.sections });

let folder: string;
let docx: DocxParts;
const stylesheet = { css: ':root { --accent: #7a1f5c; --sans: "Fira Sans", sans-serif; }', brand: {} };

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'briefwright-docx-'));
  const writer = new DocxWriter({ layers: new FileLayers({ project: folder, builtIn: PACKAGE_ROOT }), root: folder });
  const written = await writer.write({ model, layout: { description: '', sections: true, toc: false }, stylesheet });
  await writeFile(path.join(folder, 'out.docx'), written.bytes);
  docx = await readDocx(path.join(folder, 'out.docx'));
});

afterAll(() => rm(folder, { recursive: true, force: true }));

const paragraphs = () => all(docx.xml('word/document.xml'), 'w:p');

describe('HTML to Word', () => {
  it('turns remark-gfm footnotes, whatever their id prefixes, into one Word footnote', () => {
    const notes = all(docx.xml('word/footnotes.xml'), 'w:footnote').filter((note) => Number(attr(note, 'w:id')) > 0);
    expect(notes.map((note) => textOf(note).trim())).toEqual(['The note.']);
    expect(all(docx.xml('word/document.xml'), 'w:footnoteReference')).toHaveLength(1);
    expect(paragraphs().map(textOf).join('|')).not.toContain('Footnotes');
  });

  it('puts a figure caption under its image in the Caption style, bookmarked for cross-references', () => {
    const styled = paragraphs().map((p) => [styleOf(p), textOf(p)]);
    const caption = styled.findIndex(([style, text]) => style === 'Caption' && text!.startsWith('Figure 1'));
    expect(styled[caption]).toEqual(['Caption', 'Figure 1: A rectangle']);
    const image = paragraphs()[caption - 1]!;
    expect(attr(all(image, 'wp:docPr')[0], 'descr')).toBe('A dark rectangle');
    expect(all(image, 'w:keepNext')).toHaveLength(1);
    expect(attr(all(paragraphs()[caption]!, 'w:bookmarkStart')[0], 'w:name')).toBe('fig_chart');
    const link = all(docx.xml('word/document.xml'), 'w:hyperlink').find((h) => attr(h, 'w:anchor') === 'fig_chart');
    expect(link && textOf(link)).toBe('Figure 1');
  });

  it('puts a table caption above its table, and marks the header row', () => {
    const body = all(docx.xml('word/document.xml'), 'w:body')[0]!;
    const children = Array.from(body.childNodes).filter((node) => node.nodeType === 1) as XmlElement[];
    const table = children.findIndex((node) => node.nodeName === 'w:tbl');
    expect(textOf(children[table - 1]!)).toBe('Table 1: Counts');
    expect(attr(all(children[table - 1]!, 'w:bookmarkStart')[0], 'w:name')).toBe('tbl_counts');
    expect(all(children[table]!, 'w:tblHeader')).toHaveLength(1);
  });

  it('keeps the text of elements Word has no equivalent for', () => {
    const text = paragraphs().map(textOf);
    expect(text).toEqual(expect.arrayContaining(['More', 'Hidden detail.', 'An IEP and Ctrl.']));
    // <hr> is a rule: an empty paragraph with a border.
    expect(paragraphs().some((p) => textOf(p) === '' && all(p, 'w:pBdr').length > 0)).toBe(true);
  });

  it('takes the brand from the theme settings and the language from the brief', () => {
    const styles = docx.xml('word/styles.xml');
    const title = all(styles, 'w:style').find((style) => attr(style, 'w:styleId') === 'Title')!;
    expect(attr(all(title, 'w:color')[0], 'w:val')).toBe('7A1F5C');
    expect(attr(all(title, 'w:rFonts')[0], 'w:ascii')).toBe('Fira Sans');
    expect(attr(all(all(styles, 'w:rPrDefault')[0]!, 'w:lang')[0], 'w:val')).toBe('es-ES');
    expect(all(docx.xml('docProps/core.xml'), 'dc:creator')[0]?.textContent).toBe('A. Author');
    const size = all(docx.xml('word/document.xml'), 'w:pgSz')[0]!;
    expect([attr(size, 'w:w'), attr(size, 'w:h')]).toEqual(['11906', '16838']);
  });
});
