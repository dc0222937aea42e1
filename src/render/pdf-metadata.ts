import { PDFDocument, PDFHexString } from 'pdf-lib';

/** Document information a brief's PDF carries. */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  creator: string;
  /** Creation and modification date; fixed by the inputs so rebuilds are identical. */
  date: Date;
  /** The document id (hex), derived from the inputs for the same reason. */
  documentId: string;
}

/**
 * Sets the PDF's document information, its language, and asks viewers to show
 * the title (not the file name) in the window, as PDF/UA wants. Chromium writes
 * only Title, Creator and Producer itself. Returns the file and its page count.
 *
 * The change is appended as an incremental update (PDF 1.7, 7.5.6): a few hundred
 * bytes after Chromium's own output, where loading and re-saving the whole file
 * with pdf-lib costs 100–700 ms a brief. Files not laid out as Chromium lays them
 * out (a cross-reference stream, say) go through pdf-lib instead.
 */
export async function applyPdfMetadata(pdf: Uint8Array, metadata: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  return appendUpdate(pdf, metadata) ?? rewriteWithPdfLib(pdf, metadata);
}

function appendUpdate(pdf: Uint8Array, metadata: PdfMetadata): { bytes: Uint8Array; pages: number } | undefined {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const tail = text.slice(-1024);
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$/.exec(tail);
  if (!trailer) return undefined;
  const size = Number(/\/Size\s+(\d+)/.exec(trailer[1]!)?.[1]);
  const root = /\/Root\s+(\d+)\s+0\s+R/.exec(trailer[1]!)?.[1];
  if (!size || !root) return undefined;
  const catalogAt = text.lastIndexOf(`\n${root} 0 obj`);
  const catalogEnd = text.indexOf('endobj', catalogAt);
  if (catalogAt === -1 || catalogEnd === -1) return undefined;
  const body = text.slice(text.indexOf('<<', catalogAt), catalogEnd).trim();
  if (!body.startsWith('<<') || !body.endsWith('>>') || /\bstream\b/.test(body)) return undefined;
  let catalog = body.slice(0, -2);
  if (!/\/ViewerPreferences/.test(catalog)) catalog += '\n/ViewerPreferences <</DisplayDocTitle true>>';
  if (!/\/Lang/.test(catalog)) catalog += `\n/Lang ${pdfString(metadata.language)}`;
  catalog += '>>';

  const date = pdfDate(metadata.date);
  // Chromium stamps its own Info object with the time of printing; the update
  // below supersedes it, but its bytes stay in the file. Overwrite them with the
  // brief's date (same length, so no offset moves) to keep rebuilds identical.
  let stamped = text;
  for (const key of ['CreationDate', 'ModDate']) {
    const pattern = new RegExp(`/${key}\\s*\\((D:\\d{14}[^)]*)\\)`);
    const found = pattern.exec(stamped);
    if (!found) continue;
    const fixed = `${date.slice(0, 16)}${found[1]!.slice(16)}`;
    if (fixed.length !== found[1]!.length) return undefined;
    stamped = stamped.replace(found[1]!, fixed);
  }
  const info = [
    `/Title ${pdfString(metadata.title)}`,
    metadata.author ? `/Author ${pdfString(metadata.author)}` : '',
    metadata.subject ? `/Subject ${pdfString(metadata.subject)}` : '',
    metadata.keywords.length > 0 ? `/Keywords ${pdfString(metadata.keywords.join(', '))}` : '',
    `/Creator ${pdfString(metadata.creator)}`,
    `/Producer ${pdfString(metadata.creator)}`,
    `/CreationDate ${pdfString(date)}`,
    `/ModDate ${pdfString(date)}`,
  ].filter(Boolean);

  const start = pdf.byteLength;
  const catalogObject = `\n${root} 0 obj\n${catalog}\nendobj\n`;
  const infoObject = `${size} 0 obj\n<<${info.join('\n')}>>\nendobj\n`;
  const catalogOffset = start + 1;
  const infoOffset = start + catalogObject.length;
  const xrefOffset = infoOffset + infoObject.length;
  const entry = (offset: number) => `${String(offset).padStart(10, '0')} 00000 n \n`;
  const id = `<${metadata.documentId}>`;
  const update =
    catalogObject +
    infoObject +
    `xref\n${root} 1\n${entry(catalogOffset)}${size} 1\n${entry(infoOffset)}` +
    `trailer\n<</Size ${size + 1}\n/Root ${root} 0 R\n/Info ${size} 0 R\n/Prev ${trailer[2]}\n/ID [${id} ${id}]>>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  const bytes = Buffer.from(stamped + update, 'latin1');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), pages };
}

async function rewriteWithPdfLib(pdf: Uint8Array, metadata: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  if (metadata.author) document.setAuthor(metadata.author);
  if (metadata.subject) document.setSubject(metadata.subject);
  if (metadata.keywords.length > 0) document.setKeywords(metadata.keywords);
  document.setLanguage(metadata.language);
  document.setCreator(metadata.creator);
  document.setProducer(metadata.creator);
  document.setCreationDate(metadata.date);
  document.setModificationDate(metadata.date);
  const id = PDFHexString.of(metadata.documentId);
  document.context.trailerInfo.ID = document.context.obj([id, id]);
  const bytes = await document.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { bytes, pages: document.getPageCount() };
}

/** A PDF text string: UTF-16BE with a byte order mark, written in hex (safe for any text). */
function pdfString(value: string): string {
  let hex = 'FEFF';
  for (let index = 0; index < value.length; index += 1) hex += value.charCodeAt(index).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** D:YYYYMMDDHHmmSSZ */
function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}
