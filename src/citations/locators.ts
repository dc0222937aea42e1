/** Locator terms Pandoc accepts, as they may be written, mapped to CSL locator labels. */
const TERMS: Record<string, string[]> = {
  book: ['book', 'books', 'bk.', 'bks.'],
  chapter: ['chapter', 'chapters', 'chap.', 'chaps.', 'ch.'],
  column: ['column', 'columns', 'col.', 'cols.'],
  figure: ['figure', 'figures', 'fig.', 'figs.'],
  folio: ['folio', 'folios', 'fol.', 'fols.'],
  number: ['number', 'numbers', 'no.', 'nos.'],
  line: ['line', 'lines', 'l.', 'll.'],
  note: ['note', 'notes', 'n.', 'nn.'],
  opus: ['opus', 'opera', 'op.', 'opp.'],
  page: ['page', 'pages', 'p.', 'pp.', 'p', 'pp'],
  paragraph: ['paragraph', 'paragraphs', 'para.', 'paras.', 'par.', '¶', '¶¶'],
  part: ['part', 'parts', 'pt.', 'pts.'],
  section: ['section', 'sections', 'sec.', 'secs.', '§', '§§'],
  'sub-verbo': ['sub verbo', 'sub verbis', 's.v.', 's.vv.'],
  verse: ['verse', 'verses', 'v.', 'vv.'],
  volume: ['volume', 'volumes', 'vol.', 'vols.'],
  table: ['table', 'tables', 'tbl.'],
  timestamp: ['timestamp'],
  appendix: ['appendix', 'appendices', 'app.'],
  algorithm: ['algorithm', 'algorithms', 'alg.'],
  equation: ['equation', 'equations', 'eq.', 'eqs.'],
  canon: ['canon', 'canons'],
  rule: ['rule', 'rules'],
  supplement: ['supplement', 'supplements', 'suppl.'],
  title: ['title', 'titles', 'tit.'],
  act: ['act', 'acts'],
  elocation: ['elocation'],
};

/** Written forms, longest first so "pp." wins over "p." and "p". */
const WRITTEN = Object.entries(TERMS)
  .flatMap(([label, forms]) => forms.map((form) => ({ form, label })))
  .sort((a, b) => b.form.length - a.form.length);

const ROMAN_OR_NUMBER = String.raw`(?:\d+[a-z]?|[ivxlcdm]+|[IVXLCDM]+)`;
/** "12", "3--5", "3-5, 8", "iv–vi", "12:3" (verse), "1.4" (section). */
const LOCATOR_VALUE = new RegExp(
  String.raw`^${ROMAN_OR_NUMBER}(?:[.:]\d+)*(?:\s*(?:--?|–|—)\s*${ROMAN_OR_NUMBER}(?:[.:]\d+)*)?(?:,\s*${ROMAN_OR_NUMBER}(?:[.:]\d+)*(?:\s*(?:--?|–|—)\s*${ROMAN_OR_NUMBER}(?:[.:]\d+)*)?)*`,
);

/** What a citation suffix splits into: a CSL locator with its label, and the text after it. */
export interface ParsedSuffix {
  label?: string;
  locator?: string;
  suffix: string;
}

/**
 * Splits a Pandoc citation suffix such as ", pp. 3--5, emphasis added" into a
 * locator ("3–5", label "page") and the remaining suffix (", emphasis added").
 * A bare number is a page, as in Pandoc; braces (`{iv, (xv)}`) take a locator verbatim.
 */
export function parseSuffix(raw: string): ParsedSuffix {
  const text = raw.replace(/^\s*,?\s*/, '');
  // Pandoc's escape hatch: "{pp. iv, vi-xi, (xv)}" is a locator taken as written.
  const whole = /^\{([^{}]*)\}/.exec(text);
  if (whole) {
    const { label, rest } = readLabel(whole[1]!);
    return { label: label ?? 'page', locator: rest, suffix: text.slice(whole[0].length) };
  }
  const { label, rest } = readLabel(text);
  const braced = /^\{([^{}]*)\}/.exec(rest);
  const value = braced ? braced[1] : LOCATOR_VALUE.exec(rest)?.[0];
  if (value === undefined || (label === undefined && !/^\d/.test(value))) {
    return { suffix: raw.trim() === '' ? '' : raw };
  }
  const remaining = rest.slice(braced ? braced[0].length : value.length);
  const finalLabel = label ?? 'page';
  return { label: finalLabel, locator: normaliseRange(value, finalLabel), suffix: remaining };
}

/** A locator term at the start of `text` (as a CSL label), and the text after it. */
function readLabel(text: string): { label?: string; rest: string } {
  const lower = text.toLowerCase();
  for (const { form, label } of WRITTEN) {
    if (!lower.startsWith(form)) continue;
    const after = text.slice(form.length);
    // A term needs a boundary after it: "p. 4", "p 4", "¶4", but not "people".
    if (/^[\p{L}]/u.test(after) && /[\p{L}]$/u.test(form)) continue;
    return { label, rest: after.replace(/^\s+/, '') };
  }
  return { rest: text };
}

/** Pandoc writes ranges with "--"; CSL page ranges want a hyphen, other labels an en dash. */
function normaliseRange(value: string, label: string): string {
  return label === 'page' ? value.replace(/\s*(?:--|–|—)\s*/g, '-') : value.replace(/\s*--\s*/g, '–');
}
