import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { AlignmentType, Paragraph, Table, type ParagraphChild } from 'docx';
import { collapseWhiteSpace } from './html-white-space.js';
import { inlineRuns, type InlineContext } from './html-runs.js';
import { wordTable } from './word-table.js';
import { LISTS, STYLE } from './word-styles.js';

/** A paragraph or table of the document body. */
export type Block = Paragraph | Table;

/** Where a run of blocks sits: the paragraph style it takes and how deep in lists it is. */
export interface BlockContext extends InlineContext {
  /** The style of plain paragraphs here (Normal; Quote in a block quote; Table Text in a cell). */
  style: string;
  /** List nesting (0 outside lists). */
  listLevel: number;
  /** Left indent of plain paragraphs, in twips (to line up with the text of a list item). */
  indent?: number;
  /** Keep plain paragraphs on the page of the one after them (an image above its caption). */
  keepNext?: boolean;
  /** Alignment of plain paragraphs (a table cell's). */
  align?: 'right' | 'center';
  /** Bold text throughout (a header cell). */
  bold?: boolean;
  /** Space above and below plain paragraphs, in twips, where it differs from their style's. */
  spacing?: { before?: number; after?: number };
  /** Space above the next paragraph only, in twips (the first after a table); taken by the paragraph that uses it. */
  lead?: { before: number; taken?: boolean };
}

/** Space between a table and what follows it (Word adds none after a table). */
const AFTER_TABLE = 200;

const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul',
]);
const CONTAINERS = new Set(['address', 'article', 'aside', 'details', 'div', 'footer', 'header', 'main', 'nav', 'section', 'summary']);

/** Parses a fragment of the brief's HTML (a section body), cleaning its white space as a browser would. */
export function parseFragment(html: string): Root {
  const tree = fromHtml(html, { fragment: true });
  collapseWhiteSpace(tree.children, (tagName) => BLOCKS.has(tagName));
  return tree;
}

/**
 * HTML blocks as Word paragraphs and tables: headings one level up (the brief's
 * h2 is Word's Heading 1), lists with Word numbering, block quotes in the Quote
 * style, tables with header rows, figures with their captions. An element Word
 * has no equivalent for keeps its text.
 */
export function htmlBlocks(nodes: readonly (RootContent | ElementContent)[], context: BlockContext): Block[] {
  const blocks: Block[] = [];
  let inline: ElementContent[] = [];
  // The block after a table is set off from it.
  const here = () => (blocks.at(-1) instanceof Table ? { ...context, lead: { before: AFTER_TABLE } } : context);
  const flush = () => {
    if (inline.some((node) => node.type === 'element' || (node.type === 'text' && node.value.trim() !== ''))) {
      blocks.push(paragraph(inline, here(), context.style));
    }
    inline = [];
  };
  for (const node of nodes) {
    if (node.type === 'element' && (BLOCKS.has(node.tagName) || hasBlocks(node))) {
      flush();
      blocks.push(...elementBlocks(node, here()));
    } else if (node.type === 'element' || node.type === 'text') {
      inline.push(node);
    }
  }
  flush();
  return blocks;
}

function elementBlocks(element: Element, context: BlockContext): Block[] {
  const { tagName } = element;
  const heading = /^h([1-6])$/.exec(tagName);
  if (heading) return [paragraph(element.children, context, STYLE.heading(Number(heading[1]) - 1), element)];
  switch (tagName) {
    case 'p':
      return [paragraph(element.children, context, context.style, element)];
    case 'ul':
    case 'ol':
      return listBlocks(element, context);
    case 'blockquote':
      return htmlBlocks(element.children, { ...context, style: STYLE.quote });
    case 'pre':
      return toString(element)
        .replace(/\n$/, '')
        .split('\n')
        .map((line) => new Paragraph({ style: STYLE.code, children: inlineRuns([{ type: 'text', value: line }], context) }));
    case 'hr':
      return [new Paragraph({ thematicBreak: true, children: [] })];
    case 'table':
      return wordTable(element, context, htmlBlocks);
    case 'figure':
      return figureBlocks(element, context);
    case 'figcaption':
      return [paragraph(element.children, context, STYLE.caption, element)];
    case 'dl':
      return element.children.flatMap((child) =>
        child.type !== 'element' ? [] : child.tagName === 'dt' ? [paragraph(child.children, context, context.style, child, true)] : htmlBlocks(child.children, context),
      );
    case 'li':
      return htmlBlocks(element.children, context);
    default:
      if (CONTAINERS.has(tagName) || hasBlocks(element)) return htmlBlocks(element.children, context);
      return [paragraph([element], context, context.style)];
  }
}

/** One paragraph of inline content, bookmarked when its element's id is a link target. */
export function paragraph(nodes: readonly ElementContent[], context: BlockContext, style: string, element?: Element, bold = false): Paragraph {
  let children: ParagraphChild[] = inlineRuns(nodes, context, bold || context.bold ? { bold: true } : {});
  const id = element && typeof element.properties.id === 'string' ? element.properties.id : undefined;
  if (id && context.parts.targets.has(id)) children = context.parts.bookmark(id, children);
  const plain = !style.startsWith('Heading');
  const before = takeLead(context);
  return new Paragraph({
    style,
    children,
    ...(plain ? { alignment: alignmentOf(element) ?? ALIGNMENTS[context.align ?? ''], keepNext: context.keepNext, spacing: before === undefined ? context.spacing : { ...context.spacing, before } } : {}),
    ...(plain && context.indent ? { indent: { left: context.indent } } : {}),
  });
}

/** The space the first paragraph after a table takes, once. */
function takeLead(context: BlockContext): number | undefined {
  if (!context.lead || context.lead.taken) return undefined;
  context.lead.taken = true;
  return context.lead.before;
}

function listBlocks(list: Element, context: BlockContext): Block[] {
  const reference = list.tagName === 'ol' ? LISTS.numbers : LISTS.bullets;
  const instance = context.parts.nextList();
  const level = Math.min(8, context.listLevel);
  const inner: BlockContext = { ...context, listLevel: context.listLevel + 1, style: STYLE.list };
  const blocks: Block[] = [];
  for (const item of list.children) {
    if (item.type !== 'element' || item.tagName !== 'li') continue;
    // The item's own text is its numbered paragraph; its first <p> is, in a loose list.
    const children = [...item.children];
    const firstBlock = children.findIndex((child) => child.type === 'element' && (BLOCKS.has(child.tagName) || hasBlocks(child)));
    let lead = firstBlock === -1 ? children : children.slice(0, firstBlock);
    let rest = firstBlock === -1 ? [] : children.slice(firstBlock);
    const first = rest[0];
    if (!lead.some((node) => node.type === 'element' || node.value.trim() !== '') && first?.type === 'element' && first.tagName === 'p') {
      lead = first.children;
      rest = rest.slice(1);
    }
    const before = takeLead(context);
    blocks.push(
      new Paragraph({ style: STYLE.list, numbering: { reference, level, instance }, ...(before === undefined ? {} : { spacing: { before } }), children: inlineRuns(lead, context) }),
    );
    for (const block of rest) {
      if (block.type !== 'element') continue;
      if (block.tagName === 'ul' || block.tagName === 'ol') blocks.push(...listBlocks(block, inner));
      else blocks.push(...htmlBlocks([block], { ...inner, indent: 360 * (level + 1) }));
    }
  }
  return blocks;
}

function figureBlocks(figure: Element, context: BlockContext): Block[] {
  const caption = figure.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption');
  const content = figure.children.filter((child) => child !== caption);
  const blocks = htmlBlocks(content, { ...context, keepNext: caption !== undefined });
  if (caption) {
    const id = typeof figure.properties.id === 'string' ? figure.properties.id : undefined;
    blocks.push(paragraph(caption.children, context, STYLE.caption, id ? { ...caption, properties: { ...caption.properties, id } } : caption));
  }
  return blocks;
}

const ALIGNMENTS: Record<string, (typeof AlignmentType)[keyof typeof AlignmentType] | undefined> = { right: AlignmentType.RIGHT, center: AlignmentType.CENTER };

/**
 * How an element asks to be aligned: an `align-right` or `align-center` class
 * (Markdown tables' columns), else the `align` attribute or a `text-align`
 * style of HTML written by hand.
 */
export function alignOf(element: Element | undefined): 'right' | 'center' | undefined {
  const classes = Array.isArray(element?.properties.className) ? element.properties.className.map(String) : [];
  const align =
    classes.find((name) => /^align-\w+$/.test(name))?.slice('align-'.length) ??
    String(element?.properties.align ?? /text-align:\s*(\w+)/.exec(String(element?.properties.style ?? ''))?.[1] ?? '');
  return align === 'right' || align === 'center' ? align : undefined;
}

function alignmentOf(element: Element | undefined) {
  return ALIGNMENTS[alignOf(element) ?? ''];
}

function hasBlocks(element: Element): boolean {
  return element.children.some((child) => child.type === 'element' && (BLOCKS.has(child.tagName) || hasBlocks(child)));
}
