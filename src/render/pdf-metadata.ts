import { PdfString, type PdfDict } from '../pdf/pdf-values.js';

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

/** The document information dictionary (ISO 32000-1, 14.3.3). */
export function infoDict(metadata: PdfMetadata): PdfDict {
  const date = PdfString.text(pdfDate(metadata.date));
  const info: PdfDict = new Map();
  info.set('Title', PdfString.text(metadata.title));
  if (metadata.author) info.set('Author', PdfString.text(metadata.author));
  if (metadata.subject) info.set('Subject', PdfString.text(metadata.subject));
  if (metadata.keywords.length > 0) info.set('Keywords', PdfString.text(metadata.keywords.join(', ')));
  info.set('Creator', PdfString.text(metadata.creator));
  info.set('Producer', PdfString.text(metadata.creator));
  info.set('CreationDate', date);
  info.set('ModDate', date);
  return info;
}

/**
 * The XMP packet (ISO 16684-1) saying what the information dictionary says,
 * in the same words, plus the PDF/UA identification (pdfuaid:part 1) when
 * `claimUa` is set. The same metadata always gives the same bytes.
 */
export function xmpPacket(metadata: PdfMetadata, claimUa: boolean): string {
  const date = metadata.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(value)}</rdf:li></rdf:Alt>`;
  const list = (kind: 'Seq' | 'Bag', values: string[]) => `<rdf:${kind}>${values.map((value) => `<rdf:li>${xml(value)}</rdf:li>`).join('')}</rdf:${kind}>`;
  const properties = [
    '<dc:format>application/pdf</dc:format>',
    `<dc:title>${alt(metadata.title)}</dc:title>`,
    metadata.author ? `<dc:creator>${list('Seq', [metadata.author])}</dc:creator>` : '',
    metadata.subject ? `<dc:description>${alt(metadata.subject)}</dc:description>` : '',
    metadata.keywords.length > 0 ? `<dc:subject>${list('Bag', metadata.keywords)}</dc:subject>` : '',
    `<dc:language>${list('Bag', [metadata.language])}</dc:language>`,
    `<pdf:Producer>${xml(metadata.creator)}</pdf:Producer>`,
    metadata.keywords.length > 0 ? `<pdf:Keywords>${xml(metadata.keywords.join(', '))}</pdf:Keywords>` : '',
    `<xmp:CreatorTool>${xml(metadata.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmpMM:DocumentID>uuid:${uuid(metadata.documentId)}</xmpMM:DocumentID>`,
    claimUa ? '<pdfuaid:part>1</pdfuaid:part>' : '',
  ].filter(Boolean);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    ...properties.map((property) => `  ${property}`),
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/**
 * Sets the metadata by loading and re-saving the whole file with pdf-lib: for
 * files not laid out as Chromium lays them out (a cross-reference stream,
 * say), which the incremental update cannot read. Such a file makes no PDF/UA
 * claim. pdf-lib is loaded only then: it is about 0.3 s of start-up that a
 * batch of Chromium's own files never needs.
 */
export async function rewriteWithPdfLib(pdf: Uint8Array, metadata: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  const { PDFDocument, PDFHexString } = await import('pdf-lib');
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

/** D:YYYYMMDDHHmmSSZ */
function pdfDate(date: Date): string {
  return `D:${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

function xml(value: string): string {
  // Control characters are not allowed in XML 1.0; they carry nothing in a title.
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The document id (hex) shaped as a UUID, for xmpMM:DocumentID. */
function uuid(hex: string): string {
  const digits = hex.padEnd(32, '0').slice(0, 32);
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}
