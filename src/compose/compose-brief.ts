import type { Element, Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { BriefwrightError, ProblemCollector } from '../errors.js';
import { referenceAnchor, type CitationEngines } from '../citations/citation-engines.js';
import type { CslItem, Reference } from '../citations/reference.js';
import type { CslStyle } from '../citations/styles.js';
import type { BriefRequest } from '../project/brief-request.js';
import { VERSION } from '../project/package-root.js';
import { didYouMean } from '../project/suggest.js';
import type { Taxonomy } from '../project/taxonomy.js';
import { KINDS, type Kind, type Section } from '../sections/section.js';
import { CITATION_PLACEHOLDER, type LocatedCitation } from './markdown.js';
import type { SectionTrees } from './section-trees.js';
import type { Stylesheet } from './stylesheets.js';
import type { TemplateSet } from './templates.js';

/** Group headings of a brief, by section kind. */
export const KIND_HEADINGS: Record<Kind, string> = {
  background: 'Background',
  barrier: 'Barriers',
  evidence: 'Evidence',
  practice: 'Practices',
  recommendation: 'Recommendations',
};

/** A composed brief: the finished HTML and what it cites. */
export interface ComposedBrief {
  html: string;
  /** Keys of every work in the reference list, in list order. */
  cited: string[];
  /** The layout's declared page budget, if any. */
  pageLimit?: number;
}

/** Everything compose needs for one brief. */
export interface ComposeOptions {
  request: BriefRequest;
  sections: readonly Section[];
  taxonomy: Taxonomy;
  references: ReadonlyMap<string, Reference>;
  /** The same works as CSL items (one map per project, so rendered citations are reused). */
  items: ReadonlyMap<string, CslItem>;
  style: CslStyle;
  engines: CitationEngines;
  templates: TemplateSet;
  stylesheet: Stylesheet;
  /** PDF page of each element id, from a first printing (for tables of contents). */
  pages?: ReadonlyMap<string, number>;
  /** Parsed sections shared by the briefs of a run. */
  trees: SectionTrees;
}

/**
 * Composes one brief: each section's Markdown becomes HTML, its citations are
 * formatted together (so disambiguation is the same in text and list), and the
 * layout is filled.
 */
export function composeBrief(options: ComposeOptions): ComposedBrief {
  const { request, references } = options;
  const trees = options.sections.map((section) => options.trees.copy(section));
  const citations = trees.flatMap((tree) => tree.citations);
  checkKeys(citations, references, request, trees.flatMap((tree) => tree.problems));

  const formatted = options.engines.format({
    style: options.style,
    locale: request.locale,
    items: options.items,
    citations: citations.map((citation) => citation.match),
    nocite: request.nocite,
  });
  const titles = new Map(formatted.bibliography.map((entry) => [entry.id, plainText(entry.html)]));
  const firstCitation = new Map<string, string>();
  let offset = 0;
  const sections = options.sections.map((section, index) => {
    const { tree, citations: own } = trees[index]!;
    fillCitations(tree, offset, formatted.citations, titles, firstCitation);
    offset += own.length;
    return { ...describe(section), html: toHtml(tree), page: options.pages?.get(`section-${section.id}`) };
  });
  const { brand } = options.stylesheet;
  const organization = request.organization || brand.organization || '';

  const context = {
    brief: {
      ...request,
      organization,
      recipe: undefined,
      populationLabels: request.populations.map((id) => options.taxonomy.label('population', id)),
      topicLabels: request.topics.map((id) => options.taxonomy.label('topic', id)),
    },
    sections,
    groups: KINDS.map((kind) => ({
      kind,
      heading: KIND_HEADINGS[kind],
      sections: sections.filter((section) => section.kind === kind),
      page: options.pages?.get(`kind-${kind}`),
    })).filter((group) => group.sections.length > 0),
    takeaways: sections.filter((section) => section.summary).map((section) => ({ id: section.id, text: section.summary })),
    references: formatted.bibliography.map((entry) => ({
      id: entry.id,
      anchor: referenceAnchor(entry.id),
      html: entry.html,
      backlink: firstCitation.get(entry.id),
      annotation: stringField(references.get(entry.id)?.item.annote),
    })),
    referencesPage: options.pages?.get('references'),
    hangingIndent: formatted.hangingIndent,
    css: options.stylesheet.css,
    theme: {
      name: request.theme,
      organization,
      footer: brand.footer ?? '',
      logo: options.stylesheet.logo,
      logoAlt: brand.logoAlt ?? (organization || 'Logo'),
    },
    generator: `briefwright ${VERSION}`,
  };
  const html = options.templates.render(request.template, context);
  return {
    html,
    cited: formatted.bibliography.map((entry) => entry.id),
    pageLimit: options.templates.settings(request.template).pages,
  };
}

function checkKeys(citations: LocatedCitation[], references: ReadonlyMap<string, Reference>, request: BriefRequest, earlier: BriefwrightError[]) {
  const problems = new ProblemCollector();
  earlier.forEach((problem) => problems.add(problem));
  for (const { match, keyLocations } of citations) {
    match.items.forEach((item, index) => {
      if (!references.has(item.key)) {
        problems.add(
          new BriefwrightError(`unknown citation key '${item.key}'${didYouMean(item.key, references.keys())}`, {
            location: keyLocations[index],
          }),
        );
      }
    });
  }
  const nocite = request.nocite === '*' ? [] : request.nocite;
  for (const key of nocite) {
    if (!references.has(key)) {
      problems.add(
        new BriefwrightError(`unknown citation key '${key}' in nocite${didYouMean(key, references.keys())}`, {
          location: request.recipe ? { file: request.recipe.file } : undefined,
        }),
      );
    }
  }
  problems.throwIfAny();
}

/** Replaces citation placeholders with formatted citations; links carry the entry as a tooltip. */
function fillCitations(tree: HastRoot, offset: number, citations: string[], titles: Map<string, string>, first: Map<string, string>) {
  const anchors = new Map([...titles.keys()].map((id) => [referenceAnchor(id), id]));
  visit(tree, 'element', (node: Element) => {
    const local = node.properties?.[CITATION_PLACEHOLDER];
    if (local === undefined) return;
    delete node.properties[CITATION_PLACEHOLDER];
    const number = offset + Number(local);
    const fragment = fromHtml(citations[number] ?? '', { fragment: true });
    node.properties.id = `cite-${number}`;
    node.children = fragment.children as Element['children'];
    visit(node, 'element', (link: Element) => {
      const href = link.tagName === 'a' ? String(link.properties?.href ?? '') : '';
      const key = href.startsWith('#') ? anchors.get(href.slice(1)) : undefined;
      if (!key) return;
      link.properties.title = titles.get(key);
      if (!first.has(key)) first.set(key, `cite-${number}`);
    });
  });
}

function describe(section: Section) {
  const { body: _body, source: _source, extra, ...rest } = section;
  return { ...extra, ...rest };
}

function plainText(html: string): string {
  return toString(fromHtml(html, { fragment: true })).replace(/\s+/g, ' ').trim();
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
