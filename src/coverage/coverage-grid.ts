import { SectionTrees } from '../compose/section-trees.js';
import type { Project } from '../project/load-project.js';
import { ALL, type Term } from '../project/taxonomy.js';
import { matches } from '../sections/select.js';

/** What covers one population × topic pair. */
export interface CoverageCell {
  population: string;
  topic: string;
  /** Ids of the sections a brief on just this pair would pick, sorted. */
  sections: string[];
  /** Distinct citation keys those sections cite, sorted. */
  sources: string[];
}

/** The population × topic grid of a project. */
export interface CoverageGrid {
  populations: readonly Term[];
  topics: readonly Term[];
  /** One row per population (taxonomy order), one cell per topic (taxonomy order). */
  rows: CoverageCell[][];
  /** Whether only sections written for a population count (those tagged `all` are left out). */
  specific: boolean;
}

/**
 * Counts, for every population and topic, the sections a brief asking for just
 * that pair would pick (the rule `build` uses, so a section tagged `all` counts
 * for every population) and the distinct works they cite. With `specific`, only
 * sections tagged with the population itself count, which shows where a
 * population has no evidence of its own. `trees` lets a caller that also
 * composes briefs parse each section once.
 */
export function coverageGrid(
  project: Pick<Project, 'root' | 'taxonomy' | 'sections'>,
  trees = new SectionTrees(project.root),
  options: { specific?: boolean } = {},
): CoverageGrid {
  const { populations, topics } = project.taxonomy;
  const specific = options.specific ?? false;
  const tags = (section: Project['sections'][number]) =>
    specific ? { populations: section.populations.filter((id) => id !== ALL), topics: section.topics } : section;
  // Citations as `build` finds them: parsed from Markdown, so code spans and links do not count.
  const keys = new Map(
    project.sections.map((section) => [section, trees.get(section).citations.flatMap(({ match }) => match.items.map((item) => item.key))]),
  );
  const rows = populations.map((population) =>
    topics.map((topic) => {
      const picked = project.sections.filter((section) => matches(tags(section), { populations: [population.id], topics: [topic.id] }));
      return {
        population: population.id,
        topic: topic.id,
        sections: picked.map((section) => section.id).sort(),
        sources: [...new Set(picked.flatMap((section) => keys.get(section)!))].sort(),
      };
    }),
  );
  return { populations, topics, rows, specific };
}

/** The grid's cells, row by row. */
export function coverageCells(grid: CoverageGrid): CoverageCell[] {
  return grid.rows.flat();
}

/** The largest section count of any cell (0 for an empty library). */
export function maxSections(grid: CoverageGrid): number {
  return Math.max(0, ...coverageCells(grid).map((cell) => cell.sections.length));
}
