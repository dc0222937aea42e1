import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdfConformance } from '../../src/audit/pdf-conformance.js';
import { build } from '../../src/build.js';
import { BrowserSession } from '../../src/render/browser-session.js';
import { findChrome } from '../../src/render/find-chrome.js';
import { copyFixture } from '../helpers/fixture.js';

// Every shipped template in both shipped themes, on a fixture with a figure, a
// decorative image, tables, citations, web links and a phrase in Spanish.
const TEMPLATES = ['brief', 'handout', 'report', 'annotated-bibliography'];
const THEMES = ['default', 'partner'];
const NAMES = TEMPLATES.flatMap((template) => THEMES.map((theme) => `${template}-${theme}`));

let root: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('pdfua'));
  for (const template of TEMPLATES) {
    for (const theme of THEMES) {
      await writeFile(
        path.join(root, `briefs/${template}-${theme}.yaml`),
        `title: A ${template} in ${theme}\nsubtitle: Sub\naudience: Staff\ndate: 2026-11-23\npopulations: [all]\ntemplate: ${template}\ntheme: ${theme}\nnocite: '*'\n`,
      );
    }
  }
  const results = await build({ root, jobs: 2 });
  expect(results.filter((result) => result.status === 'failed').map((result) => result.error?.format())).toEqual([]);
}, 240_000);

afterAll(async () => {
  await cleanup();
});

const pdfFile = (name: string) => path.join(root, 'output', `${name}.pdf`);

/** Operators pdf.js reports as painting. */
const PAINTING = new Set(
  [
    'showText', 'showSpacedText', 'nextLineShowText', 'nextLineSetSpacingShowText', 'fill', 'eoFill', 'stroke', 'fillStroke', 'eoFillStroke',
    'closeStroke', 'closeFillStroke', 'closeEOFillStroke', 'endPath', 'paintImageXObject', 'paintInlineImageXObject', 'paintImageMaskXObject',
    'paintFormXObjectBegin', 'shadingFill', 'paintSolidColorImageMask', 'paintImageXObjectRepeat', 'paintImageMaskXObjectRepeat', 'paintImageMaskXObjectGroup',
  ].map((name) => OPS[name as keyof typeof OPS]),
);

interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}

/** What pdf.js reads back: painting outside tagged content and artifacts, the XMP claim, links, figures, headings. */
async function readBack(file: string) {
  const document = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  let untagged = 0;
  const links: (string | undefined)[] = [];
  const roles: StructNode[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const list = await page.getOperatorList();
    const covered: boolean[] = [];
    list.fnArray.forEach((fn, index) => {
      if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
        const [tag, mcid] = list.argsArray[index] as [string, number | null];
        covered.push(covered.at(-1) === true || tag === 'Artifact' || typeof mcid === 'number');
      } else if (fn === OPS.endMarkedContent) covered.pop();
      else if (PAINTING.has(fn) && covered.at(-1) !== true) untagged += 1;
    });
    for (const annotation of await page.getAnnotations()) if (annotation.subtype === 'Link') links.push(annotation.contentsObj?.str);
    const walk = (node: StructNode) => {
      if (node.role) roles.push(node);
      node.children?.forEach(walk);
    };
    walk((await page.getStructTree()) as StructNode);
  }
  const { metadata } = await document.getMetadata();
  await document.destroy();
  return { untagged, links, roles, part: metadata?.get('pdfuaid:part'), title: metadata?.get('dc:title') };
}

describe('PDF/UA-1 in every template and theme', () => {
  it.each(NAMES)('%s: nothing painted untagged, XMP claims PDF/UA-1, links described, figures with alt text', async (name) => {
    const facts = await readBack(pdfFile(name));
    expect(facts.untagged).toBe(0);
    expect(facts.part).toBe('1');
    expect(facts.title).toMatch(/^A /);
    expect(facts.links.length).toBeGreaterThan(0);
    expect(facts.links.filter((contents) => !contents)).toEqual([]);
    const figures = facts.roles.filter((node) => node.role === 'Figure');
    // The annotated bibliography shows no section images; the partner theme adds its logo.
    if (!name.startsWith('annotated-bibliography') || name.endsWith('partner')) expect(figures.length).toBeGreaterThan(0);
    expect(figures.filter((figure) => !figure.alt)).toEqual([]);
    if (name.endsWith('partner')) expect(figures.map((figure) => figure.alt)).toContain('Learning Equity Alliance logo');
  });

  it.each(NAMES)('%s: headings start at H1 and skip no level; briefwright\'s own audit finds nothing', async (name) => {
    const bytes = await readFile(pdfFile(name));
    const document = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const metadata = document.context.lookup(document.catalog.get(PDFName.of('Metadata')));
    if (!(metadata instanceof PDFRawStream)) throw new Error('no XMP metadata stream');
    expect(metadata.dict.get(PDFName.of('Subtype'))?.toString()).toBe('/XML');
    expect(Buffer.from(decodePDFRawStream(metadata).decode()).toString('utf8')).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    for (const page of document.getPages()) {
      if (page.node.Annots()) expect(page.node.get(PDFName.of('Tabs'))?.toString()).toBe('/S');
    }
    const levels = (await readBack(pdfFile(name))).roles.map((node) => /^H([1-6])$/.exec(node.role ?? '')?.[1]).filter(Boolean).map(Number);
    expect(levels[0]).toBe(1);
    levels.forEach((level, index) => index > 0 && expect(level).toBeLessThanOrEqual(levels[index - 1]! + 1));
    expect(await checkPdfConformance(pdfFile(name))).toEqual([]);
  });

  it('describes a citation by its work, a web link by its address', async () => {
    const { links } = await readBack(pdfFile('brief-default'));
    expect(links).toEqual(expect.arrayContaining(['Reference: R. Rose, 2014a', 'Reference: Patrick et al., 2016', 'Reference: Hasselbring and Glaser, 2000', 'https://example.org/guidance', 'the loan handbook (https://example.org/handbook)']));
  });

  it('paints exactly what Chromium painted', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'briefwright-pixels-'));
    const session = new BrowserSession({ browser: () => findChrome(), pages: 1 });
    try {
      for (const name of NAMES) {
        // Chromium's own PDF of the same HTML, printed as printBrief prints it.
        const html = await readFile(path.join(root, 'output', `${name}.html`), 'utf8');
        const raw = await session.print(html, { format: 'Letter', printBackground: true, tagged: true, outline: true, preferCSSPageSize: false, displayHeaderFooter: false });
        writeFileSync(path.join(work, `${name}-before.pdf`), raw);
        execFileSync('pdftoppm', ['-png', '-r', '40', path.join(work, `${name}-before.pdf`), path.join(work, `${name}-a`)]);
        execFileSync('pdftoppm', ['-png', '-r', '40', pdfFile(name), path.join(work, `${name}-b`)]);
      }
    } finally {
      await session.close();
    }
    const before = readdirSync(work).filter((file) => /-a-\d+\.png$/.test(file));
    expect(before.length).toBeGreaterThan(NAMES.length);
    for (const file of before) expect(readFileSync(path.join(work, file.replace('-a-', '-b-'))).equals(readFileSync(path.join(work, file))), file).toBe(true);
  });
});

describe('the PDF audit', () => {
  const broken = async (name: string, change: (document: PDFDocument) => void) => {
    const document = await PDFDocument.load(await readFile(pdfFile('brief-default')), { updateMetadata: false });
    change(document);
    const file = pdfFile(name);
    await writeFile(file, await document.save({ useObjectStreams: false }));
    return (await checkPdfConformance(file)).map((problem) => `${problem.page === undefined ? '' : `page ${problem.page}: `}${problem.code} ${problem.message}`);
  };

  it('fails a PDF without XMP metadata', async () => {
    expect(await broken('no-xmp', (document) => document.catalog.delete(PDFName.of('Metadata')))).toEqual(['06-001 no XMP metadata stream in the catalog']);
  });

  it('fails a link without a description, naming its page', async () => {
    const problems = await broken('no-contents', (document) => {
      const annots = document.getPage(0).node.Annots()!;
      (document.context.lookup(annots.get(0)) as PDFDict).delete(PDFName.of('Contents'));
    });
    expect(problems).toEqual(['page 1: 28-012 1 link without a /Contents description']);
  });

  it('fails painting outside tagged content', async () => {
    const problems = await broken('untagged', (document) => document.getPage(1).drawRectangle({ x: 10, y: 10, width: 5, height: 5 }));
    expect(problems).toEqual([expect.stringMatching(/^page 2: 01-005 graphics outside tagged content/)]);
  });

  it('fails a figure without alt text and a skipped heading level', async () => {
    const problems = await broken('structure', (document) => {
      for (const [, object] of document.context.enumerateIndirectObjects()) {
        if (!(object instanceof PDFDict) || object.get(PDFName.of('Type'))?.toString() !== '/StructElem') continue;
        const type = object.get(PDFName.of('S'))?.toString();
        if (type === '/Figure') object.delete(PDFName.of('Alt'));
        if (type === '/H2') object.set(PDFName.of('S'), PDFName.of('H4'));
      }
    });
    expect(problems).toEqual(expect.arrayContaining(['13-004 a Figure has no alternative text (/Alt)', '14-003 a heading skips from H1 to H4']));
  });
});
