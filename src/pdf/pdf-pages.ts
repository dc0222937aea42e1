import type { PdfObjects } from './pdf-file.js';
import { nameOf, PdfRef, type PdfDict } from './pdf-values.js';

/** One page: its object number and dictionary. */
export interface PdfPage {
  num: number;
  dict: PdfDict;
}

/** The pages in order, walking the page tree from the catalog. */
export function pdfPages(objects: PdfObjects): PdfPage[] {
  const pages: PdfPage[] = [];
  const catalog = objects.get(objects.root);
  const seen = new Set<number>();
  const walk = (ref: unknown) => {
    if (!(ref instanceof PdfRef) || seen.has(ref.num)) return;
    seen.add(ref.num);
    const node = objects.get(ref.num);
    if (!(node instanceof Map)) return;
    if (nameOf(node.get('Type')) === 'Page') pages.push({ num: ref.num, dict: node });
    else {
      const kids = objects.resolve(node.get('Kids'));
      if (Array.isArray(kids)) for (const kid of kids) walk(kid);
    }
  };
  if (catalog instanceof Map) walk(catalog.get('Pages'));
  return pages;
}

/** A page's height in points, from its MediaBox (inherited boxes are not looked up; Letter if none). */
export function pageHeight(objects: PdfObjects, page: PdfPage): number {
  const box = objects.resolve(page.dict.get('MediaBox'));
  if (Array.isArray(box) && box.length === 4 && typeof box[1] === 'number' && typeof box[3] === 'number') return box[3] - box[1];
  return 792;
}
