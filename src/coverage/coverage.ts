import path from 'node:path';
import { BriefwrightError } from '../errors.js';
import { languageTag } from '../project/language-tags.js';
import { SectionTrees } from '../compose/section-trees.js';
import { LAYOUT, loadProject } from '../project/load-project.js';
import { writeFileAtomic } from '../render/write-file.js';
import { coverageCsv } from './coverage-csv.js';
import { coverageGrid, type CoverageGrid } from './coverage-grid.js';
import { coverageJson } from './coverage-json.js';
import { coveragePage } from './coverage-page.js';

/** The formats `briefwright coverage` writes. */
export const COVERAGE_FORMATS = ['html', 'csv', 'json'] as const;

/** One of the coverage formats. */
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];

/** What `coverage` made: the text, and the file it was written to (none for standard output). */
export interface CoverageResult {
  grid: CoverageGrid;
  text: string;
  /** Project-relative or absolute path written, when one was. */
  file?: string;
}

/**
 * Reports which population × topic pairs the library covers. HTML goes to
 * `output/coverage.html` unless `out` says otherwise; CSV and JSON are returned
 * for standard output unless `out` names a file. With `specific`, only sections
 * tagged with a population itself count for it; the HTML page offers both
 * views and opens on that one.
 */
export async function coverage(options: { root: string; format?: CoverageFormat; out?: string; specific?: boolean; lang?: string }): Promise<CoverageResult> {
  const project = await loadProject({ root: options.root });
  const lang = options.lang === undefined ? undefined : languageTag(options.lang);
  if (options.lang !== undefined && !lang) throw new BriefwrightError(`'${options.lang}' is not a language tag (such as es or es-MX)`, { kind: 'usage' });
  const trees = new SectionTrees(project.root);
  const specific = options.specific ?? false;
  const grid = coverageGrid(project, trees, { specific, lang });
  const format = options.format ?? 'html';
  const text =
    format === 'html'
      ? coveragePage(grid, { other: coverageGrid(project, trees, { specific: !specific, lang }) })
      : format === 'csv'
        ? coverageCsv(grid)
        : coverageJson(grid);
  const out = options.out ?? (format === 'html' ? path.join(LAYOUT.output, lang ? `coverage-${lang}.html` : 'coverage.html') : undefined);
  if (out === undefined || out === '-') return { grid, text };
  const file = path.resolve(project.root, out);
  await writeFileAtomic(file, text);
  const relative = path.relative(project.root, file);
  return { grid, text, file: relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/') };
}
