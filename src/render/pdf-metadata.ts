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
 * Sets the PDF's document information and shows the title (not the file name) in
 * a viewer's window, as PDF/UA asks. Chromium writes only Title, Creator and
 * Producer itself. Returns the rewritten file and its page count.
 */
export async function applyPdfMetadata(pdf: Uint8Array, metadata: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
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
