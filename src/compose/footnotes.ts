import type { Element, Root as HastRoot } from 'hast';
import type { FootnoteDefinition, Parent, Root as MdastRoot, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { BriefwrightError, type SourceLocation } from '../errors.js';

/** Marks the container that carries note K's body through the HTML pipeline. */
export const NOTE_BODY = 'dataBwNoteBody';

/** The slot a footnote reference leaves in a section's HTML, filled when the brief numbers its notes. */
export function noteSlot(note: number, occurrence: number): string {
  return `note:${note}:${occurrence}`;
}

/**
 * Takes a section's footnotes out of the flow. Each reference (`[^x]`) becomes a
 * slot naming the note by its order of first use in the section; each
 * definition moves to the end of the tree in a container the HTML pass lifts
 * out again, so notes go through the same citation, image and sanitizing steps
 * as the text. Numbering is left to the brief, which counts across sections.
 * Returns how many times each note is referenced, in note order.
 */
export function collectFootnotes(
  mdast: MdastRoot,
  options: { slot: (name: string) => Text; locate: (offset: number) => SourceLocation; source: string; problems: BriefwrightError[] },
): number[] {
  const definitions = new Map<string, FootnoteDefinition>();
  visit(mdast, 'footnoteDefinition', (node, index, parent) => {
    if (!parent || index === undefined) return;
    definitions.set(node.identifier, node);
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
  const order = new Map<string, number>();
  const uses: number[] = [];
  visit(mdast, 'footnoteReference', (node, index, parent) => {
    if (!parent || index === undefined || !definitions.has(node.identifier)) return;
    let note = order.get(node.identifier);
    if (note === undefined) {
      note = order.size;
      order.set(node.identifier, note);
      uses.push(0);
    }
    (parent as Parent).children[index] = options.slot(noteSlot(note, uses[note]!));
    uses[note]! += 1;
  });
  for (const [identifier, definition] of definitions) {
    if (order.has(identifier)) continue;
    options.problems.push(
      new BriefwrightError(`footnote [^${definition.label ?? identifier}] is defined but never referenced; cite it in the text as [^${definition.label ?? identifier}] or remove it`, {
        location: options.locate(definition.position?.start.offset ?? 0),
      }),
    );
  }
  reportUndefined(mdast, options);
  for (const [identifier, note] of order) {
    mdast.children.push({
      type: 'blockquote',
      children: definitions.get(identifier)!.children as MdastRoot['children'] as never,
      data: { hName: 'div', hProperties: { [NOTE_BODY]: String(note) } },
    });
  }
  return uses;
}

/** `[^x]` left as text means no definition matched it (the parser only links defined notes). */
function reportUndefined(mdast: MdastRoot, options: { locate: (offset: number) => SourceLocation; source: string; problems: BriefwrightError[] }): void {
  visit(mdast, (node) => {
    if (node.type === 'inlineCode' || node.type === 'code' || node.type === 'link') return SKIP;
    if (node.type !== 'text') return;
    const start = node.position?.start.offset ?? 0;
    const source = options.source.slice(start, node.position?.end.offset ?? start);
    for (const match of (node as Text).value.matchAll(/\[\^([^\]\s]+)\]/g)) {
      const found = source.indexOf(match[0]);
      options.problems.push(
        new BriefwrightError(`footnote [^${match[1]}] has no definition; add a line '[^${match[1]}]: The note.' to the section`, {
          location: options.locate(start + Math.max(0, found)),
        }),
      );
    }
  });
}

/** Lifts the note containers out of a section's HTML tree; returns each note's content, in note order. */
export function extractNotes(tree: HastRoot): HastRoot[] {
  const notes: HastRoot[] = [];
  tree.children = tree.children.filter((node) => {
    const note = node.type === 'element' ? (node as Element).properties[NOTE_BODY] : undefined;
    if (note === undefined) return true;
    notes[Number(note)] = { type: 'root', children: (node as Element).children };
    return false;
  });
  return notes;
}
