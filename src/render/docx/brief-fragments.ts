import type { Element, ElementContent, Root } from 'hast';
import { InternalHyperlink, FootnoteReferenceRun, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { visit, SKIP } from 'unist-util-visit';
import type { BriefModel } from '../../compose/brief-model.js';
import { htmlBlocks, parseFragment, type Block, type BlockContext } from './html-blocks.js';
import type { WordParts } from './word-parts.js';
import { STYLE } from './word-styles.js';

/**
 * The HTML of a brief's sections and notes, parsed once before any of it
 * becomes Word, so that a link anywhere can find its target anywhere: which ids
 * exist, which are linked to (those get bookmarks), which images are shown, and
 * which links refer to a note.
 */
export class BriefFragments {
  /** Every HTML id of the brief, including those the layouts give headings and references. */
  readonly ids = new Set<string>();
  /** Ids some link points at. */
  readonly targets = new Set<string>();
  /** Data URIs of every image. */
  readonly images = new Set<string>();
  /** The brief's notes by id (`fn-3`), their links back to the text taken out. */
  private readonly notes = new Map<string, Root>();
  private readonly sections = new Map<string, Root>();
  /** How many links refer to each note. */
  private readonly noteUses = new Map<string, number>();

  constructor(model: Pick<BriefModel, 'sections' | 'notes' | 'groups' | 'references'>) {
    for (const note of model.notes) this.notes.set(note.id, this.read(note.html, true));
    for (const section of model.sections) this.sections.set(section.id, this.read(section.html));
    for (const section of model.sections) this.ids.add(`section-${section.id}`);
    for (const group of model.groups) this.ids.add(`kind-${group.kind}`);
    for (const reference of model.references) this.ids.add(reference.anchor);
    this.ids.add('references');
  }

  /**
   * A section's content as Word blocks. A link to a note becomes a Word footnote
   * there (Word numbers footnotes in order, as the brief does); a second link to
   * the same note repeats its number, linked to the first.
   */
  blocks(sectionId: string, parts: WordParts): Block[] {
    const tree = this.sections.get(sectionId);
    return tree ? htmlBlocks(tree.children, this.context(parts)) : [];
  }

  /** What inline content needs to place the brief's notes (for content outside sections: no notes). */
  context(parts: WordParts, style: string = STYLE.normal): BlockContext {
    const context: BlockContext = {
      parts,
      ids: this.ids,
      notes: new Set(this.notes.keys()),
      style,
      listLevel: 0,
      footnote: (id) => this.footnote(id, parts, context),
    };
    return context;
  }

  private footnote(id: string, parts: WordParts, context: BlockContext): ParagraphChild[] {
    const placed = parts.footnoteNumber(id);
    if (placed !== undefined) {
      const mark = new TextRun({ text: String(placed), superScript: true });
      return [new InternalHyperlink({ anchor: parts.bookmarkName(`note-${id}`), children: [mark] })];
    }
    const note = this.notes.get(id)!;
    const number = parts.addFootnote(id, noteParagraphs(note, context, parts));
    const mark = new FootnoteReferenceRun(number);
    // Bookmarked only when a later link repeats its number.
    return (this.noteUses.get(id) ?? 0) > 1 ? parts.bookmark(`note-${id}`, [mark]) : [mark];
  }

  private read(html: string, note = false): Root {
    const tree = parseFragment(html);
    visit(tree, 'element', (element: Element, index, parent) => {
      const { id, href, src, className } = element.properties;
      // A note's link back to the text: Word's footnote mark does that.
      if (note && Array.isArray(className) && className.includes('footnote-back') && parent && index !== undefined) {
        parent.children.splice(index, 1);
        trimEnd(parent.children);
        return [SKIP, index];
      }
      if (typeof id === 'string') this.ids.add(id);
      if (typeof href === 'string' && href.startsWith('#')) {
        const target = decodeURIComponent(href.slice(1));
        this.targets.add(target);
        if (this.notes.has(target)) this.noteUses.set(target, (this.noteUses.get(target) ?? 0) + 1);
      }
      if (element.tagName === 'img' && typeof src === 'string') this.images.add(src);
      return undefined;
    });
    return tree;
  }
}

function noteParagraphs(note: Root, context: BlockContext, parts: WordParts): Paragraph[] {
  const blocks = htmlBlocks(withLeadingSpace(note.children), { ...context, style: STYLE.footnoteText, listLevel: 0 });
  const paragraphs = blocks.filter((block): block is Paragraph => block instanceof Paragraph);
  if (paragraphs.length < blocks.length) parts.warn('a table in a footnote is left out of the Word file (Word footnotes hold paragraphs)');
  return paragraphs.length > 0 ? paragraphs : [new Paragraph({ style: STYLE.footnoteText, children: [] })];
}

/** Word puts the note's number before its first paragraph; a space keeps them apart. */
function withLeadingSpace(children: Root['children']): ElementContent[] {
  const content = children.filter((child): child is ElementContent => child.type === 'element' || child.type === 'text');
  const first = content.find((child): child is Element => child.type === 'element' && child.tagName === 'p');
  if (!first) return [{ type: 'text', value: ' ' }, ...content];
  return content.map((child) => (child === first ? { ...first, children: [{ type: 'text', value: ' ' }, ...first.children] } : child));
}

/** Takes off the white space a removed link leaves at the end of its paragraph. */
function trimEnd(children: Root['children'] | ElementContent[]) {
  for (let last = children.at(-1); last?.type === 'text'; last = children.at(-1)) {
    last.value = last.value.replace(/\s+$/, '');
    if (last.value !== '') break;
    children.pop();
  }
}
