import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toString } from 'mdast-util-to-string';
import type { Heading, Image, Paragraph, PhrasingContent, Root as MdastRoot, Table, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { BriefwrightError, type SourceLocation } from '../errors.js';
import { DECORATIVE } from './images.js';

/** Carries an element's label (its id) through the sanitizer. */
export const LABEL = 'dataBwLabel';
/** Marks the container of a table caption until it is moved into its table. */
export const TABLE_CAPTION = 'dataBwTableCaption';

/** Something in a section that can be referred to: a numbered figure or table, or a labelled heading. */
export interface Target {
  kind: 'figure' | 'table' | 'heading';
  /** `fig-x`, `tbl-x`, `sec-x`; unlabelled figures and tables are numbered but cannot be referred to. */
  label?: string;
  /** A heading's text (for "the section Title"). */
  text?: string;
  location: SourceLocation;
}

const ATTRIBUTES = /^\s*\{([^{}]*)\}\s*$/;
const TRAILING_ATTRIBUTES = /\s*\{([^{}]*)\}\s*$/;
const CAPTION_START = /^(?:table)?:\s+/i;

/**
 * Finds a section's figures, captioned tables and labelled headings, in order,
 * and marks them for the HTML pass:
 * - an image alone in its paragraph with a title (`![Alt](chart.svg "Caption")`)
 *   or a Pandoc attribute (`![Caption](chart.svg){#fig-x fig-alt="Alt"}`)
 *   becomes a `<figure>` with a numbered `<figcaption>`;
 * - a Pandoc table caption (`: Caption {#tbl-x}` or `Table: Caption`, just
 *   before or after the table) becomes the table's numbered `<caption>`;
 * - a heading ending in `{#sec-x}` gets that id.
 * `slot(name)` makes the placeholder the brief fills with the number.
 */
export function markFigures(mdast: MdastRoot, options: { slot: (name: string) => Text; locate: (offset: number) => SourceLocation; problems: BriefwrightError[] }): Target[] {
  const targets: Target[] = [];
  const where = (node: { position?: { start: { offset?: number } } }) => options.locate(node.position?.start.offset ?? 0);
  let figures = 0;
  let tables = 0;
  visit(mdast, (node, index, parent) => {
    if (node.type === 'paragraph' && parent?.type !== 'listItem') {
      const figure = figureParts(node);
      if (!figure) return;
      const number = figures++;
      targets.push({ kind: 'figure', label: figure.id, location: where(node) });
      Object.assign(node, {
        data: { hName: 'figure', hProperties: figure.id ? { [LABEL]: figure.id } : {} },
        children: [
          { ...figure.image, alt: figure.alt, title: null },
          { type: 'emphasis', data: { hName: 'figcaption' }, children: [options.slot(`figure:${number}`), { type: 'text', value: ` ${figure.caption}` }] },
        ],
      });
    } else if (node.type === 'table' && parent && index !== undefined) {
      const caption = takeCaption(node, parent.children as MdastRoot['children'], index);
      if (!caption) return;
      const number = tables++;
      const id = labelOf(caption.attributes, 'tbl-', where(node), options.problems);
      targets.push({ kind: 'table', label: id, location: where(node) });
      node.data = { hProperties: id ? { [LABEL]: id } : {} };
      (parent.children as MdastRoot['children']).splice(caption.at, 0, {
        type: 'paragraph',
        data: { hName: 'div', hProperties: { [TABLE_CAPTION]: '' } },
        children: [options.slot(`table:${number}`), { type: 'text', value: ' ' }, ...caption.children],
      });
      return caption.at + 2;
    } else if (node.type === 'heading') {
      const last = (node as Heading).children.at(-1);
      const match = last?.type === 'text' ? TRAILING_ATTRIBUTES.exec(last.value) : null;
      if (!last || !match) return;
      (last as Text).value = (last as Text).value.slice(0, match.index);
      const id = labelOf(match[1]!, '', where(node), options.problems);
      if (!id) return;
      node.data = { hProperties: { [LABEL]: id } };
      targets.push({ kind: 'heading', label: id, text: toString(node), location: where(node) });
    }
    return undefined;
  });
  return targets;
}

function figureParts(paragraph: Paragraph): { image: Image; alt: string; caption: string; id?: string } | undefined {
  const children = paragraph.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [image, rest] = children;
  if (image?.type !== 'image' || children.length > 2) return undefined;
  const attributes = rest?.type === 'text' ? ATTRIBUTES.exec(rest.value)?.[1] : undefined;
  if (rest && attributes === undefined) return undefined;
  const parsed = parseAttributes(attributes ?? '');
  const title = image.title && image.title !== DECORATIVE ? image.title : undefined;
  const id = parsed.id?.startsWith('fig-') ? parsed.id : undefined;
  if (!title && !id) return undefined;
  const caption = title ?? image.alt ?? '';
  return { image, alt: parsed['fig-alt'] ?? image.alt ?? '', caption, id };
}

/** The caption paragraph of a table (after or before it, or run into its last row), removed from the tree. */
function takeCaption(table: Table, siblings: MdastRoot['children'], index: number): { children: PhrasingContent[]; attributes: string; at: number } | undefined {
  const lastRow = table.children.at(-1);
  const cells = lastRow?.children ?? [];
  if (table.children.length > 2 && cells.slice(1).every((cell) => cell.children.length === 0) && startsCaption(cells[0]?.children)) {
    table.children.pop();
    return { ...stripCaption(cells[0]!.children), at: index };
  }
  for (const at of [index + 1, index - 1]) {
    const sibling = siblings[at];
    if (sibling?.type === 'paragraph' && startsCaption(sibling.children)) {
      siblings.splice(at, 1);
      return { ...stripCaption(sibling.children), at: Math.min(at, index) };
    }
  }
  return undefined;
}

function startsCaption(children: PhrasingContent[] | undefined): boolean {
  const first = children?.[0];
  return first?.type === 'text' && CAPTION_START.test(first.value);
}

function stripCaption(children: PhrasingContent[]): { children: PhrasingContent[]; attributes: string } {
  const copy = children.map((child) => ({ ...child })) as PhrasingContent[];
  const first = copy[0] as Text;
  first.value = first.value.replace(CAPTION_START, '');
  const last = copy.at(-1);
  let attributes = '';
  if (last?.type === 'text') {
    const match = TRAILING_ATTRIBUTES.exec(last.value);
    if (match) {
      attributes = match[1]!;
      last.value = last.value.slice(0, match.index);
    }
  }
  return { children: copy, attributes };
}

/** The `#id` of an attribute block, checked to start with `prefix`. */
function labelOf(attributes: string, prefix: string, location: SourceLocation, problems: BriefwrightError[]): string | undefined {
  const id = parseAttributes(attributes).id;
  if (id && !id.startsWith(prefix)) {
    problems.push(new BriefwrightError(`label '#${id}' must start with '${prefix}' (as in {#${prefix}${id.replace(/^[a-z]+-/, '')}}) to be referred to as @${prefix}...`, { location }));
    return undefined;
  }
  return id;
}

/** Pandoc attributes: `#id .class key=value key="value"`. */
function parseAttributes(text: string): Record<string, string> & { id?: string } {
  const attributes: Record<string, string> = {};
  for (const [, id, key, quoted, bare] of text.matchAll(/#([\w:.-]+)|([\w-]+)=(?:"([^"]*)"|(\S+))/g)) {
    if (id) attributes.id = id;
    else if (key) attributes[key] = quoted ?? bare ?? '';
  }
  return attributes;
}

/**
 * Finishes a sanitized section tree: labels become ids (set after the
 * sanitizer, which prefixes the ids written in raw HTML), each table caption
 * moves into its table, and column alignment becomes a class the stylesheet
 * honours (HTML5 has no `align` attribute).
 */
export function finishFigures(tree: HastRoot): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    const label = node.properties[LABEL];
    if (label !== undefined) {
      delete node.properties[LABEL];
      if (label !== '') node.properties.id = String(label);
    }
    if ((node.tagName === 'td' || node.tagName === 'th') && node.properties.align) {
      const className = Array.isArray(node.properties.className) ? node.properties.className : [];
      node.properties.className = [...className.map(String), `align-${String(node.properties.align)}`];
      delete node.properties.align;
    }
    if (node.properties[TABLE_CAPTION] !== undefined && parent && index !== undefined) {
      const table = parent.children.slice(index + 1).find((child): child is Element => child.type === 'element');
      parent.children.splice(index, 1);
      if (table?.tagName === 'table') table.children.unshift({ type: 'element', tagName: 'caption', properties: {}, children: node.children as ElementContent[] });
      return index;
    }
    return undefined;
  });
}
