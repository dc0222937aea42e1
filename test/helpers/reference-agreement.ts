import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';
import { CitationEngines } from '../../src/citations/citation-engines.js';
import { readBibliographies } from '../../src/citations/load-references.js';
import type { CslStyle } from '../../src/citations/styles.js';
import { FIXTURES } from './fixture.js';

/** The corpus of real-world entries (see test/fixtures/bib-corpus/SOURCES.md). */
export const CORPUS_DIR = path.join(FIXTURES, 'bib-corpus');

/** Its bibliography files. */
export const CORPUS_FILES = ['biblatex-examples.bib', 'zotero-research-data.bib', 'zotero-philosophy.bibtex', 'zotero-german-law.bib'].map((file) => path.join(CORPUS_DIR, file));

/** The first line of `pandoc --version`, or undefined when pandoc is not installed. */
export function pandocVersion(): string | undefined {
  try {
    return execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
}

/** One entry as both tools print it, in plain text. */
export interface EntryComparison {
  key: string;
  pandoc: string;
  briefwright: string | undefined;
}

/** Reference entries as text, white space and quotation marks made comparable. */
function normalise(text: string): string {
  return text.replace(/[\s\u00a0\u202f\u2009]+/g, ' ').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").trim();
}

/** Each `csl-entry` of an HTML reference list by its key, as plain text. */
function entriesOf(html: string, prefix: string): Map<string, string> {
  const entries = new Map<string, string>();
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      const classes = child.properties.className;
      if (Array.isArray(classes) && classes.includes('csl-entry')) entries.set(String(child.properties.id ?? '').slice(prefix.length), normalise(toString(child)));
      else visit(child);
    }
  };
  visit(fromHtml(html, { fragment: true }));
  return entries;
}

/**
 * Renders every entry of the bibliography files with `pandoc --citeproc` (one
 * call for all of them) and with briefwright, the same CSL file for both, and
 * pairs them up by key. Disambiguation ("2000a") is worked out across all
 * entries by both, as in one reference list.
 */
export function compareWithPandoc(files: readonly string[], style: { file: string; csl: CslStyle }): { entries: EntryComparison[]; problems: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'briefwright-agreement-'));
  try {
    const doc = path.join(dir, 'all.md');
    writeFileSync(doc, '---\nnocite: "@*"\n---\n');
    const html = execFileSync(
      'pandoc',
      ['--citeproc', ...files.flatMap((file) => ['--bibliography', file]), '--csl', style.file, '-f', 'markdown', '-t', 'html', '--wrap=none', doc],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const theirs = entriesOf(html, 'ref-');
    const library = readBibliographies(files.map((file) => ({ file: path.basename(file), source: readFileSync(file, 'utf8') })));
    const { bibliography } = new CitationEngines().format({ style: style.csl, locale: 'en-US', items: library.items, citations: [], nocite: '*' });
    const ours = new Map(bibliography.map((entry) => [entry.id, normalise(toString(fromHtml(entry.html, { fragment: true })))]));
    const entries = [...theirs].map(([key, pandoc]) => ({ key, pandoc, briefwright: ours.get(key) }));
    return { entries, problems: library.problems.map((problem) => problem.format()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
