import { readFile } from 'node:fs/promises';
import { PdfFile } from '../pdf/pdf-file.js';
import { contentProblems, documentProblems, type UaProblem } from '../pdf/ua-conditions.js';

/**
 * Checks a built PDF against the PDF/UA-1 conditions briefwright knows: page
 * content tagged or an artifact, XMP metadata with dc:title and pdfuaid:part,
 * catalog language and title display, structure (role map, lists, tables,
 * figures' alt text, headings, notes), links described and tagged, PDF 1.7.
 * This is a subset of PDF/UA-1: fonts, colour contrast and reading order, for
 * instance, are not checked; veraPDF or PAC are the full test.
 */
export async function checkPdfConformance(file: string): Promise<UaProblem[]> {
  const bytes = await readFile(file);
  const pdf = PdfFile.open(bytes);
  if (!pdf) return [{ code: 'ISO 14289-1', message: 'the PDF could not be read (cross-reference streams are not supported by this check)' }];
  return [...documentProblems(pdf, bytes.subarray(0, 8).toString('latin1')), ...contentProblems(pdf)];
}
