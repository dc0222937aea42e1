import type { Root as HastRoot } from 'hast';
import type { Heading, Root as MdastRoot, Text } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as Schema } from 'rehype-sanitize';
import remarkRehype from 'remark-rehype';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import { EXIT, SKIP, visit } from 'unist-util-visit';
import { BriefwrightError, type SourceLocation } from '../errors.js';
import { findCitations, type CitationMatch } from '../citations/parse-citations.js';
import { findCrossReferences, referenceSlot } from './cross-references.js';
import { finishFigures, LABEL, markFigures, TABLE_CAPTION, type Target } from './figures.js';
import { collectFootnotes, extractNotes, NOTE_BODY } from './footnotes.js';
import { DECORATIVE, embedImages, missingAlt } from './images.js';

/** A citation found in a section, with where each of its keys was written. */
export interface LocatedCitation {
  match: CitationMatch;
  /** One location per item of `match.items`. */
  keyLocations: SourceLocation[];
}

/** A section body as an HTML tree; citations are empty `span.citation` placeholders. */
export interface SectionTree {
  tree: HastRoot;
  citations: LocatedCitation[];
  /** Images without alt text, remote or missing images. */
  problems: BriefwrightError[];
  /** Absolute paths of the images embedded (inputs of the brief, like the section itself). */
  images: string[];
  /** Each footnote's content, in the order the section first refers to them. */
  notes: HastRoot[];
  /** How many times the text refers to each note. */
  noteUses: number[];
  /** Figures, captioned tables and labelled headings, in order. */
  targets: Target[];
  /** Every cross-reference (`@fig-x`), with where it was written. */
  crossReferences: { label: string; location: SourceLocation }[];
}

/** The element that stands for citation number `index` until citations are formatted. */
export const CITATION_PLACEHOLDER = 'dataCitation';

/** The attribute of the empty element that stands for a number the brief fills in (a note, a figure, a cross-reference). */
export const SLOT = 'dataBwSlot';

/**
 * What raw HTML in a section may contain: GitHub's rules (no script, no event
 * handlers, no iframe or object, only http(s)/mailto links), plus figures, the
 * placeholders for citations, notes and numbers, and images as data URIs.
 */
const SCHEMA: Schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption'],
  attributes: {
    ...defaultSchema.attributes,
    span: [...(defaultSchema.attributes?.span ?? []), ['className', 'citation'], 'dataCitation', SLOT],
    sup: [SLOT],
    img: [...(defaultSchema.attributes?.img ?? []), 'alt', 'title', 'role'],
    figure: [LABEL],
    table: [...(defaultSchema.attributes?.table ?? []), LABEL],
    div: [...(defaultSchema.attributes?.div ?? []), NOTE_BODY, TABLE_CAPTION],
    ...Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => [tag, [...(defaultSchema.attributes?.[tag] ?? []), LABEL]])),
  },
  protocols: { ...defaultSchema.protocols, src: ['data', 'http', 'https'] },
};

const parser = unified().use(remarkParse).use(remarkGfm);
// Typographic quotes, dashes and ellipses, as Pandoc and Quarto print them.
const toHtmlTree = unified().use(remarkSmartypants, { dashes: 'oldschool' }).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeSanitize, SCHEMA);
// Most sections hold no raw HTML, and re-parsing their whole tree as HTML to find none is a third of their rendering.
const toHtmlTreeWithoutRaw = unified().use(remarkSmartypants, { dashes: 'oldschool' }).use(remarkRehype).use(rehypeSanitize, SCHEMA);

/** What a section's rendering is made from, besides the images it embeds. */
export interface MarkdownSource {
  markdown: string;
  file: string;
  /** Line of the file where `markdown` starts. */
  firstLine: number;
  headingOffset: number;
  firstCitation: number;
  /** The project folder, for images (relative to the section file). */
  root: string;
}

/**
 * Turns a section's Markdown into an HTML tree. Pandoc-style citations become
 * numbered placeholders (numbering continues from `firstCitation`), and the body's
 * own headings are moved below the section heading: the highest becomes level
 * `headingOffset + 1` and the others follow in order without skipping a level,
 * however the author numbered them (PDF/UA and screen readers need no gaps).
 * Raw HTML is kept only as far as it is safe (see SCHEMA); images are embedded.
 */
export function markdownToTree(options: MarkdownSource): SectionTree {
  const { markdown, file, firstLine } = options;
  const mdast = parser.parse(markdown) as MdastRoot;
  const lineStarts = indexLines(markdown);
  const locate = (offset: number): SourceLocation => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= offset) line += 1;
    return { file, line: firstLine + line, column: offset - lineStarts[line]! + 1 };
  };
  const citations: LocatedCitation[] = [];
  const crossReferences: SectionTree['crossReferences'] = [];
  const problems: BriefwrightError[] = [];
  const slot = (name: string, tag = 'span'): Text => ({ type: 'text', value: '', data: { hName: tag, hProperties: { [SLOT]: name } } }) as Text;
  const noteUses = collectFootnotes(mdast, { slot: (name) => slot(name, 'sup'), locate, source: markdown, problems });
  const targets = markFigures(mdast, { slot, locate, problems });

  const depths = new Map<number, number>();
  visit(mdast, 'heading', (node) => void depths.set(node.depth, 0));
  [...depths.keys()].sort((a, b) => a - b).forEach((depth, rank) => depths.set(depth, Math.min(6, options.headingOffset + 1 + rank)));

  visit(mdast, (node, index, parent) => {
    if (node.type === 'image' && !node.alt?.trim() && node.title !== DECORATIVE) {
      const start = node.position?.start;
      problems.push(new BriefwrightError(missingAlt(node.url), { location: { file, line: start && start.line + firstLine - 1, column: start?.column } }));
    }
    if (node.type === 'heading') {
      (node as Heading).depth = depths.get((node as Heading).depth) as Heading['depth'];
      return;
    }
    if (node.type === 'link' || node.type === 'linkReference' || node.type === 'inlineCode' || node.type === 'code') {
      return SKIP;
    }
    if (node.type !== 'text' || !parent || index === undefined || (node as Text).data?.hName) return;
    const text = node as Text;
    const citationMatches = findCitations(text.value).map((match) => ({ ...match, citation: match }));
    const matches = [
      ...citationMatches,
      ...findCrossReferences(text.value)
        .filter((reference) => !citationMatches.some((match) => reference.start < match.end && match.start < reference.end))
        .map((reference) => ({ ...reference, citation: undefined })),
    ].sort((a, b) => a.start - b.start);
    if (matches.length === 0) return;
    const start = text.position?.start.offset ?? 0;
    const source = markdown.slice(start, text.position?.end.offset ?? markdown.length);
    const replacement: MdastRoot['children'][number][] = [];
    let cursor = 0;
    let sourceCursor = 0;
    for (const match of matches) {
      const raw = text.value.slice(match.start, match.end);
      const found = source.indexOf(raw, sourceCursor);
      const base = found === -1 ? start : start + found;
      if (found !== -1) sourceCursor = found + raw.length;
      if (match.start > cursor) replacement.push({ type: 'text', value: text.value.slice(cursor, match.start) });
      cursor = match.end;
      if (!match.citation) {
        crossReferences.push({ label: (match as { label: string }).label, location: locate(base) });
        replacement.push(slot(referenceSlot(match as Parameters<typeof referenceSlot>[0])));
        continue;
      }
      const number = options.firstCitation + citations.length;
      citations.push({
        match: match.citation,
        keyLocations: match.citation.items.map((item) => locate(found === -1 ? base : base + item.offset - match.start)),
      });
      replacement.push({
        type: 'text',
        value: '',
        data: { hName: 'span', hProperties: { className: ['citation'], [CITATION_PLACEHOLDER]: String(number) } },
      } as Text);
    }
    if (cursor < text.value.length) replacement.push({ type: 'text', value: text.value.slice(cursor) });
    parent.children.splice(index, 1, ...(replacement as typeof parent.children));
    return [SKIP, index + replacement.length];
  });

  let raw = false;
  visit(mdast, 'html', () => {
    raw = true;
    return EXIT;
  });
  const tree = (raw ? toHtmlTree : toHtmlTreeWithoutRaw).runSync(mdast, markdown) as HastRoot;
  finishFigures(tree);
  const { problems: imageProblems, files: images } = embedImages(tree, { root: options.root, file, firstLine });
  const notes = extractNotes(tree);
  // One problem per image: a Markdown image without alt was reported above.
  problems.push(...imageProblems.filter((problem) => !problems.some((p) => p.location?.line === problem.location?.line && p.message === problem.message)));
  return { tree, citations, problems, images, notes, noteUses, targets, crossReferences };
}

function indexLines(text: string): number[] {
  const starts = [0];
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) === 10) starts.push(index + 1);
  return starts;
}
