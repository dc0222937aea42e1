import { CitationEngines } from '../citations/citation-engines.js';
import { listStyles, resolveStyle, SYSTEM_STYLE_DIRS, type CslStyle } from '../citations/styles.js';
import { SectionTrees } from '../compose/section-trees.js';
import { listThemes, loadStylesheet, type Stylesheet } from '../compose/stylesheets.js';
import { TemplateSet } from '../compose/templates.js';
import { coverageGrid, type CoverageGrid } from '../coverage/coverage-grid.js';
import { loadConfig, type ProjectConfig } from '../project/config.js';
import { loadProject, type Project } from '../project/load-project.js';
import { hash } from '../record/build-record.js';

/** A project as the preview serves it: loaded once per change, with what renders reuse. */
export interface ProjectSnapshot {
  /** Counts up with every reload, so a page can tell an old answer from a new one. */
  version: number;
  project: Project;
  config: ProjectConfig;
  templates: TemplateSet;
  themes: string[];
  /** Every style id the project can name (its own, bundled, system). */
  styles: Set<string>;
  /** The styles worth offering in a menu: the project's own and the bundled ones. */
  featuredStyles: string[];
  coverage: CoverageGrid;
  /** The grid counting only sections written for each population (none tagged `all`). */
  specificCoverage: CoverageGrid;
  /** A hash of everything the pick form offers (terms, templates, themes, styles). */
  formKey: string;
  engines: CitationEngines;
  trees: SectionTrees;
  /** A citation style by id, resolved once. */
  style(id: string): CslStyle;
  /** A theme's stylesheet, built once. */
  stylesheet(theme: string): Promise<Stylesheet>;
}

/**
 * Holds the current snapshot of a project folder. It is read on first use and
 * again after `invalidate()` (the file watcher calls it); requests already
 * running finish with the snapshot they started with. A project that fails to
 * load rejects every request until the next change, with the same problems.
 */
export class ProjectSnapshots {
  private current?: Promise<ProjectSnapshot>;
  private version = 0;

  constructor(private readonly root: string) {}

  /** The snapshot for the project as it is now. */
  get(): Promise<ProjectSnapshot> {
    this.current ??= this.load(++this.version);
    return this.current;
  }

  /** Forgets the snapshot; the next request reads the folder again. */
  invalidate(): void {
    this.current = undefined;
  }

  private async load(version: number): Promise<ProjectSnapshot> {
    const project = await loadProject({ root: this.root });
    const [config, templates] = await Promise.all([
      loadConfig(project.root),
      TemplateSet.load({ layers: project.layers }),
    ]);
    const styleList = listStyles({ root: project.root });
    const themes = listThemes(project.layers).map((theme) => theme.name);
    const featuredStyles = styleList.filter((style) => !SYSTEM_STYLE_DIRS.includes(style.origin)).map((style) => style.id).sort();
    const { populations, topics } = project.taxonomy;
    const formKey = hash(JSON.stringify([populations, topics, templates.names(), themes, featuredStyles]));
    const trees = new SectionTrees(project.root);
    const styles = new Map<string, CslStyle>();
    const stylesheets = new Map<string, Promise<Stylesheet>>();
    return {
      version,
      project,
      config,
      templates,
      themes,
      styles: new Set(styleList.map((style) => style.id)),
      featuredStyles,
      formKey,
      coverage: coverageGrid(project, trees),
      specificCoverage: coverageGrid(project, trees, { specific: true }),
      engines: new CitationEngines(),
      trees,
      style(id) {
        let style = styles.get(id);
        if (!style) {
          style = resolveStyle(id, { root: project.root });
          styles.set(id, style);
        }
        return style;
      },
      stylesheet(theme) {
        let sheet = stylesheets.get(theme);
        if (!sheet) {
          sheet = loadStylesheet({ layers: project.layers, theme });
          stylesheets.set(theme, sheet);
        }
        return sheet;
      },
    };
  }
}
