import { existsSync } from 'node:fs';
import path from 'node:path';
import { BriefwrightError } from './errors.js';
import { FileLayers } from './project/file-layers.js';
import { PACKAGE_ROOT } from './project/package-root.js';

// Each kind of listing imports only the stages it reads: templates, styles and
// themes need no sections or references, so they never load the citation engine.

/** Where a project keeps its taxonomy: the file that makes a folder a project. */
const TAXONOMY = 'content/taxonomy.yaml';

/** The things `briefwright list` can show. */
export const LISTABLE = ['populations', 'topics', 'sections', 'recipes', 'templates', 'styles', 'themes'] as const;

/** Lines describing one kind of thing in a project. */
export async function list(options: { root: string; what: (typeof LISTABLE)[number] }): Promise<string[]> {
  switch (options.what) {
    case 'recipes':
      return listRecipes(options.root);
    case 'templates':
    case 'styles':
    case 'themes':
      return listLayered(options.root, options.what);
  }
  const { loadProject } = await import('./project/load-project.js');
  const project = await loadProject({ root: options.root, keepBrokenSections: options.what === 'sections' });
  switch (options.what) {
    case 'populations':
    case 'topics': {
      const facet = options.what === 'populations' ? 'population' : 'topic';
      return project.taxonomy.terms(facet).map((term) => {
        const count = project.sections.filter((section) =>
          facet === 'population' ? section.populations.includes(term.id) || section.populations.includes('all') : section.topics.includes(term.id),
        ).length;
        const aliases = term.aliases.length > 0 ? ` (also: ${term.aliases.join(', ')})` : '';
        return `${term.id}${aliases}: ${term.label}, ${count} section${count === 1 ? '' : 's'}${term.description ? ` — ${term.description}` : ''}`;
      });
    }
    case 'sections':
      return [
        ...project.sections.map(
          (section) =>
            `${section.id} (${section.file}) [${section.kind}] ${section.title} — populations: ${section.populations.join(', ')}; topics: ${section.topics.join(', ')}`,
        ),
        ...project.brokenSections.map(
          (section) => `${section.id} (${section.file}) cannot be read: ${section.problems.length} problem${section.problems.length === 1 ? '' : 's'} (see briefwright check)`,
        ),
      ];
  }
}

/** Templates, styles or themes: the project's own laid over the built-in ones. */
async function listLayered(root: string, what: 'templates' | 'styles' | 'themes'): Promise<string[]> {
  const projectRoot = path.resolve(root);
  if (!existsSync(path.join(projectRoot, TAXONOMY))) {
    throw new BriefwrightError(`not a briefwright project: ${TAXONOMY} not found in ${projectRoot} (pass --root DIR, or run 'briefwright init DIR')`);
  }
  const layers = new FileLayers({ project: projectRoot, builtIn: PACKAGE_ROOT });
  switch (what) {
    case 'templates': {
      // Names, origins and declared settings only: listing compiles no template.
      const { readLayouts, readPartials } = await import('./compose/template-files.js');
      const [layouts, partials] = await Promise.all([readLayouts(layers), readPartials(layers)]);
      const lines = [...layouts.values()]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map(({ name, origin, settings: { description, pages } }) => {
          return `${name} (${origin}${pages ? `, at most ${pages} page${pages === 1 ? '' : 's'}` : ''})${description ? ` — ${description}` : ''}`;
        });
      const own = partials.filter((partial) => partial.origin === 'project').map((partial) => partial.name);
      return own.length > 0 ? [...lines, `partials from the project: ${own.join(', ')}`] : lines;
    }
    case 'styles': {
      const { listStyles } = await import('./citations/styles.js');
      return listStyles({ root: projectRoot }).map(({ id, origin }) => `${id} (${origin})`);
    }
    case 'themes': {
      const { listThemes } = await import('./compose/theme.js');
      return listThemes(layers).map(({ name, origin }) => `${name} (${origin})`);
    }
  }
}

/** One line per recipe: its file, template, formats, and whether its outputs are up to date (as `status` decides). */
async function listRecipes(root: string): Promise<string[]> {
  const [{ LAYOUT, listFiles }, { status }] = await Promise.all([import('./project/load-project.js'), import('./status.js')]);
  const recipes = (await listFiles(root, LAYOUT.briefs, false)).filter((file) => /\.ya?ml$/.test(file));
  if (recipes.length === 0) return [`no recipes in ${LAYOUT.briefs}/`];
  const rows = (await status({ root })).map((brief) => [
    brief.recipe ?? brief.name,
    brief.template ?? '-',
    brief.formats?.join(', ') ?? '-',
    brief.template === undefined ? brief.reasons.join('; ') : brief.stale ? `stale: ${brief.reasons.join('; ')}` : 'up to date',
  ]);
  const header = ['recipe', 'template', 'formats', 'status'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return [header, ...rows].map((row) => row.map((cell, column) => (column < row.length - 1 ? cell.padEnd(widths[column]!) : cell)).join('  '));
}
