/** One entry's text cut out of a bibliography file. */
export interface EntryText {
  text: string;
  /** Line of the entry's first character (1-based). */
  line: number;
  /** False when the record never ends (it was cut at the next record). */
  complete: boolean;
}

/** Cuts an RIS file into its records (`TY  -` ... `ER  -`). */
export function splitRis(source: string): EntryText[] {
  const entries: EntryText[] = [];
  const lines = source.split(/\r?\n/);
  let current: { lines: string[]; line: number } | undefined;
  lines.forEach((text, index) => {
    if (/^TY {2}-/.test(text)) {
      if (current) entries.push({ text: current.lines.join('\n'), line: current.line, complete: false });
      current = { lines: [text], line: index + 1 };
    } else if (current) {
      current.lines.push(text);
      if (/^ER {2}-/.test(text)) {
        entries.push({ text: current.lines.join('\n'), line: current.line, complete: true });
        current = undefined;
      }
    }
  });
  if (current) entries.push({ text: current.lines.join('\n'), line: current.line, complete: false });
  return entries;
}
