import { BriefwrightError, ProblemCollector } from '../errors.js';
import { referenceAnchor, type CitationEngines, type CitationRequest, type FormattedCitations } from '../citations/citation-engines.js';
import { unknownKeys } from '../citations/unknown-keys.js';
import type { CslItem, Reference } from '../citations/reference.js';
import type { CslStyle } from '../citations/styles.js';
import type { BriefRequest } from '../project/brief-request.js';
import { VERSION } from '../project/package-root.js';
import { languageWord, sameLanguage } from '../project/language-tags.js';
import { didYouMean } from '../project/suggest.js';
import type { Taxonomy } from '../project/taxonomy.js';
import { KINDS, type Kind, type Section } from '../sections/section.js';
import { numberBrief } from './brief-numbering.js';
import type { BriefModel } from './brief-model.js';
import { briefTerms } from './brief-terms.js';
import { brandTextIn } from './theme.js';
import type { LocatedCitation } from './markdown.js';
import { pageSetup } from './page-setup.js';
import { PLACEHOLDER_PATTERN, type SectionTrees } from './section-trees.js';
import type { Stylesheet } from './stylesheets.js';
import type { TemplateSet } from './templates.js';
import { breakLinkText } from './url-breaks.js';

/** The label of a kind's group heading: `kindBackground`, `kindBarrier`, ... */
export function kindLabel(kind: Kind): string {
  return `kind${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}

/** A composed brief: the finished HTML and what it cites. */
export interface ComposedBrief {
  html: string;
  /** Keys of every work in the reference list, in list order. */
  cited: string[];
  /** The layout's declared page budget, if any. */
  pageLimit?: number;
  /** Whether it has a table of contents that wants the PDF's page numbers. */
  toc: boolean;
  /** Whether it was composed as a one-page brief (no page number in the foot). */
  singlePage: boolean;
  /** What the layout was filled with, for formats made from the same brief (Word). */
  model: BriefModel;
  /** What the reader should know but does not stop the brief (an untranslated section used as it is). */
  warnings: string[];
}

/** Everything compose needs for one brief. */
export interface ComposeOptions {
  request: BriefRequest;
  sections: readonly Section[];
  taxonomy: Taxonomy;
  references: ReadonlyMap<string, Reference>;
  /** Keys of bibliography entries that could not be read, with the problem of each. */
  unreadable?: ReadonlyMap<string, BriefwrightError>;
  /** The same works as CSL items (one map per project, so rendered citations are reused). */
  items: ReadonlyMap<string, CslItem>;
  style: CslStyle;
  engines: CitationEngines;
  /** The brief's citations formatted already (from briefCitations()); else the engines format them. */
  formatted?: FormattedCitations;
  templates: TemplateSet;
  stylesheet: Stylesheet;
  /** PDF page of each element id, from a first printing (for tables of contents). */
  pages?: ReadonlyMap<string, number>;
  /** How many pages a first printing had (a brief of one page prints no page number). */
  pageCount?: number;
  /** Parsed sections shared by the briefs of a run. */
  trees: SectionTrees;
}

/** What a brief asks the citation engines to format: every citation of its sections, in order. */
export function briefCitations(options: Pick<ComposeOptions, 'request' | 'sections' | 'items' | 'style' | 'trees'>): CitationRequest {
  return {
    style: options.style,
    locale: options.request.locale,
    items: options.items,
    citations: options.sections.flatMap((section) => options.trees.get(section).citations.map((citation) => citation.match)),
    nocite: options.request.nocite,
  };
}

/**
 * Composes one brief: each section's Markdown becomes HTML, its citations are
 * formatted together (so disambiguation is the same in text and list), and the
 * layout is filled.
 */
export function composeBrief(options: ComposeOptions): ComposedBrief {
  const { request, references } = options;
  const labels = options.templates.labels(request.lang);
  options.templates.checkLabels(request.template, labels);
  const terms = briefTerms({ request, taxonomy: options.taxonomy });
  const rendered = options.sections.map((section) => options.trees.get(section));
  const citations = rendered.flatMap((section) => section.citations);
  checkKeys(citations, options, request, rendered.flatMap((section) => section.problems));

  const formatted = options.formatted ?? options.engines.format(briefCitations(options));
  const titles = new Map(formatted.bibliography.map((entry) => [referenceAnchor(entry.id), { id: entry.id, text: entry.text }]));
  const firstCitation = new Map<string, string>();
  const numbering = numberBrief(
    options.sections.map((section, index) => ({ id: section.id, title: section.title, file: section.file, rendered: rendered[index]! })),
    labels,
  );
  const offsets: number[] = [];
  let offset = 0;
  const sections = options.sections.map((section, index) => {
    const { html, citations: own } = rendered[index]!;
    offsets.push(offset);
    const filled = numbering.fill(index, fillCitations(html, offset, formatted.citations, titles, firstCitation));
    offset += own.length;
    return { ...describe(section, request.lang), html: filled, page: options.pages?.get(`section-${section.id}`) };
  });
  // Notes print after every section, so their citations come after the text's in the first-citation links.
  const notes = numbering.notes.map((note) => ({ ...note, html: fillCitations(note.html, offsets[note.section]!, formatted.citations, titles, firstCitation) }));
  const { brand } = options.stylesheet;
  const organization = request.organization || brandTextIn(brand.organization, request.lang) || '';
  const settings = options.templates.settings(request.template);
  const toc = request.toc ?? settings.toc;
  const page = { ...pageSetup({ paper: request.paper, themePaper: brand.paper, pageCount: options.pageCount, pageLimit: settings.pages, labels }), margins: brand.margins };

  const context = {
    brief: {
      ...request,
      organization,
      recipe: undefined,
      populationLabels: terms.populations.map((term) => term.text),
      topicLabels: terms.topics.map((term) => term.text),
      /** Each term's label and, for one not in the brief's language, its language (`lang` on its element). */
      populationTerms: terms.populations,
      topicTerms: terms.topics,
    },
    sections,
    notes,
    labels: labels.strings(),
    labelText: (name: string, fields?: Record<string, string | number>) => labels.text(name, fields),
    toc,
    page,
    groups: KINDS.map((kind) => ({
      kind,
      heading: labels.text(kindLabel(kind)),
      sections: sections.filter((section) => section.kind === kind),
      page: options.pages?.get(`kind-${kind}`),
    })).filter((group) => group.sections.length > 0),
    takeaways: sections.filter((section) => section.summary).map((section) => ({ id: section.id, text: section.summary, lang: section.fallback ? section.lang : undefined })),
    references: formatted.bibliography.map((entry) => ({
      id: entry.id,
      anchor: referenceAnchor(entry.id),
      html: breakLinkText(entry.html),
      backlink: firstCitation.get(entry.id),
      annotation: stringField(references.get(entry.id)?.item.annote),
    })),
    referencesPage: options.pages?.get('references'),
    notesPage: options.pages?.get('notes-heading'),
    hangingIndent: formatted.hangingIndent,
    css: options.stylesheet.css,
    theme: {
      name: request.theme,
      organization,
      footer: brandTextIn(brand.footer, request.lang) ?? '',
      logo: options.stylesheet.logo,
      logoAlt: brandTextIn(brand.logoAlt, request.lang) ?? (organization || labels.text('logo')),
      palette: brand.palette,
      fonts: brand.fonts,
    },
    generator: `briefwright ${VERSION}`,
  };
  const html = options.templates.render(request.template, context, labels);
  const warnings = [...terms.warnings, ...fallbackWarnings(options.sections, request)];
  return {
    html,
    cited: formatted.bibliography.map((entry) => entry.id),
    pageLimit: settings.pages,
    toc,
    singlePage: page.singlePage,
    model: context,
    warnings,
  };
}

function checkKeys(
  citations: LocatedCitation[],
  { references, unreadable }: Pick<ComposeOptions, 'references' | 'unreadable'>,
  request: BriefRequest,
  earlier: BriefwrightError[],
) {
  const problems = new ProblemCollector();
  [...earlier, ...unknownKeys(citations, references, unreadable)].forEach((problem) => problems.add(problem));
  const nocite = request.nocite === '*' ? [] : request.nocite;
  for (const [index, key] of nocite.entries()) {
    const where = request.where('nocite', index) ?? (request.recipe ? { file: request.recipe.file } : undefined);
    const unread = unreadable?.get(key);
    if (unread && !problems.problems.includes(unread)) {
      problems.add(unread);
      problems.add(new BriefwrightError(`citation key '${key}' in nocite not read, see above`, { location: where }));
    } else if (!references.has(key) && !unread) {
      problems.add(
        new BriefwrightError(`unknown citation key '${key}' in nocite${didYouMean(key, references.keys())}`, {
          location: where,
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

/** A section for templates; `fallback` marks one that is not in the brief's language (it gets `lang` on its element). */
function describe(section: Section, lang: string) {
  const { body: _body, source: _source, extra, translations: _translations, ...rest } = section;
  return { ...extra, ...rest, fallback: !sameLanguage(section.lang, lang) };
}

function fallbackWarnings(sections: readonly Section[], request: BriefRequest): string[] {
  const untranslated = sections.filter((section) => !sameLanguage(section.lang, request.lang));
  if (untranslated.length === 0) return [];
  return [
    `${untranslated.length === 1 ? 'a section has' : `${untranslated.length} sections have`} no ${languageWord(request.lang)} translation and ${untranslated.length === 1 ? 'is' : 'are'} printed in ${languageWord(untranslated[0]!.lang)} (fallback: ${request.fallback}): ${untranslated.map((section) => section.file).join(', ')}`,
  ];
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
