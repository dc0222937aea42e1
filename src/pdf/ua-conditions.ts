import { readOperations, showsText, uncoveredPaintings, type Op } from './content-operations.js';
import type { PdfFile, PdfObjects } from './pdf-file.js';
import { pdfPages, type PdfPage } from './pdf-pages.js';
import { nameOf, PdfRef, PdfString, type PdfDict, type PdfValue } from './pdf-values.js';
import { structElements, structTreeRoot, STANDARD_TYPES, type StructElement } from './structure-tree.js';

/**
 * One way a PDF falls short of PDF/UA-1, with the Matterhorn Protocol 1.1
 * failure condition it is (or the clause of ISO 14289-1 where Matterhorn has
 * no number), and the page when it is on one.
 */
export interface UaProblem {
  code: string;
  message: string;
  page?: number;
}

/** The kids a structure type may have (ISO 32000-1, Table 336 and 337, as PDF/UA checkers read them). */
const ALLOWED_KIDS: Record<string, { kids: string[]; code: string }> = {
  L: { kids: ['L', 'LI', 'Caption'], code: '09-005' },
  LI: { kids: ['Lbl', 'LBody'], code: '09-005' },
  Table: { kids: ['TR', 'THead', 'TBody', 'TFoot', 'Caption'], code: '09-004' },
  THead: { kids: ['TR'], code: '09-004' },
  TBody: { kids: ['TR'], code: '09-004' },
  TFoot: { kids: ['TR'], code: '09-004' },
  TR: { kids: ['TH', 'TD'], code: '09-004' },
};

/**
 * The document-level conditions: metadata, catalog, structure tree (role map,
 * lists, tables, figures, headings, notes) and annotations. Page content is
 * checked by contentProblems.
 */
export function documentProblems(objects: PdfObjects, header: string): UaProblem[] {
  const problems: UaProblem[] = [];
  const add = (code: string, message: string, page?: number) => problems.push({ code, message, page });
  if (!/^%PDF-1\.7/.test(header)) add('ISO 14289-1 5', `the header says ${header.trim() || 'nothing'}; PDF/UA-1 is defined on PDF 1.7`);
  const catalog = objects.get(objects.root);
  if (!(catalog instanceof Map)) return [{ code: 'ISO 14289-1 6.2', message: 'no document catalog' }];
  problems.push(...metadataProblems(objects, catalog));
  const markInfo = objects.lookup(catalog, 'MarkInfo');
  if (!(markInfo instanceof Map) || markInfo.get('Marked') !== true) add('ISO 14289-1 6.2', 'the catalog does not say the document is tagged (MarkInfo /Marked true)');
  else if (markInfo.get('Suspects') === true) add('01-007', 'MarkInfo /Suspects is true');
  const lang = objects.lookup(catalog, 'Lang');
  if (!(lang instanceof PdfString) || !/^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(lang.decode())) add('11-001', 'the catalog has no valid /Lang, so the language of the text cannot be determined');
  const preferences = objects.lookup(catalog, 'ViewerPreferences');
  if (!(preferences instanceof Map) || preferences.get('DisplayDocTitle') !== true) add('07-001', 'ViewerPreferences lacks DisplayDocTitle true');
  if (!structTreeRoot(objects)) add('ISO 14289-1 7.1', 'no structure tree (StructTreeRoot)');
  problems.push(...structureProblems(structElements(objects)));
  const pages = pdfPages(objects);
  pages.forEach((page, index) => problems.push(...annotationProblems(objects, page, index + 1)));
  return problems;
}

function metadataProblems(objects: PdfObjects, catalog: PdfDict): UaProblem[] {
  const ref = catalog.get('Metadata');
  const stream = ref instanceof PdfRef ? objects.stream(ref.num) : undefined;
  if (!stream || nameOf(stream.dict.get('Type')) !== 'Metadata' || nameOf(stream.dict.get('Subtype')) !== 'XML') {
    return [{ code: '06-001', message: 'no XMP metadata stream in the catalog' }];
  }
  if (stream.dict.has('Filter')) return [{ code: '06-001', message: 'the XMP metadata stream is compressed; briefwright writes it plain' }];
  const xmp = Buffer.from(stream.data).toString('utf8');
  const problems: UaProblem[] = [];
  if (!/<pdfuaid:part>\s*1\s*<\/pdfuaid:part>|pdfuaid:part\s*=\s*["']1["']/.test(xmp) || !/xmlns:pdfuaid\s*=\s*["']http:\/\/www\.aiim\.org\/pdfua\/ns\/id\/["']/.test(xmp)) {
    problems.push({ code: '06-002', message: 'the XMP metadata does not claim PDF/UA-1 (pdfuaid:part 1)' });
  }
  if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>[^<]+<\/rdf:li>[\s\S]*?<\/dc:title>/.test(xmp)) problems.push({ code: '06-003', message: 'the XMP metadata has no dc:title' });
  return problems;
}

/** Conditions on the structure tree, given its elements in document order. */
export function structureProblems(elements: readonly StructElement[]): UaProblem[] {
  const problems: UaProblem[] = [];
  const add = (code: string, message: string) => problems.push({ code, message });
  let previousLevel = 0;
  const notes = new Set<string>();
  for (const element of elements) {
    const { standard, type } = element;
    if (!STANDARD_TYPES.has(standard)) add('02-001', `structure type /${type} is not standard and not mapped to a standard type`);
    const rule = ALLOWED_KIDS[standard];
    if (rule) {
      const wrong = element.children.filter((child) => !rule.kids.includes(child.standard));
      if (wrong.length > 0) add(rule.code, `${standard} holds ${[...new Set(wrong.map((child) => child.standard))].join(', ')} (only ${rule.kids.join(', ')} may be there)`);
    }
    if (standard === 'Figure' && !hasText(element.dict.get('Alt')) && !hasText(element.dict.get('ActualText'))) add('13-004', 'a Figure has no alternative text (/Alt)');
    if (standard === 'TH' && !hasScope(element.dict.get('A'))) add('15-003', 'a table header cell (TH) has no Scope attribute');
    if (standard === 'Note') {
      const id = element.dict.get('ID');
      const key = id instanceof PdfString ? id.decode() : '';
      if (!key || notes.has(key)) add('ISO 14289-1 7.9', 'a Note has no unique ID');
      notes.add(key);
    }
    const level = /^H([1-6])$/.exec(standard)?.[1];
    if (level) {
      const current = Number(level);
      if (previousLevel === 0 && current !== 1) add('14-002', `the first heading is H${current}, not H1`);
      else if (current > previousLevel + 1 && previousLevel > 0) add('14-003', `a heading skips from H${previousLevel} to H${current}`);
      previousLevel = current;
    }
  }
  return problems;
}

function annotationProblems(objects: PdfObjects, page: PdfPage, number: number): UaProblem[] {
  const annots = objects.lookup(page.dict, 'Annots');
  if (!Array.isArray(annots) || annots.length === 0) return [];
  const problems: UaProblem[] = [];
  if (nameOf(page.dict.get('Tabs')) !== 'S') problems.push({ code: '28-008', message: 'a page with annotations lacks /Tabs /S', page: number });
  let undescribed = 0;
  let untagged = 0;
  for (const ref of annots) {
    const annot = objects.resolve(ref);
    if (!(annot instanceof Map) || nameOf(annot.get('Subtype')) !== 'Link') continue;
    if (!hasText(annot.get('Contents'))) undescribed += 1;
    if (typeof annot.get('StructParent') !== 'number') untagged += 1;
  }
  if (undescribed > 0) problems.push({ code: '28-012', message: `${undescribed} link${undescribed === 1 ? '' : 's'} without a /Contents description`, page: number });
  if (untagged > 0) problems.push({ code: '28-011', message: `${untagged} link${untagged === 1 ? '' : 's'} not in the structure tree (no Link tag)`, page: number });
  return problems;
}

/**
 * Painting operators outside both tagged content and artifacts, page by page
 * (Matterhorn 01-005). Reads every content stream, so it costs about what
 * marking them did.
 */
export function contentProblems(file: PdfFile): UaProblem[] {
  const problems: UaProblem[] = [];
  pdfPages(file).forEach((page, index) => {
    let text = 0;
    let other = 0;
    try {
      for (const bytes of pageContents(file, page)) {
        const operations = readOperations(bytes);
        for (const at of uncoveredPaintings(operations)) {
          if (showsText(operations.codes[at]! as Op)) text += 1;
          else other += 1;
        }
      }
    } catch (error) {
      problems.push({ code: '01-005', message: `content could not be read (${(error as Error).message})`, page: index + 1 });
      return;
    }
    if (text > 0) problems.push({ code: '01-005', message: `running text outside tagged content (${text} text operator${text === 1 ? '' : 's'} neither tagged nor an artifact)`, page: index + 1 });
    if (other > 0) problems.push({ code: '01-005', message: `graphics outside tagged content (${other} painting operator${other === 1 ? '' : 's'} neither tagged nor an artifact)`, page: index + 1 });
  });
  return problems;
}

/** A page's content streams, decoded, in order. */
export function pageContents(file: PdfFile, page: PdfPage): Uint8Array[] {
  const contents = page.dict.get('Contents');
  const refs = contents instanceof PdfRef ? [contents] : Array.isArray(file.resolve(contents)) ? (file.resolve(contents) as PdfValue[]) : [];
  return refs.flatMap((ref) => {
    const stream = ref instanceof PdfRef ? file.stream(ref.num) : undefined;
    return stream ? [file.decoded(stream)] : [];
  });
}

function hasText(value: PdfValue | undefined): boolean {
  return value instanceof PdfString && value.decode().trim().length > 0;
}

function hasScope(attributes: PdfValue | undefined): boolean {
  const list = Array.isArray(attributes) ? attributes : [attributes];
  return list.some((item) => item instanceof Map && item.has('Scope'));
}
