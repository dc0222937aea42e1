/** One field of a BibTeX entry: its value as written (macros expanded, `#` joined). */
export interface BibField {
  value: string;
  line: number;
  column: number;
}

/** One BibTeX or biblatex entry, fields not yet interpreted. */
export interface BibEntry {
  /** Entry type, lower case (`article`, `book`, ...). */
  type: string;
  key: string;
  line: number;
  /** Fields by lower-case name, in the order written. */
  fields: Map<string, BibField>;
  /** The entry's text, for messages. */
  text: string;
}

/** An entry that could not be read: what is wrong, where, and the key if one was found. */
export interface BibSyntaxProblem {
  message: string;
  line: number;
  column: number;
  key?: string;
}

/** The month macros every BibTeX style defines, as biblatex reads them (month numbers). */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Field names biber reads as another field (biblatex manual, "Field Aliases"). */
const ALIASES: Record<string, string> = {
  address: 'location',
  annote: 'annotation',
  archiveprefix: 'eprinttype',
  journal: 'journaltitle',
  key: 'sortkey',
  pdf: 'file',
  primaryclass: 'eprintclass',
  school: 'institution',
};

class SyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * Reads the entries of a .bib file as BibTeX defines its syntax: `@type{key,
 * field = {value} # "value" # macro, ...}`, `@string` macros, `@comment` and
 * `@preamble`, anything outside entries ignored. Each entry is read on its own,
 * so a mistake in one costs only that entry, reported at the place it was made.
 */
export function readBibtexSyntax(source: string): { entries: BibEntry[]; problems: BibSyntaxProblem[] } {
  const entries: BibEntry[] = [];
  const problems: BibSyntaxProblem[] = [];
  const position = positions(source);
  const macros = new Map<string, string>(MONTHS.map((month, index) => [month, String(index + 1)]));
  const start = /@\s*([A-Za-z][\w-]*)\s*([{(])/g;
  let match: RegExpExecArray | null;
  while ((match = start.exec(source))) {
    const kind = match[1]!.toLowerCase();
    const open = start.lastIndex - 1;
    const end = entryEnd(source, open);
    start.lastIndex = Math.max(end, start.lastIndex);
    if (kind === 'comment' || kind === 'preamble') continue;
    const reader = new EntryReader(source, open, end, macros, position);
    try {
      if (kind === 'string') reader.readString();
      else entries.push({ ...reader.readEntry(kind), line: position(match.index).line, text: source.slice(match.index, end) });
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      const { line, column } = position(error.offset);
      const key = /^\s*([^\s,{}()"=#%]+)/.exec(source.slice(open + 1, end))?.[1];
      problems.push({ message: error.message, line, column, key: kind === 'string' ? undefined : key });
    }
  }
  return { entries, problems };
}

/**
 * Where an entry that opens at `open` ends: after its matching closer (braces
 * counted as BibTeX counts them), or, when they never balance, just before the
 * next line that starts an entry, so that entry still loads.
 */
function entryEnd(source: string, open: number): number {
  const byParens = source[open] === '(';
  let depth = 0;
  for (let index = open; index < source.length; index += 1) {
    const char = source[index];
    if (char === '{' || index === open) depth += 1;
    else if (char === '}' || (byParens && char === ')' && depth === 1)) {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
  }
  const next = /\n(?=@\s*[A-Za-z]+\s*[{(])/g;
  next.lastIndex = open;
  return next.exec(source) ? next.lastIndex : source.length;
}

/** A function from character offset to 1-based line and column, for one text. */
function positions(source: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let index = source.indexOf('\n'); index !== -1; index = source.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/** Reads the inside of one entry, from its opening brace to its end. */
class EntryReader {
  private at: number;
  private readonly closer: string;

  constructor(
    private readonly source: string,
    open: number,
    private readonly end: number,
    private readonly macros: Map<string, string>,
    private readonly position: (offset: number) => { line: number; column: number },
  ) {
    this.at = open + 1;
    this.closer = source[open] === '(' ? ')' : '}';
  }

  readString(): void {
    this.space();
    const name = this.name('a macro name');
    this.space();
    this.expect('=', `'=' after @string name '${name}'`);
    this.macros.set(name.toLowerCase(), this.value(`@string ${name}`));
  }

  readEntry(type: string): { type: string; key: string; fields: Map<string, BibField> } {
    this.space();
    const keyStart = this.at;
    while (this.at < this.end && !/[\s,{}()"=#%]/.test(this.source[this.at]!)) this.at += 1;
    const key = this.source.slice(keyStart, this.at);
    if (!key) throw new SyntaxError(`entry @${type} has no citation key`, keyStart);
    this.space();
    const fields = new Map<string, BibField>();
    if (this.source[this.at] !== ',' && !this.closes()) throw new SyntaxError(`expected a comma after the key '${key}'`, this.at);
    let previous: string | undefined;
    let previousStart = 0;
    while (true) {
      this.space();
      if (this.source[this.at] === ',') {
        this.at += 1;
        this.space();
      } else if (previous !== undefined && (this.at >= this.end || this.source[this.at] === '@')) {
        // The value took in the rest of the entry: its braces do not balance.
        throw new SyntaxError(`a '}' is missing: the braces in the ${previous} field do not balance`, previousStart);
      } else if (previous !== undefined && !this.closes()) {
        throw new SyntaxError(
          this.source.slice(this.at).match(/^[\w:+-]+\s*=/)
            ? `missing comma after the ${previous} field?`
            : `unexpected '${this.source[this.at] ?? 'end of file'}' after the ${previous} field`,
          this.lastValueEnd,
        );
      }
      if (this.closes()) {
        this.at += 1;
        return { type, key, fields };
      }
      if (this.at >= this.end) throw new SyntaxError(`entry '${key}' never closes: a '${this.closer}' is missing`, this.lastValueEnd);
      const { line, column } = this.position(this.at);
      const nameStart = this.at;
      const name = this.name('a field name').toLowerCase();
      this.space();
      this.expect('=', `'=' after the field name '${name}'`);
      const value = this.value(`${name} field`);
      const field = ALIASES[name] ?? name;
      if (!fields.has(field)) fields.set(field, { value, line, column });
      previous = name;
      previousStart = nameStart;
    }
  }

  private lastValueEnd = 0;

  private closes(): boolean {
    return this.source[this.at] === this.closer;
  }

  private value(what: string): string {
    const parts: string[] = [];
    while (true) {
      this.space();
      const char = this.source[this.at];
      if (char === '{') parts.push(this.braced(what));
      else if (char === '"') parts.push(this.quoted(what));
      else if (char !== undefined && /[0-9]/.test(char)) parts.push(this.match(/[0-9]+/y)!);
      else if (char !== undefined && /[A-Za-z_]/.test(char)) {
        const name = this.name(`a value for the ${what}`);
        parts.push(this.macros.get(name.toLowerCase()) ?? name);
      } else throw new SyntaxError(`expected a value for the ${what}: {text}, "text", a number or a @string name`, this.at);
      this.lastValueEnd = this.at;
      this.space();
      if (this.source[this.at] !== '#') return parts.join('');
      this.at += 1;
    }
  }

  private braced(what: string): string {
    const start = this.at;
    let depth = 0;
    for (; this.at < this.end; this.at += 1) {
      const char = this.source[this.at];
      if (char === '{') depth += 1;
      else if (char === '}' && --depth === 0) {
        this.at += 1;
        return this.source.slice(start + 1, this.at - 1);
      }
    }
    throw new SyntaxError(`the value of the ${what} never closes: a '}' is missing`, start);
  }

  private quoted(what: string): string {
    const start = this.at;
    let depth = 0;
    for (this.at += 1; this.at < this.end; this.at += 1) {
      const char = this.source[this.at];
      if (char === '\\') this.at += 1;
      else if (char === '{') depth += 1;
      else if (char === '}') depth -= 1;
      else if (char === '"' && depth === 0) {
        this.at += 1;
        return this.source.slice(start + 1, this.at - 1);
      }
    }
    throw new SyntaxError(`the value of the ${what} never closes: a closing '"' is missing`, start);
  }

  private name(what: string): string {
    const name = this.match(/[A-Za-z_][\w:+.-]*/y);
    if (!name) throw new SyntaxError(`expected ${what}, found '${this.source[this.at] ?? 'end of file'}'`, this.at);
    return name;
  }

  private expect(char: string, what: string): void {
    if (this.source[this.at] !== char) throw new SyntaxError(`expected ${what}`, this.at);
    this.at += 1;
  }

  private match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.source)?.[0];
    if (found) this.at += found.length;
    return found;
  }

  /** Skips white space and `%` comments (biber reads `%` to the end of a line as a comment). */
  private space(): void {
    while (this.at < this.end) {
      const char = this.source[this.at]!;
      if (char === '%') {
        const newline = this.source.indexOf('\n', this.at);
        this.at = newline === -1 ? this.end : newline + 1;
      } else if (/\s/.test(char)) this.at += 1;
      else return;
    }
  }
}
