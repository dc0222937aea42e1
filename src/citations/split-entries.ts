/** One entry's text cut out of a bibliography file. */
export interface EntryText {
  text: string;
  /** Line of the entry's first character (1-based). */
  line: number;
  /** False when the entry's braces never close (it was cut at the next entry). */
  complete: boolean;
}

const BIBTEX_START = /@([A-Za-z]+)\s*([{(])/g;

/**
 * Cuts a BibTeX file into its entries so each can be parsed, hashed and reported on
 * alone: one malformed entry then costs only itself. `@string` definitions are
 * returned separately so they can be put in front of every entry.
 */
export function splitBibtex(source: string): { entries: EntryText[]; macros: string } {
  const entries: EntryText[] = [];
  const macros: string[] = [];
  BIBTEX_START.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = BIBTEX_START.exec(source))) {
    const kind = match[1]!.toLowerCase();
    const start = match.index;
    const { end, complete } = findEntryEnd(source, BIBTEX_START.lastIndex - 1, match[2] === '{' ? '}' : ')');
    const text = source.slice(start, end);
    BIBTEX_START.lastIndex = end;
    if (kind === 'comment' || kind === 'preamble') continue;
    if (kind === 'string') macros.push(text);
    else entries.push({ text, line: lineOf(source, start), complete });
  }
  return { entries, macros: macros.join('\n') };
}

function findEntryEnd(source: string, open: number, closer: string): { end: number; complete: boolean } {
  const opener = closer === '}' ? '{' : '(';
  let depth = 0;
  for (let index = open; index < source.length; index += 1) {
    const char = source[index];
    if (char === '\\') index += 1;
    else if (char === opener || (char === '{' && opener === '(')) depth += 1;
    else if (char === closer || (char === '}' && opener === '(')) {
      depth -= 1;
      if (depth === 0) return { end: index + 1, complete: true };
    } else if (char === '\n' && /^@[A-Za-z]+\s*[{(]/.test(source.slice(index + 1, index + 40))) {
      // Unbalanced braces: stop at the next entry so it still loads.
      return { end: index + 1, complete: false };
    }
  }
  return { end: source.length, complete: false };
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

/** The 1-based line of a character offset. */
export function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (source.charCodeAt(index) === 10) line += 1;
  return line;
}
