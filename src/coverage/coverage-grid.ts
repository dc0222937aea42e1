import { SectionTrees } from '../compose/section-trees.js';
import type { Project } from '../project/load-project.js';
import { ALL, type Term } from '../project/taxonomy.js';
import { sameLanguage } from '../project/language-tags.js';
import type { Section } from '../sections/section.js';
import { matches } from '../sections/select.js';

/** What covers one population × topic pair. */
export interface CoverageCell {
  population: string;
  topic: string;
  /** Ids of the sections a brief on just this pair would pick, sorted. */
  sections: string[];
  /** Distinct citation keys those sections cite, sorted. */
  sources: string[];
  /** With a language: the ids of those sections that a brief in it can print (originals in it, or translated), sorted. */
  inLanguage?: string[];
}

/** The population × topic grid of a project. */
export interface CoverageGrid {
  /** The language asked about, if any; the terms' labels are in it where the taxonomy has them. */
  lang?: string;
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
  options: { specific?: boolean; lang?: string } = {},
): CoverageGrid {
  const { taxonomy } = project;
  const { lang } = options;
  const specific = options.specific ?? false;
  const tags = (section: Section) => (specific ? { populations: section.populations.filter((id) => id !== ALL), topics: section.topics } : section);
  const inLanguage = (term: Term, facet: 'population' | 'topic'): Term => {
    if (!lang) return term;
    const label = taxonomy.labelIn(facet, term.id, lang);
    return { ...term, label: label.text, ...(label.lang !== taxonomy.lang ? { labelLang: label.lang } : {}) };
  };
  const populations = taxonomy.populations.map((term) => inLanguage(term, 'population'));
  const topics = taxonomy.topics.map((term) => inLanguage(term, 'topic'));
  const readable = (section: Section) => lang !== undefined && (sameLanguage(section.lang, lang) || [...section.translations.keys()].some((tag) => sameLanguage(tag, lang)));
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
        ...(lang ? { inLanguage: picked.filter(readable).map((section) => section.id).sort() } : {}),
      };
    }),
  );
  return { lang, populations, topics, rows, specific };
}

/** What a cell's shade counts: its sections, or with a language those a brief in it can print. */
export function counted(cell: CoverageCell): number {
  return (cell.inLanguage ?? cell.sections).length;
}

/** The grid's cells, row by row. */
export function coverageCells(grid: CoverageGrid): CoverageCell[] {
  return grid.rows.flat();
}

/** The largest section count of any cell (0 for an empty library). */
export function maxSections(grid: CoverageGrid): number {
  return Math.max(0, ...coverageCells(grid).map(counted));
}
