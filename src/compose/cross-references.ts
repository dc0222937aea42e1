/** How a cross-reference prints: "Figure 2", "Figure 2" at a sentence start ("The section ..."), or the number alone. */
export type ReferenceForm = 'text' | 'capital' | 'number';

/** A cross-reference as written: `@fig-x`, `@Fig-x`, `[@tbl-x]` or `[-@fig-x]` (the number only). */
export interface CrossReferenceMatch {
  /** The label, with its prefix in lower case: `fig-enrolment`. */
  label: string;
  form: ReferenceForm;
  /** Offsets of the whole reference in the scanned text. */
  start: number;
  end: number;
}

const LABEL = String.raw`([Ff]ig|[Tt]bl|[Ss]ec)-((?:[\p{L}\p{N}_]|[-.:](?=[\p{L}\p{N}_]))+)`;
const PATTERN = new RegExp(String.raw`\[(-?)@${LABEL}\]|(?<![\p{L}\p{N}_.+-])@${LABEL}`, 'gu');

/** Finds every Quarto-style cross-reference in a run of plain text, in order. */
export function findCrossReferences(text: string): CrossReferenceMatch[] {
  const found: CrossReferenceMatch[] = [];
  for (const match of text.matchAll(PATTERN)) {
    const [, minus, bracketedKind, bracketedName, kind, name] = match;
    const prefix = (bracketedKind ?? kind)!;
    const form: ReferenceForm = minus === '-' ? 'number' : /^[A-Z]/.test(prefix) ? 'capital' : 'text';
    found.push({ label: `${prefix.toLowerCase()}-${bracketedName ?? name}`, form, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** The slot a cross-reference leaves in a section's HTML, filled once the brief knows its numbers. */
export function referenceSlot(match: Pick<CrossReferenceMatch, 'label' | 'form'>): string {
  return `xref:${match.label}:${match.form}`;
}
