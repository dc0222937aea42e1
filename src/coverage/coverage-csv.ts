import { coverageCells, type CoverageGrid } from './coverage-grid.js';

const COLUMNS = ['population', 'population_label', 'topic', 'topic_label', 'sections', 'sources'] as const;

/** The grid as CSV (RFC 4180), one row per population × topic pair. */
export function coverageCsv(grid: CoverageGrid): string {
  const label = (facet: 'populations' | 'topics', id: string) => grid[facet].find((term) => term.id === id)?.label ?? id;
  const rows = coverageCells(grid).map((cell) => [
    cell.population,
    label('populations', cell.population),
    cell.topic,
    label('topics', cell.topic),
    String(cell.sections.length),
    String(cell.sources.length),
  ]);
  if (grid.lang) {
    const column = `sections_${grid.lang}`;
    coverageCells(grid).forEach((cell, index) => rows[index]!.push(String(cell.inLanguage!.length)));
    return [[...COLUMNS, column], ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
  }
  return [[...COLUMNS], ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
