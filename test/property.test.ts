import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CitationEngines } from '../src/citations/citation-engines.js';
import { parseBibliography } from '../src/citations/load-references.js';
import { resolveStyle } from '../src/citations/styles.js';
import { composeBrief } from '../src/compose/compose-brief.js';
import { markdownToTree } from '../src/compose/markdown.js';
import { SectionTrees } from '../src/compose/section-trees.js';
import { loadStylesheet, type Stylesheet } from '../src/compose/stylesheets.js';
import { TemplateSet } from '../src/compose/templates.js';
import { BriefwrightError, ProblemCollector } from '../src/errors.js';
import { resolveRequest } from '../src/project/brief-request.js';
import { loadProject, type Project } from '../src/project/load-project.js';
import { FileLayers } from '../src/project/file-layers.js';
import { PACKAGE_ROOT } from '../src/project/package-root.js';
import { parseTaxonomy } from '../src/project/taxonomy.js';
import { YamlFile } from '../src/project/yaml-file.js';
import { recipeSchema } from '../src/project/recipe.js';
import { parseSection } from '../src/sections/load-sections.js';
import path from 'node:path';
import { FIXTURES } from './helpers/fixture.js';

// Random input may be rejected, but only ever with briefwright's own error and a message.
function onlyOwnErrors(task: () => unknown): void {
  try {
    task();
  } catch (error) {
    expect(error).toBeInstanceOf(BriefwrightError);
    expect((error as BriefwrightError).format()).not.toBe('');
  }
}

const MARKDOWN_BITS = ['[@', '@', ']', '[', '; ', ', p. ', '-@', '{', '}', '*', '_', '`', '\n\n', '# ', '| a |\n| - |\n', '<b>', '</b>', '<script>', '<img src=x>', '![', '](', ')', 'http://x', '--', '¶', 'é', '"', ':', '\n---\n', 'gleason2013', 'rose2014a', 'zz'];
const markdown = fc.array(fc.oneof(fc.constantFrom(...MARKDOWN_BITS), fc.string({ maxLength: 6 })), { maxLength: 40 }).map((parts) => parts.join(''));
const YAML_BITS = ['title: ', 'populations: ', 'topics: ', 'kind: ', 'weight: ', 'summary: ', '[', ']', ', ', '\n', '  ', '- ', 'all', 'els', 'barrier', 'technology-access', '"', "'", ':', '{', '}', '&a', '*a', '!!int ', '12', '-1.5', 'null', '~'];
const yaml = fc.array(fc.oneof(fc.constantFrom(...YAML_BITS), fc.string({ maxLength: 5 })), { maxLength: 40 }).map((parts) => parts.join(''));
const BIB_BITS = ['@book{', '@article{', '@string{', '@comment{', 'key,', 'author = {', 'title = {', 'year = ', '2014', '}', '{', ',', ' and ', '"', '\\"u', '\\', '#', '\n', '=', 'others', '--', '@'];
const bibtex = fc.array(fc.oneof(fc.constantFrom(...BIB_BITS), fc.string({ maxLength: 5 })), { maxLength: 50 }).map((parts) => parts.join(''));

let project: Project;
let templates: TemplateSet;
let stylesheet: Stylesheet;
const engines = new CitationEngines();

beforeAll(async () => {
  project = await loadProject({ root: path.join(FIXTURES, 'basic') });
  templates = await TemplateSet.load({ layers: new FileLayers({ project: PACKAGE_ROOT, builtIn: PACKAGE_ROOT }) });
  stylesheet = await loadStylesheet({ layers: new FileLayers({ project: PACKAGE_ROOT, builtIn: PACKAGE_ROOT }), theme: 'default' });
});

describe('random input', () => {
  it('front matter: a section or a BriefwrightError', () => {
    fc.assert(fc.property(yaml, markdown, (head, body) => onlyOwnErrors(() => parseSection(`---\n${head}\n---\n${body}`, 's.md', project.taxonomy))), { numRuns: 300 });
  });

  it('taxonomies and recipes: parsed or a BriefwrightError', () => {
    fc.assert(
      fc.property(yaml, (text) => {
        onlyOwnErrors(() => parseTaxonomy(text, 'taxonomy.yaml'));
        onlyOwnErrors(() => YamlFile.parse(text, 'r.yaml').validate(recipeSchema, 'recipe'));
      }),
      { numRuns: 300 },
    );
  });

  it('Markdown never throws; its problems are BriefwrightErrors', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const tree = markdownToTree({ markdown: text, file: 's.md', firstLine: 1, headingOffset: 3, firstCitation: 0, root: '/nonexistent' });
        for (const problem of tree.problems) expect(problem).toBeInstanceOf(BriefwrightError);
      }),
      { numRuns: 300 },
    );
  });

  it('BibTeX never throws; malformed entries become problems', () => {
    fc.assert(
      fc.property(bibtex, (text) => {
        const problems = new ProblemCollector();
        parseBibliography(text, 'refs.bib', problems);
        for (const problem of problems.problems) expect(problem.location?.file).toBe('refs.bib');
      }),
      { numRuns: 300 },
    );
  });

  it('composing briefs from random sections: HTML, or a BriefwrightError', () => {
    const style = resolveStyle('apa', { root: PACKAGE_ROOT });
    const request = resolveRequest({ fields: { populations: ['all'] }, taxonomy: project.taxonomy, today: '2026-01-01' });
    fc.assert(
      fc.property(fc.array(markdown, { minLength: 1, maxLength: 4 }), (bodies) =>
        onlyOwnErrors(() => {
          const sections = bodies.map((body, index) => ({ ...project.sections[index % project.sections.length]!, id: `s${index}`, body, source: body }));
          const { html } = composeBrief({
            request,
            sections,
            taxonomy: project.taxonomy,
            references: project.references.byId,
            items: project.references.items,
            style,
            engines,
            templates,
            stylesheet,
            trees: new SectionTrees(project.root),
          });
          expect(html).not.toMatch(/<script|onerror=|javascript:/i);
        }),
      ),
      { numRuns: 60 },
    );
  });
});
