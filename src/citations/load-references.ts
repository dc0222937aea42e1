import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { plugins as Plugins } from '@citation-js/core';
import { BriefwrightError, ProblemCollector } from '../errors.js';
import { resolveInheritance } from './biblatex-inheritance.js';
import { biblatexToCsl } from './biblatex-to-csl.js';
import { readBibtexSyntax, type BibEntry } from './bibtex-syntax.js';
import { shapeCslItem } from './csl-item-shape.js';
import { canonicalJson, type CslItem, type Reference } from './reference.js';
import { splitRis, type EntryText } from './split-entries.js';

/** The kinds of bibliography file briefwright reads, by extension. */
const FORMATS: Record<string, 'biblatex' | 'bibtex' | 'csl-json' | 'ris'> = {
  '.bib': 'biblatex',
  '.bibtex': 'bibtex',
  '.json': 'csl-json',
  '.ris': 'ris',
};

/** Whether a file name is a bibliography briefwright can read. */
export function isBibliographyFile(file: string): boolean {
  return path.extname(file).toLowerCase() in FORMATS;
}

/** Every reference of a project, by key; and what went wrong reading them. */
export interface ReferenceLibrary {
  byId: Map<string, Reference>;
  /** The same works as CSL items, the form citeproc reads. */
  items: Map<string, CslItem>;
  problems: BriefwrightError[];
  /** Keys of entries that could not be read, each with the problem that says why. */
  unreadable: Map<string, BriefwrightError>;
}

/** A bibliography file's name and text. */
export interface BibliographySource {
  file: string;
  source: string;
}

/**
 * Reads the bibliography files. A malformed entry is reported once, at the line
 * where it goes wrong, and left out (its key is remembered, so the briefs that
 * cite it can say why); the rest still loads. A key defined twice keeps the first.
 */
export async function loadReferences(options: { root: string; files: readonly string[] }): Promise<ReferenceLibrary> {
  const sources = await Promise.all(options.files.map(async (file) => ({ file, source: await readFile(path.join(options.root, file), 'utf8') })));
  return readBibliographies(sources);
}

/** Reads bibliographies from their text: BibTeX and biblatex (`crossref` and `xdata` across files), CSL-JSON, RIS. */
export function readBibliographies(sources: readonly BibliographySource[]): ReferenceLibrary {
  const problems = new ProblemCollector();
  const unreadable = new Map<string, BriefwrightError>();
  const byId = new Map<string, Reference>();
  const add = (reference: Reference) => {
    const first = byId.get(reference.id);
    if (first) {
      problems.add(
        new BriefwrightError(`duplicate reference key '${reference.id}' (first defined at ${first.file}:${first.line})`, {
          location: { file: reference.file, line: reference.line, column: 1 },
        }),
      );
    } else byId.set(reference.id, reference);
  };
  // BibTeX files are read together (an entry may inherit from one in another file);
  // references are still taken file by file, in the order given.
  const bibtex = readBibtexFiles(sources.filter(({ file }) => FORMATS[path.extname(file).toLowerCase()]?.startsWith('bib')), problems, unreadable);
  for (const { file, source } of sources) {
    const format = FORMATS[path.extname(file).toLowerCase()];
    if (format === 'biblatex' || format === 'bibtex') bibtex.filter((reference) => reference.file === file).forEach(add);
    if (format === 'csl-json') parseCslJson(source, file, problems).forEach(add);
    if (format === 'ris') splitRis(source).flatMap((entry) => problems.attempt(() => parseRis(entry, file)) ?? []).forEach(add);
  }
  const items = new Map([...byId].map(([id, reference]) => [id, reference.item]));
  return { byId, items, problems: problems.problems, unreadable };
}

/** Parses one bibliography file's text into references, recording problems. */
export function parseBibliography(source: string, file: string, problems: ProblemCollector): Reference[] {
  const read = readBibliographies([{ file, source }]);
  read.problems.forEach((problem) => problems.add(problem));
  return [...read.byId.values()];
}

function readBibtexFiles(sources: readonly BibliographySource[], problems: ProblemCollector, unreadable: Map<string, BriefwrightError>): Reference[] {
  const entries = new Map<string, { entry: BibEntry; file: string }>();
  for (const { file, source } of sources) {
    const read = readBibtexSyntax(source);
    for (const problem of read.problems) {
      const error = new BriefwrightError(problem.message, { location: { file, line: problem.line, column: problem.column } });
      problems.add(error);
      if (problem.key && !unreadable.has(problem.key)) unreadable.set(problem.key, error);
    }
    for (const entry of read.entries) {
      const first = entries.get(entry.key);
      if (first) {
        problems.add(
          new BriefwrightError(`duplicate reference key '${entry.key}' (first defined at ${first.file}:${first.entry.line})`, {
            location: { file, line: entry.line, column: 1 },
          }),
        );
      } else entries.set(entry.key, { entry, file });
    }
  }
  const variant = sources.every(({ file }) => FORMATS[path.extname(file).toLowerCase()] === 'bibtex') ? 'bibtex' : 'biblatex';
  const resolved = resolveInheritance(new Map([...entries].map(([key, { entry }]) => [key, entry])), variant);
  const references: Reference[] = [];
  for (const [key, { entry, file }] of entries) {
    // @xdata entries only hold fields for others to share; they are not works.
    if (entry.type === 'xdata') continue;
    try {
      const fileVariant = FORMATS[path.extname(file).toLowerCase()] === 'bibtex' ? 'bibtex' : 'biblatex';
      references.push(toReference(shapeCslItem(biblatexToCsl(resolved.get(key) ?? entry, fileVariant)), file, entry.line, entry.text));
    } catch (cause) {
      // Reading an entry must never stop a build: whatever goes wrong is this entry's problem.
      const error = new BriefwrightError(`entry '${key}' could not be read: ${(cause as Error).message}`, { location: { file, line: entry.line, column: 1 }, cause });
      problems.add(error);
      unreadable.set(key, error);
    }
  }
  return references;
}

function parseRis(entry: EntryText, file: string): Reference[] {
  const location = { file, line: entry.line, column: 1 };
  if (!entry.complete) throw new BriefwrightError('malformed RIS record: it has no ER line', { location });
  let items: CslItem[];
  try {
    items = risReader().input.chain(entry.text, { forceType: '@ris/file', generateGraph: false }) as CslItem[];
  } catch (error) {
    throw new BriefwrightError(`malformed RIS record: ${String((error as Error).message ?? error).split('\n')[0]}`, { location, cause: error });
  }
  if (items.length === 0) throw new BriefwrightError('malformed RIS record: nothing could be read', { location });
  return items.map((item) => toReference(shapeCslItem(withoutEntryTypeGenre(item)), file, entry.line, entry.text));
}

let ris: typeof Plugins | undefined;

/** citation-js with its RIS plugin, loaded when a project first has a RIS record to read. */
function risReader(): typeof Plugins {
  if (!ris) {
    const require = createRequire(import.meta.url);
    const { plugins } = require('@citation-js/core') as { plugins: typeof Plugins };
    require('@citation-js/plugin-ris');
    ris = plugins;
  }
  return ris;
}

function parseCslJson(source: string, file: string, problems: ProblemCollector): Reference[] {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    problems.add(new BriefwrightError(`invalid CSL-JSON: ${(error as Error).message}`, { location: { file }, cause: error }));
    return [];
  }
  const list = Array.isArray(data) ? data : [data];
  return list.flatMap((item, index) => {
    if (!item || typeof item !== 'object' || typeof (item as CslItem).id !== 'string' || typeof (item as CslItem).type !== 'string') {
      problems.add(new BriefwrightError(`CSL-JSON entry ${index + 1} needs a string 'id' and 'type'`, { location: { file } }));
      return [];
    }
    const line = lineOfId(source, (item as CslItem).id);
    return [toReference(shapeCslItem(item as CslItem), file, line, JSON.stringify(item))];
  });
}

function lineOfId(source: string, id: string): number {
  const at = source.indexOf(JSON.stringify(id));
  return at === -1 ? 1 : source.slice(0, at).split('\n').length;
}

function toReference(item: CslItem, file: string, line: number, source: string): Reference {
  return { id: item.id, item, file, line, source, content: canonicalJson(item) };
}

/** citation-js names the record type as the genre of a report ("[Report]" in APA); a genre nobody wrote is dropped. */
function withoutEntryTypeGenre(item: CslItem): CslItem {
  const { _graph, ...rest } = item as CslItem & { _graph?: unknown };
  if (typeof rest.genre === 'string' && /^(tech)?report$/i.test(rest.genre)) delete rest.genre;
  return rest;
}
