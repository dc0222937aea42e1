import type { BibEntry, BibField } from './bibtex-syntax.js';

/** Fields a child never takes from its parent (biblatex manual, appendix B). */
const NEVER_INHERITED = new Set([
  'ids', 'crossref', 'xref', 'xdata', 'entryset', 'entrysubtype', 'execute', 'label', 'options', 'presort', 'related',
  'relatedoptions', 'relatedstring', 'relatedtype', 'shorthand', 'shorthandintro', 'sortkey',
]);

const SHORT_TITLES = ['shorttitle', 'sorttitle', 'indextitle', 'indexsorttitle'];

/** What a parent's title fields become in a child: `title` of a multi-volume book → `maintitle`, of a book → `booktitle`. */
function renaming(prefix: 'main' | 'book'): Record<string, string[]> {
  return Object.fromEntries([
    ['title', [`${prefix}title`]],
    ['subtitle', [`${prefix}subtitle`]],
    ['titleaddon', [`${prefix}titleaddon`]],
    ...SHORT_TITLES.map((field) => [field, []]),
  ]);
}

const MAIN = renaming('main');
const BOOK = renaming('book');
const PERIODICAL: Record<string, string[]> = { title: ['journaltitle'], subtitle: ['journalsubtitle'], ...Object.fromEntries(SHORT_TITLES.map((field) => [field, []])) };

/** The names a parent's field takes in a child, by the parent's and the child's entry types. */
function inheritedAs(parent: string, child: string, field: string): string[] {
  if (NEVER_INHERITED.has(field)) return [];
  const inBook = ['inbook', 'bookinbook', 'suppbook'];
  if (field === 'author' && ((['mvbook', 'book'].includes(parent) && inBook.includes(child)) || (parent === 'mvbook' && child === 'book'))) {
    return ['bookauthor', 'author'];
  }
  let table: Record<string, string[]> | undefined;
  if (parent === 'mvbook' && ['book', ...inBook].includes(child)) table = MAIN;
  else if (['mvcollection', 'mvreference'].includes(parent) && ['collection', 'reference', 'incollection', 'inreference', 'suppcollection'].includes(child)) table = MAIN;
  else if (parent === 'mvproceedings' && ['proceedings', 'inproceedings'].includes(child)) table = MAIN;
  else if (parent === 'book' && inBook.includes(child)) table = BOOK;
  else if (['collection', 'reference'].includes(parent) && ['incollection', 'inreference', 'suppcollection'].includes(child)) table = BOOK;
  else if (parent === 'proceedings' && child === 'inproceedings') table = BOOK;
  else if (parent === 'periodical' && ['article', 'suppperiodical'].includes(child)) table = PERIODICAL;
  return table?.[field] ?? [field];
}

/**
 * Fills in what entries inherit: from the entry named by `crossref` (renamed by
 * biblatex's rules, so a collection's title becomes a chapter's `booktitle`) and
 * from every entry named by `xdata` (as is). A field the entry has itself wins.
 * `bibtex` data inherits crossref fields under their own names, as BibTeX does.
 */
export function resolveInheritance(entries: ReadonlyMap<string, BibEntry>, variant: 'biblatex' | 'bibtex' = 'biblatex'): Map<string, BibEntry> {
  const resolved = new Map<string, BibEntry>();
  const resolving = new Set<string>();
  const resolve = (entry: BibEntry): BibEntry => {
    const done = resolved.get(entry.key);
    if (done) return done;
    if (resolving.has(entry.key)) return entry; // a cycle: inherit nothing more
    resolving.add(entry.key);
    const fields = new Map(entry.fields);
    const take = (parent: BibEntry, rename: boolean) => {
      for (const [name, field] of resolve(parent).fields) {
        const targets = rename ? inheritedAs(parent.type, entry.type, name) : NEVER_INHERITED.has(name) ? [] : [name];
        for (const target of targets) if (!fields.has(target)) fields.set(target, field as BibField);
      }
    };
    for (const key of keysOf(entry.fields.get('xdata')?.value)) {
      const parent = lookup(entries, key);
      if (parent) take(parent, false);
    }
    const parentKey = entry.fields.get('crossref')?.value.trim();
    const parent = parentKey ? lookup(entries, parentKey) : undefined;
    if (parent) take(parent, variant === 'biblatex');
    const result = { ...entry, fields };
    resolving.delete(entry.key);
    resolved.set(entry.key, result);
    return result;
  };
  for (const entry of entries.values()) resolve(entry);
  return resolved;
}

function keysOf(value: string | undefined): string[] {
  return value ? value.split(/[\s,]+/).filter(Boolean) : [];
}

/** BibTeX matches crossref keys without regard to case. */
function lookup(entries: ReadonlyMap<string, BibEntry>, key: string): BibEntry | undefined {
  return entries.get(key) ?? [...entries.values()].find((entry) => entry.key.toLowerCase() === key.toLowerCase());
}
