import type { Section } from '../sections/section.js';
import { markdownToTree, type SectionTree } from './markdown.js';

/**
 * Each section's Markdown parsed once per run, however many briefs pick it; a
 * brief gets its own copy of the tree to fill with its citations.
 */
export class SectionTrees {
  private readonly trees = new WeakMap<Section, SectionTree>();

  /** `root` is the project folder, where images are read from. */
  constructor(private readonly root: string) {}

  /** A fresh copy of a section's tree; its citation placeholders count from 0. */
  copy(section: Section): SectionTree {
    let parsed = this.trees.get(section);
    if (!parsed) {
      parsed = markdownToTree({
        markdown: section.body,
        file: section.file,
        firstLine: section.bodyLine,
        // Section titles are h3 under h2 kind headings; body headings go below them.
        headingOffset: 3,
        firstCitation: 0,
        root: this.root,
      });
      this.trees.set(section, parsed);
    }
    return { tree: structuredClone(parsed.tree), citations: parsed.citations, problems: parsed.problems };
  }
}
