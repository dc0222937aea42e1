import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { PDFDocument, PDFDict, PDFName } from 'pdf-lib';

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
    language: catalog.lookupMaybe(PDFName.of('Lang'), Object as never) ? String(catalog.get(PDFName.of('Lang'))) : undefined,
    tagged: Boolean(catalog.get(PDFName.of('StructTreeRoot'))) && String(markInfo?.get(PDFName.of('Marked'))) === 'true',
    outline: Boolean(catalog.get(PDFName.of('Outlines'))),
    size: document.getPage(0).getSize(),
  };
}
