import { BookmarkEnd, BookmarkStart, type Paragraph, type ParagraphChild } from 'docx';
import { BOOKMARK_BASE } from './package-docx.js';
import type { WordBrand } from './word-brand.js';
import type { WordImages } from './word-images.js';

/** Word's rules for bookmark names: a letter first, then letters, digits and underscores, at most 40 in all. */
const BOOKMARK_LENGTH = 40;

/**
 * What one Word document collects while its content is made: bookmark names for
 * the HTML ids that links point at, footnotes, list and drawing numbers, and
 * what could not be carried over. Numbers count from 1 in each document, so the
 * same brief is always written the same.
 */
export class WordParts {
  readonly footnotes: Record<number, { children: Paragraph[] }> = {};
  /** Things in the brief that Word shows differently or not at all, for the build's warnings. */
  readonly warnings: string[] = [];
  private readonly names = new Map<string, string>();
  private readonly taken = new Set<string>();
  private bookmarkCount = BOOKMARK_BASE;
  private readonly footnoteNumbers = new Map<string, number>();
  private listCount = 0;
  private drawingCount = 0;

  constructor(
    readonly brand: WordBrand,
    readonly images: WordImages,
    /** HTML ids that some link points at: only these get bookmarks (besides references and headings). */
    readonly targets: ReadonlySet<string>,
    /** The width of the text column, in pixels at 96 to the inch (images are scaled down to it). */
    readonly textWidth: number,
  ) {}

  /** The bookmark name an HTML id becomes (the same name for the same id, every time). */
  bookmarkName(id: string): string {
    let name = this.names.get(id);
    if (!name) {
      const base = `${/^[A-Za-z]/.test(id) ? '' : 'b_'}${id.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, BOOKMARK_LENGTH);
      name = base;
      for (let n = 2; this.taken.has(name.toLowerCase()); n += 1) name = `${base.slice(0, BOOKMARK_LENGTH - String(n).length - 1)}_${n}`;
      this.taken.add(name.toLowerCase());
      this.names.set(id, name);
    }
    return name;
  }

  /** Wraps paragraph content in a bookmark for an HTML id. */
  bookmark(id: string, children: ParagraphChild[]): ParagraphChild[] {
    const number = ++this.bookmarkCount;
    return [new BookmarkStart(this.bookmarkName(id), number) as unknown as ParagraphChild, ...children, new BookmarkEnd(number) as unknown as ParagraphChild];
  }

  /** Keeps the footnote of an HTML note; returns its number (Word's, since notes are placed in reading order). */
  addFootnote(noteId: string, children: Paragraph[]): number {
    const number = this.footnoteNumbers.size + 1;
    this.footnoteNumbers.set(noteId, number);
    this.footnotes[number] = { children };
    return number;
  }

  /** The number of an HTML note already placed as a footnote. */
  footnoteNumber(noteId: string): number | undefined {
    return this.footnoteNumbers.get(noteId);
  }

  /** A new list (numbering starts again at 1). */
  nextList(): number {
    return ++this.listCount;
  }

  /** The id of the next drawing (Word wants each drawing's id unique in the document). */
  nextDrawing(): number {
    return ++this.drawingCount;
  }

  /** Notes something Word shows differently, once. */
  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }
}
