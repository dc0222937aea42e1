import type { Element, Root } from 'hast';
import { Paragraph } from 'docx';
import { visit } from 'unist-util-visit';
import type { BriefModel } from '../../compose/brief-model.js';
import { htmlBlocks, parseFragment, type Block, type BlockContext } from './html-blocks.js';
import type { InlineContext } from './html-runs.js';
import type { WordParts } from './word-parts.js';
import { STYLE } from './word-styles.js';

/** One section's HTML, parsed, with the footnotes it holds. */
interface Fragment {
  tree: Root;
  notes: Map<string, Element>;
}

/**
 * The HTML of a brief's sections, parsed once before any of it becomes Word, so
 * that a link anywhere can find its target anywhere: which ids exist, which are
 * linked to (those get bookmarks), which images are shown, and the footnotes.
 */
export class BriefFragments {
  /** Every HTML id of the brief, including those the layouts give headings and references. */
  readonly ids = new Set<string>();
  /** Ids some link points at. */
  readonly targets = new Set<string>();
  /** Data URIs of every image. */
  readonly images = new Set<string>();
  private readonly fragments = new Map<string, Fragment>();
  private readonly notes = new Map<string, Element>();

  constructor(model: BriefModel) {
    for (const section of model.sections) {
      const tree = parseFragment(section.html);
      const notes = new Map<string, Element>();
      visit(tree, 'element', (element: Element) => {
        const { id, href, src } = element.properties;
        if (typeof id === 'string') this.ids.add(id);
        if (typeof href === 'string' && href.startsWith('#')) this.targets.add(decodeURIComponent(href.slice(1)));
        if (element.tagName === 'img' && typeof src === 'string') this.images.add(src);
        if (element.tagName === 'section' && element.properties.dataFootnotes !== undefined) {
          visit(element, 'element', (item: Element) => {
            if (item.tagName === 'li' && typeof item.properties.id === 'string') notes.set(noteKey(item.properties.id), item);
          });
        }
      });
      for (const [key, item] of notes) if (!this.notes.has(key)) this.notes.set(key, item);
      this.fragments.set(section.id, { tree, notes });
    }
    for (const section of model.sections) this.ids.add(`section-${section.id}`);
    for (const group of model.groups) this.ids.add(`kind-${group.kind}`);
    for (const reference of model.references) this.ids.add(reference.anchor);
    this.ids.add('references');
  }

  /** A section's content as Word blocks; its footnotes become Word footnotes where they are referred to. */
  blocks(sectionId: string, parts: WordParts): Block[] {
    const fragment = this.fragments.get(sectionId);
    if (!fragment) return [];
    const numbered = new Map<string, number>();
    const context: BlockContext = {
      parts,
      ids: this.ids,
      style: STYLE.normal,
      listLevel: 0,
      footnote: (target) => {
        const key = noteKey(target);
        const note = fragment.notes.get(key) ?? this.notes.get(key);
        if (!note) return undefined;
        let number = numbered.get(key);
        if (number === undefined) {
          number = parts.addFootnote(noteParagraphs(note, context, parts));
          numbered.set(key, number);
        }
        return number;
      },
    };
    return htmlBlocks(fragment.tree.children, context);
  }
}

function noteParagraphs(note: Element, context: InlineContext & BlockContext, parts: WordParts): Paragraph[] {
  // Word puts the note's number before its first paragraph; a space keeps them apart.
  const first = note.children.find((child): child is Element => child.type === 'element' && child.tagName === 'p');
  (first ?? note).children.unshift({ type: 'text', value: ' ' });
  const blocks = htmlBlocks(note.children, { ...context, style: STYLE.footnoteText, listLevel: 0 });
  const paragraphs = blocks.filter((block): block is Paragraph => block instanceof Paragraph);
  if (paragraphs.length < blocks.length) parts.warn('a table in a footnote is left out of the Word file (Word footnotes hold paragraphs)');
  return paragraphs.length > 0 ? paragraphs : [new Paragraph({ style: STYLE.footnoteText, children: [] })];
}

/** remark-gfm prefixes footnote ids with `user-content-` (sometimes twice); the note is the same. */
function noteKey(id: string): string {
  return id.replace(/^(user-content-)+/, '');
}

