import { coverageCells, type CoverageGrid } from './coverage-grid.js';

/** The grid as JSON for scripts: the terms, and every pair with its counts, section ids and source keys. */
export function coverageJson(grid: CoverageGrid): string {
  const term = ({ id, label }: { id: string; label: string }) => ({ id, label });
  const cells = coverageCells(grid).map((cell) => ({
    population: cell.population,
    topic: cell.topic,
    sectionCount: cell.sections.length,
    sourceCount: cell.sources.length,
    sections: cell.sections,
    sources: cell.sources,
    ...(cell.inLanguage ? { inLanguage: cell.inLanguage } : {}),
  }));
  const data = {
    ...(grid.lang ? { lang: grid.lang } : {}),
    specific: grid.specific,
    populations: grid.populations.map(term),
    topics: grid.topics.map(term),
    empty: cells.filter((cell) => cell.sectionCount === 0).length,
    cells,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
