import type { PdfObjects } from './pdf-file.js';
import { nameOf, PdfRef, type PdfDict, type PdfValue } from './pdf-values.js';

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4), which PDF/UA-1 builds on. */
export const STANDARD_TYPES = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(
    ' ',
  ),
);

/** A structure element, with where it is. */
export interface StructElement {
  ref: PdfRef;
  dict: PdfDict;
  /** Its type as written (/S). */
  type: string;
  /** Its type after the role map, when the map leads to a standard type. */
  standard: string;
  parent?: StructElement;
  children: StructElement[];
}

/** The structure tree root's dictionary, if the document is tagged. */
export function structTreeRoot(objects: PdfObjects): PdfDict | undefined {
  const catalog = objects.get(objects.root);
  const root = catalog instanceof Map ? objects.lookup(catalog, 'StructTreeRoot') : undefined;
  return root instanceof Map ? root : undefined;
}

/** A structure element's kids, as a list. */
export function kidsOf(objects: PdfObjects, dict: PdfDict): PdfValue[] {
  const kids = dict.get('K');
  if (kids === undefined) return [];
  const resolved = kids instanceof PdfRef ? objects.get(kids.num) : kids;
  // A single kid may itself be a dictionary reached through a reference (an element, or an MCR/OBJR).
  if (Array.isArray(resolved)) return resolved;
  return [kids];
}

/**
 * The structure elements in document order (depth first), each with its
 * parent and its standard type through the role map. Kids that are marked
 * content or object references are not listed.
 */
export function structElements(objects: PdfObjects): StructElement[] {
  const root = structTreeRoot(objects);
  if (!root) return [];
  const roleMap = objects.lookup(root, 'RoleMap');
  const standard = (type: string): string => {
    const seen = new Set<string>();
    let current = type;
    while (!STANDARD_TYPES.has(current) && roleMap instanceof Map && !seen.has(current)) {
      seen.add(current);
      const mapped = nameOf(objects.resolve(roleMap.get(current)));
      if (!mapped) break;
      current = mapped;
    }
    return current;
  };
  const elements: StructElement[] = [];
  const seen = new Set<number>();
  const visit = (value: PdfValue, parent: StructElement | undefined) => {
    if (!(value instanceof PdfRef) || seen.has(value.num)) return;
    const dict = objects.get(value.num);
    if (!(dict instanceof Map) || !dict.has('S')) return;
    seen.add(value.num);
    const type = nameOf(dict.get('S')) ?? '';
    const element: StructElement = { ref: value, dict, type, standard: standard(type), parent, children: [] };
    parent?.children.push(element);
    elements.push(element);
    for (const kid of kidsOf(objects, dict)) visit(kid, element);
  };
  for (const kid of kidsOf(objects, root)) visit(kid, undefined);
  return elements;
}
