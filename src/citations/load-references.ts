import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { BriefwrightError, ProblemCollector } from '../errors.js';
import type { CslItem, Reference } from './reference.js';
import { splitBibtex, splitRis, type EntryText } from './split-entries.js';

// Reference managers export BibTeX titles in Title Case while APA prints titles as
// stored; citation-js converts English titles to sentence case, keeping braced words.
plugins.config.get('@bibtex').parse.sentenceCase = 'english';

/** The file extensions a bibliography may have, and the citation-js input type of each. */
const FORMATS: Record<string, string> = {
  '.bib': '@biblatex/text',
  '.bibtex': '@biblatex/text',
  '.json': '@csl/list+object',
  '.ris': '@ris/file',
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
}

/**
 * Reads the bibliography files. A malformed entry is reported with its file and
 * line and skipped; the rest still loads. A key defined twice keeps the first.
 */
export async function loadReferences(options: { root: string; files: readonly string[] }): Promise<ReferenceLibrary> {
  const problems = new ProblemCollector();
  const byId = new Map<string, Reference>();
  for (const file of options.files) {
    const source = await readFile(path.join(options.root, file), 'utf8');
    for (const reference of parseBibliography(source, file, problems)) {
      const first = byId.get(reference.id);
      if (first) {
        problems.add(
          new BriefwrightError(`duplicate reference key '${reference.id}' (first defined at ${first.file}:${first.line})`, {
            location: { file, line: reference.line, column: 1 },
          }),
        );
      } else byId.set(reference.id, reference);
    }
  }
  const items = new Map([...byId].map(([id, reference]) => [id, reference.item]));
  return { byId, items, problems: problems.problems };
}

/** Parses one bibliography file's text into references, recording problems. */
export function parseBibliography(source: string, file: string, problems: ProblemCollector): Reference[] {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.json') return parseCslJson(source, file, problems);
  if (extension === '.ris') {
    return splitRis(source).flatMap((entry) => problems.attempt(() => parseEntry(entry, '@ris/file', '', file)) ?? []);
  }
  const { entries, macros } = splitBibtex(source);
  return entries.flatMap((entry) => problems.attempt(() => parseEntry(entry, '@biblatex/text', macros, file)) ?? []);
}

function parseEntry(entry: EntryText, type: string, preamble: string, file: string): Reference[] {
  const location = { file, line: entry.line, column: 1 };
  if (!entry.complete) throw new BriefwrightError('malformed bibliography entry: it never closes', { location });
  let items: CslItem[];
  try {
    const text = type === '@biblatex/text' ? withLanguage(entry.text) : entry.text;
    items = plugins.input.chain(preamble ? `${preamble}\n${text}` : text, {
      forceType: type,
      generateGraph: false,
    }) as CslItem[];
  } catch (error) {
    const reason = String((error as Error).message ?? error).split('\n')[0] ?? '';
    const at = /at line (\d+) col (\d+)/.exec(reason);
    const preambleLines = preamble ? preamble.split('\n').length : 0;
    throw new BriefwrightError(`malformed bibliography entry: ${reason.replace(/ at line \d+ col \d+:?/, '')}`, {
      location: at ? { file, line: entry.line + Number(at[1]) - 1 - preambleLines, column: Number(at[2]) } : location,
      cause: error,
    });
  }
  if (items.length === 0) throw new BriefwrightError('malformed bibliography entry: nothing could be read', { location });
  return items.map((item) => toReference(normaliseItem(item), file, entry.line, entry.text));
}

/**
 * citation-js decides whether a title is English (and so converted to sentence
 * case) from the `language` field alone; biblatex and Pandoc use `langid`. An
 * entry with only `langid` gets the same value as `language`.
 */
function withLanguage(text: string): string {
  const langid = /[,{\s]langid\s*=\s*[{"]?([A-Za-z-]+)/i.exec(text)?.[1];
  if (!langid || /[,{\s]language\s*=/i.test(text)) return text;
  return text.replace(/^(@\w+\s*[{(][^,]*,)/, `$1 language = {${langid}},`);
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
    return [toReference(item as CslItem, file, line, JSON.stringify(item))];
  });
}

function lineOfId(source: string, id: string): number {
  const at = source.indexOf(JSON.stringify(id));
  return at === -1 ? 1 : source.slice(0, at).split('\n').length;
}

function toReference(item: CslItem, file: string, line: number, source: string): Reference {
  const id = String(item.id);
  return { id, item: { ...item, id }, file, line, source };
}

/**
 * citation-js names the BibTeX entry type as the genre of a `@techreport` without
 * a `type` field ("[Techreport]" in APA); a genre nobody wrote is dropped.
 */
function normaliseItem(item: CslItem): CslItem {
  const { _graph, ...rest } = item as CslItem & { _graph?: unknown };
  if (typeof rest.genre === 'string' && /^(tech)?report$/i.test(rest.genre)) delete rest.genre;
  return rest;
}
