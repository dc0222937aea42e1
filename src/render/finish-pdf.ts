import { deflateSync } from 'node:zlib';
import { PdfFile } from '../pdf/pdf-file.js';
import { pageHeight, pdfPages, type PdfPage } from '../pdf/pdf-pages.js';
import { PdfUpdate } from '../pdf/pdf-update.js';
import { PdfName, PdfRef, PdfString, type PdfDict } from '../pdf/pdf-values.js';
import { documentProblems, pageContents, type UaProblem } from '../pdf/ua-conditions.js';
import { infoDict, rewriteWithPdfLib, xmpPacket, type PdfMetadata } from './pdf-metadata.js';
import { describeLinks, linkDescriptions } from './pdfua/link-descriptions.js';
import { markArtifacts } from './pdfua/mark-artifacts.js';
import { repairStructure } from './pdfua/repair-structure.js';

/** A finished PDF, and why it does not claim PDF/UA-1 (empty when it does). */
export interface FinishedPdf {
  bytes: Uint8Array;
  pages: number;
  unmet: UaProblem[];
}

/**
 * Finishes a PDF Chromium printed, for PDF/UA-1 (ISO 14289-1): marks the
 * untagged painting (margin boxes, backgrounds, rules, leaders) as artifacts,
 * describes every link from the brief's HTML, repairs the structure tree,
 * sets the document information and an XMP packet, and says PDF 1.7. The
 * packet claims PDF/UA-1 only when every condition briefwright checks holds.
 *
 * Only the objects that change are parsed and written (the content streams,
 * the link annotations, the list items, catalog and metadata); every other
 * object's bytes are copied as Chromium wrote them, where loading and
 * re-saving the whole file with pdf-lib costs 100–700 ms a brief. A file not
 * laid out as Chromium lays it out goes through pdf-lib instead and claims
 * nothing.
 */
export async function finishPdf(pdf: Uint8Array, options: { metadata: PdfMetadata; html: string }): Promise<FinishedPdf> {
  const { metadata } = options;
  // The version is a header byte: PDF 1.4 → 1.7 in place keeps every offset.
  const bytes = Buffer.from(pdf);
  if (/^%PDF-1\.[0-6]/.test(bytes.subarray(0, 8).toString('latin1'))) bytes[7] = 0x37;
  const file = PdfFile.open(bytes);
  if (!file) {
    const fallback = await rewriteWithPdfLib(pdf, metadata);
    return { ...fallback, unmet: [{ code: 'ISO 14289-1', message: 'the PDF is not laid out as Chromium lays it out, so it was not made accessible' }] };
  }
  const update = new PdfUpdate(file);
  const pages = pdfPages(update);
  const unmet: UaProblem[] = [];
  pages.forEach((page, index) => {
    const problem = markPage(update, file, page);
    if (problem) unmet.push({ code: '01-005', message: problem, page: index + 1 });
  });
  describeLinks(update, pages, linkDescriptions(options.html));
  repairStructure(update);

  const catalog: PdfDict = new Map(update.get(update.root) as PdfDict);
  if (!catalog.has('Lang')) catalog.set('Lang', PdfString.text(metadata.language));
  const preferences = update.lookup(catalog, 'ViewerPreferences');
  catalog.set('ViewerPreferences', new Map([...(preferences instanceof Map ? preferences : []), ['DisplayDocTitle', true]]));
  const xmp = update.allocate();
  catalog.set('Metadata', xmp);
  update.set(update.root, catalog);
  const setXmp = (claim: boolean) => {
    const dict: PdfDict = new Map([
      ['Type', new PdfName('Metadata')],
      ['Subtype', new PdfName('XML')],
    ]);
    update.setStream(xmp.num, dict, Buffer.from(xmpPacket(metadata, claim), 'utf8'));
  };
  setXmp(false);
  unmet.push(...documentProblems(update, bytes.subarray(0, 8).toString('latin1')).filter((problem) => problem.code !== '06-002'));
  if (unmet.length === 0) setXmp(true);

  // Chromium's own Info object (stamped with the time of printing) is replaced in place.
  const chromiumInfo = file.trailer.get('Info');
  const info = chromiumInfo instanceof PdfRef ? chromiumInfo : update.allocate();
  update.set(info.num, infoDict(metadata));
  return { bytes: update.write({ info, id: new PdfString(Buffer.from(metadata.documentId, 'hex'), true) }), pages: pages.length, unmet };
}

/** Marks one page's untagged painting as artifacts; returns why it could not, if it could not. */
function markPage(update: PdfUpdate, file: PdfFile, page: PdfPage): string | undefined {
  let contents: Uint8Array[];
  try {
    contents = pageContents(file, page);
  } catch (error) {
    return `content could not be read (${(error as Error).message})`;
  }
  const joined = contents.length === 1 ? contents[0]! : Buffer.concat(contents.flatMap((part) => [part, Buffer.from('\n')]));
  const marked = markArtifacts(joined, pageHeight(update, page));
  if (!marked) return undefined;
  const data = deflateSync(marked, { level: DEFLATE_LEVEL });
  const dict: PdfDict = new Map([['Filter', new PdfName('FlateDecode')]]);
  const current = page.dict.get('Contents');
  if (current instanceof PdfRef) update.setStream(current.num, dict, data);
  else {
    const stream = update.allocate();
    update.setStream(stream.num, dict, data);
    update.set(page.num, new Map([...page.dict, ['Contents', stream]]));
  }
  return undefined;
}

/**
 * zlib's level for the rewritten content streams: 3 takes about a third of
 * the time of zlib's default 6 (2 ms against 5.5 ms for a four-page brief),
 * for streams about a quarter larger (a finished PDF 4–6% larger).
 */
const DEFLATE_LEVEL = 3;
