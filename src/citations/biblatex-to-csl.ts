import { parseDateField, parseYearMonthDay, type CslDate } from './bibtex-dates.js';
import { parseNames, splitAnd } from './bibtex-names.js';
import type { BibEntry } from './bibtex-syntax.js';
import { ARTICLE_LIKE, CHAPTER_LIKE, SERIES_NUMBERED, cslTypeOf, isEnglish, languageTag, typeWords } from './biblatex-types.js';
import { latexToPlain, parseLatex, tidy, toCslText, type Inline } from './latex-text.js';
import type { CslItem } from './reference.js';
import { sentenceCase } from './sentence-case.js';

/** Where an eprint of each kind lives (`eprinttype`, or its alias `archiveprefix`). */
const EPRINT_URLS: Record<string, string> = {
  arxiv: 'https://arxiv.org/abs/',
  jstor: 'https://www.jstor.org/stable/',
  pubmed: 'https://www.ncbi.nlm.nih.gov/pubmed/',
  googlebooks: 'https://books.google.com?id=',
};

/**
 * Turns one biblatex entry (inheritance already resolved) into the CSL item a
 * style prints, field by field as the biblatex manual defines them: titles of
 * English entries in sentence case, a multi-volume work's own title as the
 * volume title, institutions as publishers, eprints as links, `*addon` fields
 * after what they add to, `orig*` fields as the original edition.
 */
export function biblatexToCsl(entry: BibEntry, variant: 'biblatex' | 'bibtex' = 'biblatex'): CslItem {
  const raw = (name: string) => {
    const value = entry.fields.get(name)?.value.trim();
    return value ? value : undefined;
  };
  const options = parseOptions(raw('options'));
  const langid = raw('langid') ?? raw('hyphenation');
  const languageField = raw('language');
  const tag = langid ? languageTag(latexToPlain(langid), raw('langidopts')) ?? latexToPlain(langid).trim().toLowerCase() : undefined;
  const listed = languageField ? splitAnd(languageField).map((name) => languageTag(latexToPlain(name))) : [];
  // An entry is English unless its langid, hyphenation or language field names another language.
  const english = langid ? tag !== undefined && isEnglish(tag) : listed.length === 0 || listed.some((name) => name !== undefined && isEnglish(name));
  const language = tag ?? (listed.length === 1 ? listed[0] : undefined);

  const inlines = (name: string): Inline[] | undefined => {
    const value = raw(name);
    return value === undefined ? undefined : parseLatex(value);
  };
  const title = (name: string): Inline[] | undefined => {
    const value = inlines(name);
    return value && english ? sentenceCase(value) : value;
  };
  const rich = (name: string) => {
    const value = inlines(name);
    return value && toCslText(value);
  };
  const literalList = (name: string) => {
    const value = raw(name);
    if (value === undefined) return undefined;
    const items = variant === 'biblatex' ? splitAnd(value).filter((item) => item.toLowerCase() !== 'others') : [value];
    return items.map((item) => toCslText(parseLatex(item))).join('; ');
  };
  const type = entry.type;
  const isPeriodical = type === 'periodical';
  const isChapter = CHAPTER_LIKE.has(type);
  const hasMain = raw('maintitle') !== undefined && !isChapter;

  const item: CslItem = { id: entry.key, ...cslTypeOf(type, { type: raw('type') && latexToPlain(raw('type')!), entrysubtype: raw('entrysubtype'), isEvent: ['eventdate', 'eventtitle', 'venue'].some((f) => raw(f)) }) };
  const set = (field: string, value: unknown) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) item[field] = value;
  };
  if (language) set('language', language);

  // Names.
  const useprefix = options.get('useprefix') === 'true' || options.get('useprefix') === '';
  const names = (field: string) => {
    const value = raw(field);
    return value === undefined ? undefined : parseNames(value, useprefix).names;
  };
  set('author', names('author'));
  set('container-author', names('bookauthor'));
  set('translator', names('translator'));
  if (/^director$/i.test(raw('editortype') ?? '')) set('director', names('editor'));
  else {
    set('editor', names('editor'));
    set('director', names('director'));
  }

  // Titles: "Title: Subtitle. Addon".
  const joined = (...parts: (Inline[] | undefined)[]) => joinTitle(parts);
  if (isPeriodical) set('title', joined(title('issuetitle'), title('issuesubtitle'), title('titleaddon')));
  else if (hasMain) set('title', joined(title('maintitle'), title('mainsubtitle'), title('maintitleaddon')));
  else set('title', joined(title('title'), title('subtitle'), title('titleaddon')));
  if (hasMain) set('volume-title', joined(title('title'), title('subtitle'), title('titleaddon')));
  else if (isChapter && raw('maintitle')) set('volume-title', joined(title('booktitle'), title('booksubtitle'), title('booktitleaddon')));
  const periodical = (name: string) => inlines(name);
  if (isPeriodical) set('container-title', joined(periodical('title'), periodical('subtitle'), periodical('titleaddon')));
  else if (isChapter && raw('maintitle')) set('container-title', joined(title('maintitle'), title('mainsubtitle'), title('maintitleaddon')));
  else if (isChapter && raw('booktitle')) set('container-title', joined(title('booktitle'), title('booksubtitle'), title('booktitleaddon')));
  else if (raw('journaltitle')) set('container-title', joined(periodical('journaltitle'), periodical('journalsubtitle'), periodical('journaltitleaddon')));
  // A book's own `booktitle` (kept for BibTeX's crossrefs) is not a container; a statute's is its code.
  else if (!SERIES_NUMBERED.has(type)) set('container-title', joined(title('booktitle'), title('booksubtitle'), title('booktitleaddon')));
  set('container-title-short', rich('shortjournal') ?? (isPeriodical && !hasMain ? rich('shorttitle') : undefined));
  const series = raw('series');
  if (series !== undefined) {
    const words = typeWords(latexToPlain(series));
    set('collection-title', /^\d+$/.test(words) ? `${ordinal(words)} series` : words !== latexToPlain(series) ? words : joined(title('series')));
  }
  const shortTitle = !hasMain || isChapter ? title('shorttitle') : undefined;
  set('title-short', shortTitle ? toCslText(shortTitle) : shortFromTitle(item.title));
  set('event', joined(title('eventtitle'), title('eventtitleaddon')));
  set('original-title', joined(title('origtitle')));

  // Dates.
  const date = (field: string, prefix: string): CslDate | undefined =>
    (raw(field) !== undefined ? parseDateField(raw(field)!) : undefined) ??
    parseYearMonthDay(raw(`${prefix}year`) && latexToPlain(raw(`${prefix}year`)!), raw(`${prefix}month`), raw(`${prefix}day`));
  const issued = date('date', '');
  set('issued', issued);
  set('event-date', date('eventdate', 'event'));
  set('original-date', date('origdate', 'orig'));
  set('accessed', date('urldate', 'url'));

  // Numbers.
  // `bookpagination = {section}` says the pages field counts sections (of a code, a statute).
  set(/^sections?$/i.test(raw('bookpagination') ?? '') ? 'section' : 'page', raw('pages') && tidy(latexToPlain(raw('pages')!)).replace(/–/g, '-'));
  set('number-of-pages', rich('pagetotal'));
  const volume = rich('volume');
  const part = rich('part');
  set('volume', volume && part ? `${volume}.${part}` : volume ?? part);
  set('number-of-volumes', rich('volumes'));
  set('chapter-number', rich('chapter'));
  set('edition', rich('edition'));
  set('version', rich('version'));
  const number = rich('number');
  if (number !== undefined) {
    if (SERIES_NUMBERED.has(type)) set('collection-number', number);
    else if (ARTICLE_LIKE.has(type)) set('issue', raw('issue') ? `${number}, ${rich('issue')}` : number);
    // A report or patent number is an identifier: citeproc-js would read "99-02" as a
    // range ("Nos. 99–02") unless the hyphen is escaped.
    else set('number', number.replace(/(?<=\w)-(?=\w)/g, '\\-'));
  } else if (ARTICLE_LIKE.has(type)) set('issue', rich('issue'));

  // Publisher and places.
  const publishers = ['institution', 'organization', 'howpublished', 'publisher']
    .map((field) => (field === 'howpublished' ? rich(field) : literalList(field)))
    .filter((value): value is string => Boolean(value));
  set('publisher', publishers.join('; '));
  set('original-publisher', literalList('origpublisher'));
  set('event-place', rich('venue'));
  if (type === 'patent') set('jurisdiction', raw('location') && splitAnd(raw('location')!).map((place) => typeWords(latexToPlain(place))).join('; '));
  else set('publisher-place', literalList('location'));
  set('original-publisher-place', literalList('origlocation'));

  // Links and identifiers.
  const eprintType = raw('eprinttype')?.toLowerCase();
  const eprint = raw('eprint');
  const url = options.get('url') !== 'false' || type === 'online' ? raw('url') : undefined;
  set('URL', url ?? (eprintType && eprint && EPRINT_URLS[eprintType] ? EPRINT_URLS[eprintType] + eprint : undefined));
  if (options.get('doi') !== 'false') set('DOI', raw('doi'));
  for (const [field, csl] of [['isbn', 'ISBN'], ['issn', 'ISSN'], ['pmid', 'PMID'], ['pmcid', 'PMCID'], ['library', 'call-number']] as const) set(csl, raw(field));

  // Notes.
  const notes = [isPeriodical ? undefined : rich('note'), variant === 'biblatex' ? rich('addendum') : undefined];
  set('note', joinWith(notes, '.'));
  set('annote', rich('annotation'));
  set('abstract', rich('abstract'));
  set('keyword', rich('keywords'));
  const pubstate = raw('pubstate');
  set('status', pubstate ? typeWords(latexToPlain(pubstate)) : issued?.literal && /^forthcoming$/i.test(issued.literal) ? 'forthcoming' : undefined);
  return item;
}

function parseOptions(value: string | undefined): Map<string, string> {
  const options = new Map<string, string>();
  for (const part of (value ?? '').split(',')) {
    const [name = '', setting = ''] = part.split('=');
    if (name.trim()) options.set(name.trim().toLowerCase(), setting.trim().toLowerCase());
  }
  return options;
}

/** "Title: Subtitle. Addon", with no doubled punctuation where a part already ends in some. */
function joinTitle([main, subtitle, addon]: readonly (Inline[] | undefined)[]): string | undefined {
  if (!main) return undefined;
  const text = (part: Inline[] | undefined) => part && toCslText(part);
  return joinWith([joinWith([text(main), text(subtitle)], ':'), text(addon)], '.');
}

/** Parts joined by a separator and a space; only a space after a part that ends in punctuation. */
function joinWith(parts: readonly (string | undefined)[], separator: string): string | undefined {
  let result = '';
  for (const part of parts) {
    if (!part) continue;
    if (!result) result = part;
    else result += /[!?.,:;]$/.test(result.replace(/<[^>]+>/g, '')) ? ` ${part}` : `${separator} ${part}`;
  }
  return result || undefined;
}

/** The part of a title before its colon, as a short title (when there is a colon). */
function shortFromTitle(title: unknown): string | undefined {
  if (typeof title !== 'string' || !title.includes(':')) return undefined;
  return title.slice(0, title.indexOf(':')).trim() || undefined;
}

function ordinal(number: string): string {
  const n = Number(number);
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${number}${suffix}`;
}
