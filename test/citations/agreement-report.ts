/**
 * Prints how briefwright's reference entries compare with pandoc --citeproc's,
 * entry by entry, for any bibliography files (default: the committed corpus):
 *   npx tsx test/citations/agreement-report.ts [--csl FILE] [FILE.bib ...]
 */
import path from 'node:path';
import { BUNDLED_STYLE_DIR, resolveStyle } from '../../src/citations/styles.js';
import { compareWithPandoc, CORPUS_FILES } from '../helpers/reference-agreement.js';

const args = process.argv.slice(2);
const cslAt = args.indexOf('--csl');
const cslFile = cslAt === -1 ? path.join(BUNDLED_STYLE_DIR, 'apa.csl') : path.resolve(args.splice(cslAt, 2)[1]!);
const files = args.length > 0 ? args.map((file) => path.resolve(file)) : CORPUS_FILES;
const { entries, problems } = compareWithPandoc(files, { file: cslFile, csl: resolveStyle(cslFile, { root: process.cwd() }) });
for (const problem of problems) console.log(`problem: ${problem}`);
const differing = entries.filter((entry) => entry.pandoc !== entry.briefwright);
for (const entry of differing) console.log(`## ${entry.key}\npandoc:      ${entry.pandoc}\nbriefwright: ${entry.briefwright ?? '(missing)'}\n`);
const same = entries.length - differing.length;
console.log(`${same} of ${entries.length} entries identical (${((100 * same) / entries.length).toFixed(1)}%), ${entries.filter((entry) => entry.briefwright === undefined).length} missing`);
