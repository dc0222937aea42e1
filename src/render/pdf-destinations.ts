import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';

/**
 * The page (1-based) of every named destination in a PDF. Chromium writes one
 * for each element an internal link points at, named by the element's id; a
 * table of contents that links to its sections thus learns their pages.
 */
export async function namedDestinationPages(pdf: Uint8Array): Promise<Map<string, number>> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageIndex = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const pages = new Map<string, number>();
  const record = (name: string, destination: PDFObject | undefined) => {
    let target = resolve(document, destination);
    if (target instanceof PDFDict) target = resolve(document, target.get(PDFName.of('D')));
    if (!(target instanceof PDFArray)) return;
    const page = target.get(0);
    if (page instanceof PDFRef) {
      const number = pageIndex.get(page.toString());
      if (number !== undefined) pages.set(name, number);
    }
  };
  const catalog = document.catalog;
  const dests = resolve(document, catalog.get(PDFName.of('Dests')));
  if (dests instanceof PDFDict) {
    for (const [key, value] of dests.entries()) record(decodeName(key.asString()), value);
  }
  const names = resolve(document, catalog.get(PDFName.of('Names')));
  if (names instanceof PDFDict) walkNameTree(document, resolve(document, names.get(PDFName.of('Dests'))), record);
  return pages;
}

function walkNameTree(document: PDFDocument, node: PDFObject | undefined, record: (name: string, value: PDFObject | undefined) => void) {
  if (!(node instanceof PDFDict)) return;
  const names = resolve(document, node.get(PDFName.of('Names')));
  if (names instanceof PDFArray) {
    for (let index = 0; index + 1 < names.size(); index += 2) {
      const key = names.get(index);
      const name = key instanceof PDFString || key instanceof PDFHexString ? key.decodeText() : String(key);
      record(name, names.get(index + 1));
    }
  }
  const kids = resolve(document, node.get(PDFName.of('Kids')));
  if (kids instanceof PDFArray) for (let index = 0; index < kids.size(); index += 1) walkNameTree(document, resolve(document, kids.get(index)), record);
}

function resolve(document: PDFDocument, value: PDFObject | undefined): PDFObject | undefined {
  return value instanceof PDFRef ? document.context.lookup(value) : value;
}

/** PDF names escape bytes as #xx; `/section-a#2Db` is "section-a-b". */
function decodeName(raw: string): string {
  return raw.replace(/^\//, '').replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
