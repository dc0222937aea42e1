import type { Element, ElementContent } from 'hast';
import { ExternalHyperlink, ImageRun, InternalHyperlink, TextRun, type IRunOptions, type ParagraphChild } from 'docx';
import { STYLE } from './word-styles.js';
import type { WordParts } from './word-parts.js';

/** Formatting that inline elements pass on to the text inside them. */
export type RunFormat = Pick<IRunOptions, 'bold' | 'italics' | 'strike' | 'superScript' | 'subScript' | 'style' | 'font' | 'highlight' | 'underline' | 'size'>;

/** What inline content needs besides the document's parts: the brief's ids and notes. */
export interface InlineContext {
  parts: WordParts;
  /** Ids of the brief's notes: a link to one is a footnote reference. */
  notes: ReadonlySet<string>;
  /** The runs that refer to a note here (Word's footnote mark). */
  footnote(noteId: string): ParagraphChild[];
  /** HTML ids present in the brief: links to others are kept as plain text. */
  ids: ReadonlySet<string>;
}

const FORMATS: Record<string, RunFormat> = {
  strong: { bold: true },
  b: { bold: true },
  em: { italics: true },
  i: { italics: true },
  cite: { italics: true },
  dfn: { italics: true },
  var: { italics: true },
  u: { underline: { type: 'single' } },
  ins: { underline: { type: 'single' } },
  s: { strike: true },
  del: { strike: true },
  strike: { strike: true },
  sup: { superScript: true },
  sub: { subScript: true },
  code: { font: 'Consolas' },
  kbd: { font: 'Consolas' },
  samp: { font: 'Consolas' },
  mark: { highlight: 'yellow' },
};

/**
 * Inline HTML as Word runs: text with its emphasis, links (to a bookmark inside
 * the document, or live web links), footnote reference marks, images and line
 * breaks. An element Word has no equivalent for keeps its text.
 */
export function inlineRuns(nodes: readonly ElementContent[], context: InlineContext, format: RunFormat = {}): ParagraphChild[] {
  const runs: ParagraphChild[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.value !== '') runs.push(new TextRun({ ...format, text: node.value }));
    } else if (node.type === 'element') {
      runs.push(...elementRuns(node, context, format));
    }
  }
  return runs;
}

function elementRuns(element: Element, context: InlineContext, format: RunFormat): ParagraphChild[] {
  const { tagName } = element;
  if (tagName === 'br') return [new TextRun({ ...format, break: 1 })];
  if (tagName === 'img') return imageRuns(element, context);
  if (tagName === 'a') return linkRuns(element, context, format);
  if (tagName === 'q') return [new TextRun({ ...format, text: '“' }), ...inlineRuns(element.children, context, format), new TextRun({ ...format, text: '”' })];
  if (tagName === 'script' || tagName === 'style' || tagName === 'template') return [];
  // "Figure 2." before a caption's text, bold as on the page.
  if (Array.isArray(element.properties.className) && element.properties.className.includes('caption-label')) {
    return inlineRuns(element.children, context, { ...format, bold: true });
  }
  // A note's number is a superscript link; Word draws its own mark.
  if (tagName === 'sup' && element.children.some((child) => child.type === 'element' && context.notes.has(linkTarget(child) ?? ''))) {
    return inlineRuns(element.children, context, format);
  }
  return inlineRuns(element.children, context, { ...format, ...FORMATS[tagName] });
}

function linkRuns(element: Element, context: InlineContext, format: RunFormat): ParagraphChild[] {
  const href = typeof element.properties.href === 'string' ? element.properties.href : '';
  const target = linkTarget(element);
  if (target !== undefined) {
    if (context.notes.has(target)) return context.footnote(target);
    // A link to an id the brief lacks keeps its text.
    if (!context.ids.has(target)) return inlineRuns(element.children, context, format);
    const runs = inlineRuns(element.children, context, { ...format, style: STYLE.hyperlink });
    return [new InternalHyperlink({ anchor: context.parts.bookmarkName(target), children: runs })];
  }
  if (/^(https?:|mailto:)/i.test(href)) {
    return [new ExternalHyperlink({ link: href, children: inlineRuns(element.children, context, { ...format, style: STYLE.hyperlink }) })];
  }
  return inlineRuns(element.children, context, format);
}

function imageRuns(element: Element, context: InlineContext): ParagraphChild[] {
  const { parts } = context;
  const source = typeof element.properties.src === 'string' ? element.properties.src : '';
  const alt = typeof element.properties.alt === 'string' ? element.properties.alt.trim() : '';
  const decorative = alt === '' || element.properties.role === 'presentation';
  const image = parts.images.get(source);
  if ('problem' in image) {
    parts.warn(`an image is left out of the Word file: ${image.problem}`);
    return decorative ? [] : [new TextRun({ text: `[${alt}]` })];
  }
  const scale = Math.min(1, parts.textWidth / image.width);
  const transformation = { width: Math.round(image.width * scale), height: Math.round(image.height * scale) };
  const id = parts.nextDrawing();
  const altText = { id: String(id), name: `Image ${id}`, description: decorative ? '' : alt };
  const options = image.type === 'svg' ? { type: 'svg' as const, data: image.data, fallback: { type: 'png' as const, data: image.fallback } } : { type: image.type, data: image.data };
  return [new ImageRun({ ...options, transformation, altText, decorative })];
}

/** The id an in-document link points at. */
function linkTarget(element: Element): string | undefined {
  const href = element.properties.href;
  return element.tagName === 'a' && typeof href === 'string' && href.startsWith('#') ? decodeURIComponent(href.slice(1)) : undefined;
}
