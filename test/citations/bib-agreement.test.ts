import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_STYLE_DIR, resolveStyle } from '../../src/citations/styles.js';
import { compareWithPandoc, CORPUS_DIR, CORPUS_FILES, pandocVersion } from '../helpers/reference-agreement.js';

// Pandoc reads BibTeX and biblatex with its own reader and renders with its own
// CSL processor: for real-world entries and the same CSL file, briefwright's
// reference list must agree with it, except where Pandoc is wrong by APA 7 (or
// briefwright is, knowingly), each such entry recorded with the rule.
const pandoc = pandocVersion();
if (!pandoc) console.warn('SKIPPED: pandoc is not installed, so references were NOT compared with pandoc --citeproc (apt-get install pandoc)');

const explained: Record<string, { differs: string; rule: string }> = JSON.parse(readFileSync(path.join(CORPUS_DIR, 'disagreements.json'), 'utf8'));

describe.skipIf(!pandoc)(`real-world BibTeX and biblatex, rendered as ${pandoc ?? 'pandoc'} renders them`, () => {
  it('agrees on at least 85% of entries with the bundled APA 7, every other entry explained, none lost', () => {
    const apa = path.join(BUNDLED_STYLE_DIR, 'apa.csl');
    const { entries, problems } = compareWithPandoc(CORPUS_FILES, { file: apa, csl: resolveStyle(apa, { root: CORPUS_DIR }) });
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThan(250);
    expect(entries.filter((entry) => entry.briefwright === undefined).map((entry) => entry.key)).toEqual([]);
    const differing = entries.filter((entry) => entry.pandoc !== entry.briefwright);
    // Every difference is explained, and every explanation is still needed.
    expect(differing.map((entry) => entry.key).sort()).toEqual(Object.keys(explained).sort());
    expect((entries.length - differing.length) / entries.length).toBeGreaterThanOrEqual(0.85);
  });
});
