import { languageName } from '../project/language-tags.js';
import { VERSION } from '../project/package-root.js';
import type { CoverageGrid } from './coverage-grid.js';
import { COVERAGE_CSS, coverageLegend, coverageSummary, coverageTable } from './coverage-table.js';
import { html, styleText, type SafeHtml } from './html-template.js';

/**
 * The coverage report as one self-contained HTML page: the heat-map table, its
 * legend, and the list of empty pairs. Given `other` (the same grid counted the
 * other way), the page offers both views, all evidence and specific evidence
 * only, with a toggle that needs no script; `grid`'s view is shown first.
 */
export function coveragePage(grid: CoverageGrid, options: { title?: string; other?: CoverageGrid } = {}): string {
  const title = options.title ?? `Evidence coverage${grid.lang ? ` in ${languageName(grid.lang)}` : ''} by population and topic`;
  const views = [grid, ...(options.other ? [options.other] : [])].sort((a, b) => Number(a.specific) - Number(b.specific));
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
fieldset.coverage-views { border: 1px solid #5f6b7a; padding: 0.5rem 1rem 0.75rem; margin: 1rem 0; }
fieldset.coverage-views legend { font-weight: 600; padding: 0 0.25rem; }
fieldset.coverage-views label { display: block; margin-top: 0.25rem; }
fieldset.coverage-views input:focus-visible { outline: 3px solid #000; outline-offset: 2px; }
/* The toggle: the view whose radio button is not checked is hidden. */
body:has(#view-all:checked) .view-specific, body:has(#view-specific:checked) .view-all { display: none; }
${COVERAGE_CSS}`)}
</style>
</head>
<body>
<main>
<h1>${title}</h1>
${views.length > 1 ? viewToggle(grid.specific) : ''}
${views.map(coverageView)}
</main>
</body>
</html>
`.value;
}

function viewToggle(specificFirst: boolean): SafeHtml {
  return html`<fieldset class="coverage-views">
<legend>Which sections count</legend>
<label><input type="radio" name="coverage-view" id="view-all"${specificFirst ? '' : ' checked'}> All evidence: every section a brief would pick, including those tagged for all populations</label>
<label><input type="radio" name="coverage-view" id="view-specific"${specificFirst ? ' checked' : ''}> Specific evidence only: sections written for the population itself</label>
</fieldset>`;
}

function coverageView(grid: CoverageGrid): SafeHtml {
  const kind = grid.specific ? 'specific' : 'all';
  const rule = grid.specific
    ? 'Each cell counts the sections tagged with that population itself and the topic (sections tagged for all populations are left out), and the distinct works they cite. Empty cells are where a population has no evidence of its own.'
    : 'Each cell counts the sections a brief on that one population and topic would pick (a section tagged for all populations counts for every population) and the distinct works they cite. Empty cells are where the evidence library is thin.';
  const language = grid.lang ? ' With a language, the shade counts the sections a brief in it can print (written in it, or translated into it).' : '';
  const caption = grid.specific ? 'Sections written for each population, and their distinct sources, by topic' : undefined;
  const heading = grid.specific ? 'Pairs without evidence of their own' : 'Pairs without sections';
  return html`<div class="view-${kind}">
<p>${rule}${language}</p>
${coverageLegend(grid)}
<div class="table-scroll" role="region" aria-label="${grid.specific ? 'Coverage table, specific evidence' : 'Coverage table'}" tabindex="0">
${coverageTable(grid, { caption })}
</div>
<h2>${heading}</h2>
${coverageSummary(grid)}
</div>`;
}
