import { listStyles } from './citations/styles.js';
import { listThemes } from './compose/stylesheets.js';
import { TemplateSet } from './compose/templates.js';
import { loadProject } from './project/load-project.js';

/** The things `briefwright list` can show. */
export const LISTABLE = ['populations', 'topics', 'sections', 'templates', 'styles', 'themes'] as const;

/** Lines describing one kind of thing in a project. */
export async function list(options: { root: string; what: (typeof LISTABLE)[number] }): Promise<string[]> {
  const project = await loadProject({ root: options.root });
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
      return project.sections.map(
        (section) => `${section.id} [${section.kind}] ${section.title} — populations: ${section.populations.join(', ')}; topics: ${section.topics.join(', ')}`,
      );
    case 'templates': {
      const templates = await TemplateSet.load({ layers: project.layers });
      const layouts = templates.names().map((name) => {
        const { description, pages } = templates.settings(name);
        return `${name} (${templates.origin(name)}${pages ? `, at most ${pages} page${pages === 1 ? '' : 's'}` : ''})${description ? ` — ${description}` : ''}`;
      });
      const own = templates.projectPartials();
      return own.length > 0 ? [...layouts, `partials from the project: ${own.join(', ')}`] : layouts;
    }
    case 'styles':
      return listStyles({ root: project.root }).map(({ id, origin }) => `${id} (${origin})`);
    case 'themes':
      return listThemes(project.layers).map(({ name, origin }) => `${name} (${origin})`);
  }
}
