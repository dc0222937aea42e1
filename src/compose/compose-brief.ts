import { BriefwrightError, ProblemCollector } from '../errors.js';
import { referenceAnchor, type CitationEngines } from '../citations/citation-engines.js';
import { unknownKeys } from '../citations/unknown-keys.js';
import type { CslItem, Reference } from '../citations/reference.js';
import type { CslStyle } from '../citations/styles.js';
import type { BriefRequest } from '../project/brief-request.js';
import { VERSION } from '../project/package-root.js';
import { didYouMean } from '../project/suggest.js';
import type { Taxonomy } from '../project/taxonomy.js';
import { KINDS, type Kind, type Section } from '../sections/section.js';
import type { LocatedCitation } from './markdown.js';
import { PLACEHOLDER_PATTERN, type SectionTrees } from './section-trees.js';
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
  const rendered = options.sections.map((section) => options.trees.get(section));
  const citations = rendered.flatMap((section) => section.citations);
  checkKeys(citations, references, request, rendered.flatMap((section) => section.problems));

  const formatted = options.engines.format({
    style: options.style,
    locale: request.locale,
    items: options.items,
    citations: citations.map((citation) => citation.match),
    nocite: request.nocite,
  });
  const titles = new Map(formatted.bibliography.map((entry) => [referenceAnchor(entry.id), { id: entry.id, text: entry.text }]));
  const firstCitation = new Map<string, string>();
  let offset = 0;
  const sections = options.sections.map((section, index) => {
    const { html, citations: own } = rendered[index]!;
    const filled = fillCitations(html, offset, formatted.citations, titles, firstCitation);
    offset += own.length;
    return { ...describe(section), html: filled, page: options.pages?.get(`section-${section.id}`) };
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
  [...earlier, ...unknownKeys(citations, references)].forEach((problem) => problems.add(problem));
  const nocite = request.nocite === '*' ? [] : request.nocite;
  for (const [index, key] of nocite.entries()) {
    if (!references.has(key)) {
      problems.add(
        new BriefwrightError(`unknown citation key '${key}' in nocite${didYouMean(key, references.keys())}`, {
          location: request.where('nocite', index) ?? (request.recipe ? { file: request.recipe.file } : undefined),
        }),
      );
    }
  }
  problems.throwIfAny();
}

/**
 * Puts each formatted citation in its placeholder. Every link to a reference
 * entry gets the entry as a tooltip, and the first citation of each work is
 * remembered for the entry's link back.
 */
function fillCitations(
  html: string,
  offset: number,
  citations: string[],
  titles: Map<string, { id: string; text: string }>,
  first: Map<string, string>,
): string {
  return html.replace(PLACEHOLDER_PATTERN, (_, local: string) => {
    const id = `cite-${offset + Number(local)}`;
    // The links are citeproc's output through our citation wrapper: <a href="#ref-…">.
    const linked = (citations[offset + Number(local)] ?? '').replace(/<a href="#([^"]+)">/g, (whole, anchor: string) => {
      const entry = titles.get(anchor);
      if (!entry) return whole;
      if (!first.has(entry.id)) first.set(entry.id, id);
      return `<a href="#${anchor}" title="${escapeAttribute(entry.text)}">`;
    });
    return `<span class="citation" id="${id}">${linked}</span>`;
  });
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function describe(section: Section) {
  const { body: _body, source: _source, extra, ...rest } = section;
  return { ...extra, ...rest };
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
