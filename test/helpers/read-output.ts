import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { PDFDocument, PDFDict, PDFHexString, PDFName, PDFString } from 'pdf-lib';

/** Parses an output HTML file. */
export async function readHtml(file: string): Promise<Root> {
  return fromHtml(await readFile(file, 'utf8'));
}

/** The text of a PDF, page by page, read back by poppler's pdftotext. */
export function pdfPages(file: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1);
}

/** Metadata and structure of a PDF, read back with pdf-lib. */
export async function pdfFacts(file: string) {
  const document = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const catalog = document.catalog;
  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  return {
    pages: document.getPageCount(),
    title: document.getTitle(),
    author: document.getAuthor(),
    subject: document.getSubject(),
    keywords: document.getKeywords(),
    creator: document.getCreator(),
    language: text(catalog.lookup(PDFName.of('Lang'))),
    displayTitle: String(catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict)?.get(PDFName.of('DisplayDocTitle'))) === 'true',
    tagged: Boolean(catalog.get(PDFName.of('StructTreeRoot'))) && String(markInfo?.get(PDFName.of('Marked'))) === 'true',
    outline: Boolean(catalog.get(PDFName.of('Outlines'))),
    size: document.getPage(0).getSize(),
  };
}

function text(value: unknown): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/** The fonts of a PDF and whether each is embedded, read by poppler's pdffonts. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    // name type [encoding...] emb sub uni object ID: emb is the fifth column from the end.
    return { name: columns[0]!, embedded: columns.at(-5) === 'yes' };
  });
}
