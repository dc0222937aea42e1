import { languageWord } from '../project/language-tags.js';
import type { Term } from '../project/taxonomy.js';
import { counted, coverageCells, maxSections, type CoverageCell, type CoverageGrid } from './coverage-grid.js';
import { EMPTY_HATCH, HEAT_PALETTE, heatLevel, heatRanges } from './heat-scale.js';
import { html, type SafeHtml } from './html-template.js';

/** How the table is drawn. */
export interface CoverageTableOptions {
  /** A link for each cell (the preview page links a cell to a brief on that pair). */
  cellLink?: (cell: CoverageCell) => string;
  /** The table's caption (a default describes the grid). */
  caption?: string;
}

/**
 * The coverage grid as one data table that is also the heat map: one facet's
 * terms are row headers, the other's column headers, and each cell says its
 * counts in words, so the colours only repeat what a screen reader announces.
 * The facet with more terms runs down the rows, so a wide taxonomy still fits
 * the page.
 */
export function coverageTable(grid: CoverageGrid, options: CoverageTableOptions = {}): SafeHtml {
  const max = maxSections(grid);
  const byTopic = grid.topics.length > grid.populations.length;
  const [rowTerms, columnTerms] = byTopic ? [grid.topics, grid.populations] : [grid.populations, grid.topics];
  const cellAt = (row: number, column: number) => (byTopic ? grid.rows[column]![row]! : grid.rows[row]![column]!);
  const lang = (term: Term) => (term.labelLang ? html` lang="${term.labelLang}"` : '');
  const header = columnTerms.map((term) => html`<th scope="col"${lang(term)}>${term.label}</th>`);
  const rows = rowTerms.map(
    (term, row) => html`<tr><th scope="row"${lang(term)}>${term.label}</th>${columnTerms.map((_, column) => coverageCell(grid, cellAt(row, column), max, options))}</tr>\n`,
  );
  return html`<table class="coverage">
<caption>${options.caption ?? `Sections${grid.lang ? `, those in ${languageWord(grid.lang)},` : ''} and distinct sources for each population and topic`}</caption>
<thead><tr><th scope="col">${byTopic ? 'Topic' : 'Population'}</th>${header}</tr></thead>
<tbody>
${rows}</tbody>
</table>`;
}

/** The legend: what each shade means, and how an empty cell looks. */
export function coverageLegend(grid: CoverageGrid): SafeHtml {
  const max = maxSections(grid);
  const inLanguage = grid.lang ? ` in ${languageWord(grid.lang)}` : '';
  const items = heatRanges(max).map(
    ({ level, from, to }) =>
      html`<li><span class="swatch heat-${level}" aria-hidden="true"></span>${from === to ? `${from}` : `${from}–${to}`} ${to === 1 ? 'section' : 'sections'}${inLanguage}</li>`,
  );
  return html`<ul class="coverage-legend" aria-label="Legend">
<li><span class="swatch heat-0" aria-hidden="true"></span>${grid.lang ? `No sections${inLanguage}` : 'No sections: evidence is thin here'}</li>
${items}
</ul>`;
}

/** A sentence on how much of the grid is empty, and which pairs. */
export function coverageSummary(grid: CoverageGrid): SafeHtml {
  const cells = coverageCells(grid);
  const empty = cells.filter((cell) => counted(cell) === 0);
  const label = (facet: 'populations' | 'topics', id: string) => grid[facet].find((term) => term.id === id)?.label ?? id;
  const inLanguage = grid.lang ? ` in ${languageWord(grid.lang)}` : '';
  if (empty.length === 0) return html`<p class="coverage-summary">Every one of the ${cells.length} pairs has at least one section${inLanguage}.</p>`;
  return html`<p class="coverage-summary">${empty.length} of ${cells.length} pairs have no sections${inLanguage}:</p>
<ul class="coverage-gaps">${empty.map((cell) => html`<li>${label('populations', cell.population)} × ${label('topics', cell.topic)}</li>`)}</ul>`;
}

function coverageCell(grid: CoverageGrid, cell: CoverageCell, max: number, options: CoverageTableOptions): SafeHtml {
  const level = heatLevel(counted(cell), max);
  const count = cell.sections.length;
  const sources = cell.sources.length;
  const inLanguage = cell.inLanguage && count > 0 ? html` <span class="cell-language">${cell.inLanguage.length} in ${languageWord(grid.lang!)}</span>` : '';
  const words =
    count === 0
      ? html`<span class="cell-sections">No sections</span>`
      : html`<span class="cell-sections">${count} ${count === 1 ? 'section' : 'sections'}</span>${inLanguage} <span class="cell-sources">${sources} ${sources === 1 ? 'source' : 'sources'}</span>`;
  if (!options.cellLink) return html`<td class="heat-${level}">${words}</td>`;
  const population = grid.populations.find((term) => term.id === cell.population)?.label ?? cell.population;
  const topic = grid.topics.find((term) => term.id === cell.topic)?.label ?? cell.topic;
  return html`<td class="heat-${level}"><a href="${options.cellLink(cell)}"><span class="visually-hidden">${population}, ${topic}: </span>${words}</a></td>`;
}

/** The table's and legend's CSS (the page and the preview page both embed it). */
export const COVERAGE_CSS = `
table.coverage { border-collapse: collapse; margin: 1rem 0; font-variant-numeric: tabular-nums; }
table.coverage caption { text-align: left; font-weight: 600; padding-bottom: 0.5rem; }
table.coverage th, table.coverage td { border: 1px solid #5f6b7a; padding: 0.5rem 0.75rem; }
table.coverage thead th { vertical-align: bottom; text-align: left; background: #f4f6f8; color: #1b1f24; }
table.coverage tbody th { text-align: left; background: #f4f6f8; color: #1b1f24; font-weight: 600; }
table.coverage td { min-width: 7.5rem; text-align: center; }
table.coverage td .cell-sections, table.coverage td .cell-language, table.coverage td .cell-sources { display: block; }
table.coverage td .cell-sections { font-weight: 700; }
table.coverage td a { color: inherit; display: block; text-decoration: underline; text-underline-offset: 0.15em; }
table.coverage td a:focus-visible { outline: 3px solid #000; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }
${HEAT_PALETTE.map((colours, level) => `.heat-${level} { background-color: ${colours.background}; color: ${colours.text}; }`).join('\n')}
.heat-0 { background-image: repeating-linear-gradient(135deg, transparent 0 6px, ${EMPTY_HATCH} 6px 9px); border: 2px dashed ${HEAT_PALETTE[0]!.text} !important; font-style: italic; }
ul.coverage-legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; }
ul.coverage-legend li { display: flex; align-items: center; gap: 0.4rem; }
ul.coverage-legend .swatch { display: inline-block; width: 1.5rem; height: 1.1rem; border: 1px solid #5f6b7a; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (forced-colors: active) { .heat-0 { border-style: dashed; } }
`;
