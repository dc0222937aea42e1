import { readFile } from 'node:fs/promises';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BriefResult } from '../../../src/build.js';
import { copyFixture } from '../../helpers/fixture.js';
import { all, attr, readDocx, styleOf, textOf, type DocxParts } from '../../helpers/read-docx.js';

let root: string;
let cleanup: () => Promise<void>;
let results: BriefResult[];
let brief: DocxParts;

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('word'));
  results = await build({ root, jobs: 1 });
  brief = await readDocx(path.join(root, 'output/word-brief.docx'));
});

afterAll(async () => {
  await cleanup();
});

const body = (docx: DocxParts) => all(docx.xml('word/document.xml'), 'w:body')[0]!;
const paragraphs = (docx: DocxParts) => all(body(docx), 'w:p');

describe('Word output', () => {
  it('writes a .docx for every recipe that asks for one, and records it', async () => {
    expect(results.map((result) => [result.name, result.status, result.files])).toEqual([
      ['word-annotated-bibliography', 'built', ['output/word-annotated-bibliography.docx']],
      ['word-brief', 'built', ['output/word-brief.docx']],
      ['word-handout', 'built', ['output/word-handout.docx']],
      ['word-report', 'built', ['output/word-report.docx']],
    ]);
    const record = JSON.parse(await readFile(path.join(root, 'output/.records/word-brief.json'), 'utf8'));
    expect(record.outputs.docx.file).toBe('output/word-brief.docx');
  });

  it('has real Word structure: Title, Subtitle and headings one level per step, without skips', () => {
    const styled = paragraphs(brief).map((p) => [styleOf(p), textOf(p)] as const);
    expect(styled.find(([style]) => style === 'Title')?.[1]).toBe('Technology Access for English Learners');
    expect(styled.find(([style]) => style === 'Subtitle')?.[1]).toBe('What the research says');
    const headings = styled.filter(([style]) => /^(Heading\d|TakeawaysHeading)$/.test(style ?? ''));
    expect(headings).toEqual([
      ['TakeawaysHeading', 'Key takeaways'],
      ['Heading1', 'Background'],
      ['Heading2', 'Access at home and at school'],
      ['Heading1', 'Practices'],
      ['Heading2', 'Lending programs that work'],
      ['Heading1', 'References'],
    ]);
    // The takeaways heading is a Heading 1 in the outline (its style is based on Heading 1).
    const styles = brief.xml('word/styles.xml');
    const takeaways = all(styles, 'w:style').find((style) => attr(style, 'w:styleId') === 'TakeawaysHeading')!;
    expect(attr(all(takeaways, 'w:basedOn')[0], 'w:val')).toBe('Heading1');
  });

  it('gives every cited work one bookmark, and links every citation to it', () => {
    const document = brief.xml('word/document.xml');
    const entries = paragraphs(brief).filter((p) => styleOf(p) === 'Bibliography');
    expect(entries.map(textOf).map((text) => text.slice(0, 12))).toEqual(['August, D., ', 'Hasselbring,', 'Rose, R. (20']);
    const entryBookmarks = entries.map((entry) => attr(all(entry, 'w:bookmarkStart')[0], 'w:name'));
    expect(entryBookmarks).toEqual(['ref_august2006', 'ref_hasselbring2000', 'ref_rose2014']);
    const names = all(document, 'w:bookmarkStart').map((b) => attr(b, 'w:name'));
    for (const name of entryBookmarks) expect(names.filter((n) => n === name)).toHaveLength(1);
    const ids = all(document, 'w:bookmarkStart').map((b) => attr(b, 'w:id'));
    expect(new Set(ids).size).toBe(ids.length);
    const anchors = all(document, 'w:hyperlink').map((link) => attr(link, 'w:anchor')).filter(Boolean);
    // Rose and Hasselbring are cited in the body; August in a footnote.
    expect(new Set(anchors)).toEqual(new Set(['ref_rose2014', 'ref_hasselbring2000']));
    const noteAnchors = all(brief.xml('word/footnotes.xml'), 'w:hyperlink').map((link) => attr(link, 'w:anchor'));
    expect(noteAnchors).toContain('ref_august2006');
  });

  it('makes DOIs and URLs live links', () => {
    const rels = all(brief.xml('word/_rels/document.xml.rels'), 'Relationship')
      .filter((rel) => attr(rel, 'TargetMode') === 'External')
      .map((rel) => attr(rel, 'Target'));
    expect(rels).toEqual(expect.arrayContaining(['https://doi.org/10.2307/1602691', 'https://example.org/access-and-equity', 'https://example.org/loans']));
  });

  it('turns Markdown footnotes into Word footnotes, each numbered once across the brief', () => {
    const notes = all(brief.xml('word/footnotes.xml'), 'w:footnote').filter((note) => Number(attr(note, 'w:id')) > 0);
    expect(notes.map((note) => textOf(note).trim())).toEqual([
      'Rose counts both devices and connections; see also the notes in August and Shanahan (2006).',
      'Counts are from district reports.',
    ]);
    const references = all(body(brief), 'w:footnoteReference').map((ref) => attr(ref, 'w:id'));
    expect(references).toEqual(notes.map((note) => attr(note, 'w:id')));
    // The HTML's own footnote list and its back links are not repeated in the text.
    expect(paragraphs(brief).map(textOf).join(' ')).not.toMatch(/Footnotes|↩|Counts are from/);
  });

  it('marks table header rows as header rows that repeat, and keeps column alignment', () => {
    const tables = all(body(brief), 'w:tbl');
    expect(tables).toHaveLength(1);
    const rows = all(tables[0]!, 'w:tr');
    expect(rows.map((row) => all(row, 'w:tblHeader').length)).toEqual([1, 0, 0]);
    expect(rows.map((row) => all(row, 'w:tc').map(textOf))).toEqual([
      ['Program', 'Devices', 'Share trained'],
      ['District A', '1,200', '85%'],
      ['District B', '450', '60%'],
    ]);
    const alignments = all(rows[1]!, 'w:tc').map((cell) => attr(all(cell, 'w:jc')[0], 'w:val'));
    expect(alignments).toEqual([undefined, 'right', 'center']);
  });

  it('keeps lists as Word lists: bullets, numbers, and a nested level', () => {
    const listed = paragraphs(brief).filter((p) => all(p, 'w:numPr').length > 0 && styleOf(p) === 'ListParagraph');
    const levels = listed.map((p) => [attr(all(p, 'w:ilvl')[0], 'w:val'), textOf(p).slice(0, 18)]);
    expect(levels).toEqual([
      ['0', 'a device the stude'],
      ['0', 'a connection fast '],
      ['1', 'at least one adult'],
      ['1', 'and time to practi'],
      ['0', 'support from the s'],
      ['0', 'Survey families ab'],
      ['0', 'Lend devices where'],
    ]);
    const numbering = brief.xml('word/numbering.xml');
    const formatOf = (p: (typeof listed)[number]) => {
      const num = all(numbering, 'w:num').find((n) => attr(n, 'w:numId') === attr(all(p, 'w:numId')[0], 'w:val'))!;
      const abstract = all(numbering, 'w:abstractNum').find((a) => attr(a, 'w:abstractNumId') === attr(all(num, 'w:abstractNumId')[0], 'w:val'))!;
      const level = all(abstract, 'w:lvl').find((l) => attr(l, 'w:ilvl') === attr(all(p, 'w:ilvl')[0], 'w:val'))!;
      return attr(all(level, 'w:numFmt')[0], 'w:val');
    };
    // A list inside a list counts in letters, as Word's own multilevel lists do.
    expect(listed.map(formatOf)).toEqual(['bullet', 'bullet', 'lowerLetter', 'lowerLetter', 'bullet', 'decimal', 'decimal']);
  });

  it('puts block quotes in the Quote style', () => {
    const quotes = paragraphs(brief).filter((p) => styleOf(p) === 'Quote');
    expect(quotes.map(textOf)).toEqual(['Access is not only a device: it is the help to use it well.']);
  });

  it('gives every image its alt text, marks decorative ones, and gives SVGs a PNG for readers without SVG', () => {
    const drawings = all(body(brief), 'wp:docPr');
    expect(drawings.map((d) => attr(d, 'descr') ?? '')).toEqual([
      'Bar chart: share of English learners with a home device, by grade band',
      '',
      'Diagram: a device, a connection and a helper, joined in a triangle',
    ]);
    const decorative = drawings.map((d) => all(d, 'adec:decorative').map((mark) => attr(mark, 'val')));
    expect(decorative).toEqual([[], ['1'], []]);
    expect(new Set(drawings.map((d) => attr(d, 'id'))).size).toBe(3);
    expect(brief.names.filter((name) => name.startsWith('word/media/')).map((name) => path.extname(name)).sort()).toEqual(['.png', '.png', '.png', '.svg']);
  });

  it('says the language and describes the document in its core properties', () => {
    const core = brief.xml('docProps/core.xml');
    const value = (name: string) => all(core, name)[0]?.textContent;
    expect(value('dc:title')).toBe('Technology Access for English Learners');
    expect(value('dc:subject')).toBe('What the research says');
    expect(value('cp:keywords')).toBe('English learners, Technology access');
    expect(value('dc:language')).toBe('en-US');
    expect(value('dcterms:created')).toBe('2026-11-23T00:00:00Z');
    const defaults = all(brief.xml('word/styles.xml'), 'w:rPrDefault')[0]!;
    expect(attr(all(defaults, 'w:lang')[0], 'w:val')).toBe('en-US');
  });

  it('underlines links, so colour is not the only sign of one', () => {
    const hyperlink = all(brief.xml('word/styles.xml'), 'w:style').find((style) => attr(style, 'w:styleId') === 'Hyperlink')!;
    expect(attr(all(hyperlink, 'w:u')[0], 'w:val')).toBe('single');
  });

  it('reads as a document to an independent reader (mammoth)', async () => {
    const { value, messages } = await mammoth.convertToHtml({ path: path.join(root, 'output/word-brief.docx') });
    expect(messages.filter((message) => message.type === 'error')).toEqual([]);
    expect(value).toMatch(/<h1>(<a id="kind_background"><\/a>)?Background<\/h1>/);
    expect(value).toMatch(/<h2>(<a id="section_home_access"><\/a>)?Access at home and at school<\/h2>/);
    expect(value).toMatch(/<table><thead><tr><th><p><strong>Program<\/strong><\/p><\/th>.*<\/tr><\/thead><tbody><tr><td><p>District A/);
    expect(value).toMatch(/<a id="ref_rose2014"><\/a>Rose, R\. \(2014\)/);
    expect(value).toMatch(/<img alt="Bar chart: share of English learners/);
    expect(value).toMatch(/<a href="#ref_rose2014">Rose, 2014<\/a>/);
  });

  it('gives each design its own structure: the report a table of contents, the bibliography its annotations', async () => {
    const report = await readDocx(path.join(root, 'output/word-report.docx'));
    expect(all(report.xml('word/document.xml'), 'w:instrText').map((t) => t.textContent)[0]).toMatch(/^TOC \\h \\o "1-2"/);
    const bibliography = await readDocx(path.join(root, 'output/word-annotated-bibliography.docx'));
    const styled = paragraphs(bibliography).map((p) => [styleOf(p), textOf(p).slice(0, 24)]);
    expect(styled.filter(([style]) => style === 'Bibliography' || style === 'Annotation')).toEqual([
      ['Bibliography', 'August, D., & Shanahan, '],
      ['Bibliography', 'Hasselbring, T. S., & Gl'],
      ['Bibliography', 'Rose, R. (2014). Access '],
      ['Annotation', 'Sets out what online and'],
    ]);
    const handout = await readDocx(path.join(root, 'output/word-handout.docx'));
    const texts = paragraphs(handout).map(textOf);
    expect(texts).toEqual(expect.arrayContaining(['Key points', 'Sources']));
    expect(texts.some((text) => text.startsWith('Learning Equity Alliance'))).toBe(true);
    // The partner theme's colour, not the default's, is the title's.
    const title = all(handout.xml('word/styles.xml'), 'w:style').find((style) => attr(style, 'w:styleId') === 'Title')!;
    expect(attr(all(title, 'w:color')[0], 'w:val')).toBe('0E5E5A');
    expect(all(body(handout), 'wp:docPr').map((d) => attr(d, 'descr'))[0]).toBe('Learning Equity Alliance logo');
  });

  it('writes the same bytes when nothing changed, whatever else the run built', async () => {
    const first = await readFile(path.join(root, 'output/word-brief.docx'));
    await build({ root, recipes: ['word-brief'], force: true, jobs: 1 });
    expect(Buffer.compare(first, await readFile(path.join(root, 'output/word-brief.docx')))).toBe(0);
  });
});
