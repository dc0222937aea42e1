import path from 'node:path';
import type { Element as XmlElement } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../src/build.js';
import { copyFixture } from '../../helpers/fixture.js';
import { all, attr, readDocx, styleOf, textOf, type DocxParts } from '../../helpers/read-docx.js';

// The two fixture projects of the brand and Markdown features, built as Word
// files through the whole pipeline: what the HTML shows must be in Word too.
const projects: { cleanup: () => Promise<void> }[] = [];
let features: DocxParts;
let contents: DocxParts;
let branded: DocxParts;

beforeAll(async () => {
  const markdown = await copyFixture('markdown-features');
  const brand = await copyFixture('brand-theme');
  projects.push(markdown, brand);
  const fields = { formats: ['docx' as const] };
  await build({ root: markdown.root, recipes: ['brief', 'brief-with-contents'], fields, jobs: 1 });
  await build({ root: brand.root, recipes: ['handout'], fields, jobs: 1 });
  features = await readDocx(path.join(markdown.root, 'output/brief.docx'));
  contents = await readDocx(path.join(markdown.root, 'output/brief-with-contents.docx'));
  branded = await readDocx(path.join(brand.root, 'output/handout.docx'));
});

afterAll(() => Promise.all(projects.map((project) => project.cleanup())));

const body = (docx: DocxParts) => all(docx.xml('word/document.xml'), 'w:body')[0]!;
const blocks = (docx: DocxParts) => Array.from(body(docx).childNodes).filter((node): node is XmlElement => node.nodeType === 1);
const style = (docx: DocxParts, id: string) => all(docx.xml('word/styles.xml'), 'w:style').find((s) => attr(s, 'w:styleId') === id)!;

describe('Word files of briefs with notes, figures, tables and cross-references', () => {
  it('makes the brief’s notes Word footnotes, numbered across sections in reading order', () => {
    const notes = all(features.xml('word/footnotes.xml'), 'w:footnote').filter((note) => Number(attr(note, 'w:id')) > 0);
    expect(notes.map((note) => textOf(note).trim())).toEqual([
      'Access here means a device the student can use for schoolwork, not a shared family phone.',
      'Screen readers, switches and text-to-speech tools, as described by Hasselbring and Glaser (2000).',
      'A hotspot counts only if the family can keep it through the summer.',
    ]);
    expect(all(body(features), 'w:footnoteReference').map((ref) => attr(ref, 'w:id'))).toEqual(notes.map((note) => attr(note, 'w:id')));
    // The citation inside a note links to its reference entry; the notes' links back are left to Word's own marks.
    expect(all(features.xml('word/footnotes.xml'), 'w:hyperlink').map((link) => attr(link, 'w:anchor'))).toEqual(['ref_hasselbring2000']);
    expect(blocks(features).map(textOf).join(' ')).not.toMatch(/↩|Notes/);
  });

  it('numbers figure and table captions as the HTML does, each bookmarked for its cross-references', () => {
    const captions = blocks(features).filter((block) => block.nodeName === 'w:p' && styleOf(block) === 'Caption');
    expect(captions.map(textOf)).toEqual([
      'Figure 1. Share of students with a working device at home, by group (illustrative figures).',
      'Table 1. What a state can fund, per student per year',
      'Figure 2. Coaching hours rose from 4 to 18 a year over two years',
    ]);
    expect(captions.map((caption) => attr(all(caption, 'w:bookmarkStart')[0], 'w:name'))).toEqual(['fig_device_access', 'tbl_supports', 'fig_coaching']);
    // The table's caption is right above it; its columns keep their alignment (left, centre, right).
    const document = blocks(features);
    const table = document.findIndex((block) => block.nodeName === 'w:tbl');
    expect(textOf(document[table - 1]!)).toBe(textOf(captions[1]!));
    const firstRow = all(document[table]!, 'w:tr')[1]!;
    expect(all(firstRow, 'w:tc').map((cell) => attr(all(cell, 'w:jc')[0], 'w:val'))).toEqual([undefined, 'center', 'right']);
  });

  it('links every cross-reference to its figure, table or section', () => {
    const bookmarks = new Set(all(body(features), 'w:bookmarkStart').map((b) => attr(b, 'w:name')));
    const links = all(body(features), 'w:hyperlink')
      .filter((link) => !attr(link, 'w:anchor')?.startsWith('ref_') && attr(link, 'w:anchor'))
      .map((link) => [textOf(link), attr(link, 'w:anchor')]);
    expect(links).toEqual([
      ['Figure 1', 'fig_device_access'],
      ['Table 1', 'tbl_supports'],
      ['Plan the support, not only the devices', 'section_plan_support'],
      ['Figure 2', 'fig_coaching'],
      ['Figure 1', 'fig_device_access'],
      ['Figure 2', 'fig_coaching'],
      ['1', 'tbl_supports'],
      ['Who has a device at home', 'section_device_access'],
    ]);
    for (const [, anchor] of links) expect(bookmarks.has(anchor)).toBe(true);
    // A heading in a section is one level below the section's title.
    expect(styleOf(blocks(features).find((block) => textOf(block) === 'Next steps')!)).toBe('Heading3');
  });

  it('gives a brief with contents a Word contents field, after its takeaways', () => {
    expect(all(contents.xml('word/document.xml'), 'w:instrText').map((t) => t.textContent)[0]).toMatch(/^TOC \\h \\o "1-2"/);
    expect(all(features.xml('word/document.xml'), 'w:instrText').some((t) => t.textContent?.startsWith('TOC'))).toBe(false);
    const styled = blocks(contents).map((block) => styleOf(block));
    expect(styled.indexOf('TOCHeading')).toBeGreaterThan(styled.lastIndexOf('Takeaway'));
  });
});

describe('the Word file of a brief with a project’s own theme', () => {
  it('takes its palette, fonts, margins and logo from the theme’s settings', () => {
    expect(attr(all(style(branded, 'Title'), 'w:color')[0], 'w:val')).toBe('5B2A6E');
    expect(attr(all(style(branded, 'Title'), 'w:rFonts')[0], 'w:ascii')).toBe('Lora');
    expect(attr(all(style(branded, 'Normal'), 'w:rFonts')[0], 'w:ascii')).toBe('Public Sans');
    expect(attr(all(style(branded, 'TakeawaysHeading'), 'w:color')[0], 'w:val')).toBe('8A3B12');
    expect(attr(all(style(branded, 'Takeaway'), 'w:left')[0], 'w:color')).toBe('E0A526');
    const theme = branded.xml('word/theme/theme1.xml');
    expect(attr(all(all(theme, 'a:accent1')[0]!, 'a:srgbClr')[0], 'val')).toBe('5B2A6E');
    expect(attr(all(all(theme, 'a:minorFont')[0]!, 'a:latin')[0], 'typeface')).toBe('Public Sans');
    // margins: 0.8in 0.8in 0.75in
    const margins = all(branded.xml('word/document.xml'), 'w:pgMar')[0]!;
    expect(['w:top', 'w:right', 'w:bottom', 'w:left'].map((side) => attr(margins, side))).toEqual(['1152', '1152', '1080', '1152']);
    expect(all(body(branded), 'wp:docPr').map((d) => attr(d, 'descr'))[0]).toBe('Every Day Counts Coalition');
    expect(blocks(branded).map(textOf)).toEqual(expect.arrayContaining(['Every Day Counts Coalitioneverydaycounts.example.org', 'Key points', 'Sources']));
  });
});
