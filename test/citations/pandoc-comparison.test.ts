import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CitationEngines } from '../../src/citations/citation-engines.js';
import { parseBibliography } from '../../src/citations/load-references.js';
import { findCitations } from '../../src/citations/parse-citations.js';
import { resolveStyle, type CslStyle } from '../../src/citations/styles.js';
import { ProblemCollector } from '../../src/errors.js';
import { FIXTURES } from '../helpers/fixture.js';

// Pandoc's citeproc is an independent CSL processor: for the same references and
// the same CSL file, briefwright's citations and reference list must match it.
const pandoc = (() => {
  try {
    return execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
})();
if (!pandoc) {
  console.warn('SKIPPED: pandoc is not installed, so citations were NOT compared with an independent CSL processor (apt-get install pandoc)');
}

const CITATIONS = [
  '[@gleason2013]',
  '[@rose2014a, p. 4]',
  '[@rose2014b]',
  '[@rose2002]',
  '[@patrick2016]',
  '[@patrick2016b]',
  '[@pane2015; @pane2017]',
  '[see @wested2014, p. 2]',
  '[@hasselbring2000, pp. 3--5]',
  '[-@lazar2011]',
  '[@blankstein2016]',
  '[@lazar2011, para. 4, emphasis added]',
  '[@rose2014a; @rose2014b; @gleason2013]',
];

const FIXTURE = path.join(FIXTURES, 'citations');

/** Citations and reference list as pandoc renders them, in plain text. */
async function withPandoc(cslFile: string, bibliography: string): Promise<{ citations: string[]; references: string[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'briefwright-pandoc-'));
  const doc = path.join(dir, 'doc.md');
  await writeFile(doc, `${CITATIONS.map((cite, index) => `C${index}: ${cite}`).join('\n\n')}\n\n# REFERENCES\n`);
  const out = execFileSync('pandoc', ['--citeproc', '--bibliography', bibliography, '--csl', cslFile, '-t', 'plain', '--wrap=none', doc], {
    encoding: 'utf8',
  });
  const [body, refs = ''] = out.split(/^REFERENCES$/m);
  const citations = body!.split('\n').filter((line) => /^C\d+: /.test(line)).map((line) => line.replace(/^C\d+: /, ''));
  const references = refs.split(/\n\s*\n/).map((entry) => entry.trim()).filter(Boolean);
  return { citations: citations.map(normalise), references: references.map(normalise) };
}

/** The same, as briefwright renders them. */
function withBriefwright(style: CslStyle, bibliography: string, source: string) {
  const problems = new ProblemCollector();
  const items = new Map(parseBibliography(source, bibliography, problems).map((r) => [r.id, r.item]));
  expect(problems.problems).toEqual([]);
  const matches = CITATIONS.flatMap((cite) => findCitations(cite));
  const result = new CitationEngines().format({ style, locale: 'en-US', items, citations: matches });
  return { citations: result.citations.map(plain), references: result.bibliography.map((entry) => plain(entry.html)) };
}

function plain(html: string): string {
  const text = html
    .replace(/<[^>]+>/g, '')
    .replace(/&#38;|&amp;/g, '&')
    .replace(/&#60;|&lt;/g, '<')
    .replace(/&#62;|&gt;/g, '>')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
  return normalise(text);
}

function normalise(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').replace(/[“”]/g, '"').replace(/[‘’]/g, "'").trim();
}

async function styleFile(name: string): Promise<{ file: string; style: CslStyle }> {
  if (name.endsWith('.csl')) {
    const file = path.join(FIXTURE, name);
    return { file, style: resolveStyle(file, { root: FIXTURE }) };
  }
  const style = resolveStyle(name, { root: FIXTURE });
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'briefwright-csl-')), `${name}.csl`);
  await writeFile(file, style.xml);
  return { file, style };
}

describe.skipIf(!pandoc)(`the same output as ${pandoc ?? 'pandoc'}`, () => {
  for (const name of ['apa', 'harvard1', 'house-style.csl']) {
    it(`for ${name}`, async () => {
      const { file, style } = await styleFile(name);
      const bibliography = path.join(FIXTURE, 'refs.json');
      const expected = await withPandoc(file, bibliography);
      const actual = withBriefwright(style, bibliography, await readFile(bibliography, 'utf8'));
      expect(actual.references).toEqual(expected.references);
      expect(actual.citations).toEqual(expected.citations);
    });
  }
});
