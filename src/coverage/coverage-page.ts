import { languageName } from '../project/language-tags.js';
import { VERSION } from '../project/package-root.js';
import type { CoverageGrid } from './coverage-grid.js';
import { COVERAGE_CSS, coverageLegend, coverageSummary, coverageTable } from './coverage-table.js';
import { html, styleText } from './html-template.js';

/**
 * The coverage report as one self-contained HTML page: the heat-map table, its
 * legend, and the list of empty pairs. No scripts, no external files.
 */
export function coveragePage(grid: CoverageGrid, options: { title?: string } = {}): string {
  const title = options.title ?? `Evidence coverage${grid.lang ? ` in ${languageName(grid.lang)}` : ''} by population and topic`;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="briefwright ${VERSION}">
<title>${title}</title>
<style>${styleText(`
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; background: #fff; margin: 0; line-height: 1.45; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.5rem; }
.table-scroll { overflow-x: auto; }
${COVERAGE_CSS}`)}
</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p>Each cell counts the sections a brief on that one population and topic would pick
(a section tagged for all populations counts for every population) and the distinct works they cite.
${grid.lang ? `With a language, the shade counts the sections a brief in it can print (written in it, or translated into it).` : 'Empty cells are where the evidence library is thin.'}</p>
${coverageLegend(grid)}
<div class="table-scroll" role="region" aria-label="Coverage table" tabindex="0">
${coverageTable(grid)}
</div>
<h2>Pairs without sections</h2>
${coverageSummary(grid)}
</main>
</body>
</html>
`.value;
}
