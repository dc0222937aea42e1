import type { Element, ElementContent, Properties } from 'hast';
import { ExternalHyperlink, FootnoteReferenceRun, ImageRun, InternalHyperlink, TextRun, type IRunOptions, type ParagraphChild } from 'docx';
import { STYLE } from './word-styles.js';
import type { WordParts } from './word-parts.js';

/** Formatting that inline elements pass on to the text inside them. */
export type RunFormat = Pick<IRunOptions, 'bold' | 'italics' | 'strike' | 'superScript' | 'subScript' | 'style' | 'font' | 'highlight' | 'underline' | 'size'>;

/** What inline content needs besides the document's parts: where footnote references go. */
export interface InlineContext {
  parts: WordParts;
  /** The number of the footnote an `href` of a footnote reference points at, if there is such a note. */
  footnote(target: string): number | undefined;
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
  // A footnote mark is a superscript link; Word draws its own mark.
  if (tagName === 'sup' && element.children.some((child) => child.type === 'element' && isFootnoteReference(child.properties))) {
    return inlineRuns(element.children, context, format);
  }
  return inlineRuns(element.children, context, { ...format, ...FORMATS[tagName] });
}

function linkRuns(element: Element, context: InlineContext, format: RunFormat): ParagraphChild[] {
  const href = typeof element.properties.href === 'string' ? element.properties.href : '';
  if (isFootnoteBackReference(element.properties)) return [];
  if (href.startsWith('#')) {
    const target = decodeURIComponent(href.slice(1));
    if (isFootnoteReference(element.properties)) {
      const note = context.footnote(target);
      return note === undefined ? inlineRuns(element.children, context, { ...format, superScript: true }) : [new FootnoteReferenceRun(note)];
    }
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

function isFootnoteReference(properties: Properties): boolean {
  return properties.dataFootnoteRef !== undefined && properties.dataFootnoteRef !== null && properties.dataFootnoteRef !== false;
}

function isFootnoteBackReference(properties: Properties): boolean {
  const className = properties.className;
  return (
    (properties.dataFootnoteBackref !== undefined && properties.dataFootnoteBackref !== null && properties.dataFootnoteBackref !== false) ||
    (Array.isArray(className) && className.includes('data-footnote-backref'))
  );
}
