import { toHtml } from 'hast-util-to-html';
import type { BriefwrightError } from '../errors.js';
import type { Section } from '../sections/section.js';
import type { SourceLocation } from '../errors.js';
import type { Target } from './figures.js';
import { markdownToTree, type LocatedCitation } from './markdown.js';
import type { SectionCache } from './section-cache.js';

/** A section rendered to HTML once; its citations are placeholders numbered from 0. */
export interface RenderedSection {
  /** HTML with `<span class="citation" data-citation="N"></span>` where citation N goes. */
  html: string;
  citations: LocatedCitation[];
  problems: BriefwrightError[];
  /** Image files the section embeds. */
  images: string[];
  /** Each footnote's HTML (with citation placeholders), in the order the section first refers to them. */
  notes: string[];
  /** How many times the text refers to each note. */
  noteUses: number[];
  /** Figures, captioned tables and labelled headings, in order. */
  targets: Target[];
  /** Every cross-reference, with where it was written. */
  crossReferences: { label: string; location: SourceLocation }[];
}

/** Matches a citation placeholder in a rendered section; group 1 is its number. */
export const PLACEHOLDER_PATTERN = /<span class="citation" data-citation="(\d+)"><\/span>/g;

/** Matches a numbering slot (a note, figure or table number, a cross-reference); group 2 is its name. */
export const SLOT_PATTERN = /<(span|sup) data-bw-slot="([^"]+)"><\/\1>/g;

/**
 * Each section's Markdown parsed and rendered once per run, however many briefs
 * pick it; briefs fill the placeholders with their own formatted citations.
 */
export class SectionTrees {
  private readonly rendered = new WeakMap<Section, RenderedSection>();

  /**
   * `root` is the project folder, where images are read from; with a cache,
   * renderings are also kept between runs (see SectionCache).
   */
  constructor(
    private readonly root: string,
    private readonly options: { cache?: SectionCache } = {},
  ) {}

  /** Whether a section has been rendered already. */
  has(section: Section): boolean {
    return this.rendered.has(section);
  }

  /** A section rendered to HTML, with numbered citation placeholders. */
  get(section: Section): RenderedSection {
    let done = this.rendered.get(section);
    if (!done) {
      const source = {
        markdown: section.body,
        file: section.file,
        firstLine: section.bodyLine,
        // Section titles are h3 under h2 kind headings; body headings go below them.
        headingOffset: 3,
        firstCitation: 0,
        root: this.root,
      };
      const { cache } = this.options;
      done = cache?.get(source);
      if (!done) {
        done = renderMarkdown(source);
        cache?.set(source, done);
      }
      this.rendered.set(section, done);
    }
    return done;
  }
}

/** A section's Markdown rendered to HTML, its notes apart, with numbered placeholders. */
export function renderMarkdown(options: Parameters<typeof markdownToTree>[0]): RenderedSection {
  const parsed = markdownToTree(options);
  return {
    html: toHtml(parsed.tree),
    citations: parsed.citations,
    problems: parsed.problems,
    images: parsed.images,
    notes: parsed.notes.map((note) => toHtml(note)),
    noteUses: parsed.noteUses,
    targets: parsed.targets,
    crossReferences: parsed.crossReferences,
  };
}
