/**
 * LaTeX as it is written in bibliography fields, turned into text: accents and
 * special letters become Unicode, formatting commands become marks, and braces
 * (which protect a word's case in BibTeX) become case-protected spans.
 */
import { ACCENTS, BIBSTRINGS, DECLARATIONS, DROPPED, ESCAPES, MARKS, SECOND_ARGUMENT, SYMBOLS } from './latex-commands.js';

/** A run of text, or a marked span of runs. */
export type Inline = string | Span;

/** The kinds of span. */
export type Mark = 'i' | 'b' | 'sc' | 'sup' | 'sub' | 'quote' | 'nocase' | 'plain';

/** Formatting a style may not change: italics, bold, small caps, super/subscript, quotation, case protection. */
export interface Span {
  mark: Mark;
  children: Inline[];
}

/** Reads a field's LaTeX into inlines. Top-level braces protect case. */
export function parseLatex(source: string): Inline[] {
  return new LatexReader(source).inlines(0, true);
}

/** The plain text of LaTeX (marks dropped). */
export function latexToPlain(source: string): string {
  return plainText(parseLatex(source));
}

/** The plain text of inlines. */
export function plainText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (typeof inline === 'string' ? inline : inline.mark === 'quote' ? `“${plainText(inline.children)}”` : plainText(inline.children))).join('');
}

/** Inlines as CSL rich text (the HTML-like markup citeproc reads), white space tidied. */
export function toCslText(inlines: readonly Inline[]): string {
  return tidy(serialise(inlines, 0));
}

/** The CSL rich-text markup of each mark (citeproc's HTML-like tags). */
const TAGS: Partial<Record<Span['mark'], [string, string]>> = {
  i: ['<i>', '</i>'],
  b: ['<b>', '</b>'],
  sc: ['<span style="font-variant:small-caps;">', '</span>'],
  sup: ['<sup>', '</sup>'],
  sub: ['<sub>', '</sub>'],
  nocase: ['<span class="nocase">', '</span>'],
};

function serialise(inlines: readonly Inline[], quoteDepth: number): string {
  return inlines
    .map((inline) => {
      if (typeof inline === 'string') return inline;
      const inner = serialise(inline.children, inline.mark === 'quote' ? quoteDepth + 1 : quoteDepth);
      if (!inner.trim()) return inner;
      if (inline.mark === 'quote') return quoteDepth % 2 === 0 ? `“${inner}”` : `‘${inner}’`;
      const [open, close] = TAGS[inline.mark] ?? ['', ''];
      return `${open}${inner}${close}`;
    })
    .join('');
}

/** White space collapsed and trimmed, as TeX reads it. */
export function tidy(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ').trim().normalize('NFC');
}

const LIGATURE = /---|--|``|''|,,|<<|>>|~|`|\?`|!`/y;
const RUN = /[^\\{}$~`'\-,<>?!]+|./sy;
const DECLARATION = /\\([A-Za-z]+)(?![A-Za-z])\s*/y;
const COMMAND_NAME = /([A-Za-z]+)\*?/y;
const ARGUMENT_AHEAD = /\s*[{[]/y;
const OPTIONAL_ARGUMENT = /\s*\[[^\]]*\]/y;

class LatexReader {
  private at = 0;
  constructor(private readonly source: string) {}

  /** Inlines up to the closing brace of the current group (or the end). */
  inlines(depth: number, topLevel = false): Inline[] {
    const out: Inline[] = [];
    const push = (inline: Inline | undefined) => {
      if (inline === undefined || inline === '') return;
      const last = out[out.length - 1];
      if (typeof inline === 'string' && typeof last === 'string') out[out.length - 1] = last + inline;
      else out.push(inline);
    };
    while (this.at < this.source.length) {
      const char = this.source[this.at]!;
      if (char === '}') {
        if (depth > 0) return out;
        this.at += 1; // a stray closing brace: BibTeX would have refused it; skip it
      } else if (char === '{') {
        this.at += 1;
        const startsWithCommand = this.source[this.at] === '\\';
        const declaration = this.declaration();
        const children = this.inlines(depth + 1);
        this.at += 1;
        if (declaration) push({ mark: declaration, children });
        else if (topLevel && !startsWithCommand && /[\p{L}\p{N}]/u.test(plainText(children))) push({ mark: 'nocase', children });
        else for (const child of children) push(child);
      } else if (char === '\\') push(this.command(depth));
      else if (char === '$') push(this.math());
      else {
        push(this.text());
      }
    }
    return out;
  }

  /** Matches a sticky pattern at the current position, without copying the rest of the text. */
  private peek(pattern: RegExp): RegExpExecArray | null {
    pattern.lastIndex = this.at;
    return pattern.exec(this.source);
  }

  private text(): string {
    const ligature = this.peek(LIGATURE)?.[0];
    if (ligature) {
      this.at += ligature.length;
      return { '---': '—', '--': '–', '``': '“', "''": '”', ',,': '„', '<<': '«', '>>': '»', '~': '\u00a0', '`': '‘', '?`': '¿', '!`': '¡' }[ligature]!;
    }
    const run = this.peek(RUN)![0];
    this.at += run.length;
    return run;
  }

  /** A declaration such as `\em` just inside a group, consumed; or undefined. */
  private declaration(): Span['mark'] | undefined {
    const found = this.peek(DECLARATION);
    const mark = found && DECLARATIONS[found[1]!];
    if (!mark) return undefined;
    this.at += found[0].length;
    return mark;
  }

  private command(depth: number): Inline | undefined {
    this.at += 1;
    const named = this.peek(COMMAND_NAME);
    if (!named) {
      const symbol = this.source[this.at] ?? '';
      this.at += 1;
      if (symbol in ACCENTS) return this.accent(ACCENTS[symbol]!);
      return ESCAPES[symbol] ?? symbol;
    }
    const name = named[1]!;
    this.at += named[0].length;
    if (!this.peek(ARGUMENT_AHEAD) || name.length === 1) this.skipSpace();
    if (name in ACCENTS && name.length === 1) return this.accent(ACCENTS[name]!);
    if (name === 'bibstring') {
      const key = plainText(this.argument(depth)).trim();
      return BIBSTRINGS[key] ?? key;
    }
    if (DROPPED.has(name)) {
      this.skipOptional();
      this.argument(depth);
      return undefined;
    }
    if (SECOND_ARGUMENT.has(name)) {
      this.argument(depth);
      return { mark: 'plain', children: this.argument(depth) };
    }
    if (name in MARKS) {
      this.skipOptional();
      const children = this.argument(depth);
      if (/^(MakeUppercase|uppercase|MakeTextUppercase)$/.test(name)) return { mark: 'nocase', children: [plainText(children).toUpperCase()] };
      if (/^(MakeLowercase|lowercase|MakeTextLowercase)$/.test(name)) return plainText(children).toLowerCase();
      return { mark: MARKS[name]!, children };
    }
    if (name in SYMBOLS) return SYMBOLS[name];
    if (name in DECLARATIONS) return undefined;
    // Unknown command: keep what it is applied to, drop the command itself.
    this.skipOptional();
    if (this.source[this.at] === '{') return { mark: 'plain', children: this.argument(depth) };
    return undefined;
  }

  private accent(combining: string): string {
    const base = plainText(this.argument(0)) || ' ';
    const letter = base === 'ı' ? 'i' : base === 'ȷ' ? 'j' : base;
    return (letter[0] + combining + letter.slice(1)).normalize('NFC');
  }

  /** A command's argument: a braced group, or one token. */
  private argument(depth: number): Inline[] {
    this.skipSpace();
    const char = this.source[this.at];
    if (char === '{') {
      this.at += 1;
      const children = this.inlines(depth + 1);
      this.at += 1;
      return children;
    }
    if (char === '\\') {
      const command = this.command(depth);
      return command === undefined ? [] : [command];
    }
    if (char === undefined || char === '}') return [];
    this.at += 1;
    return [char];
  }

  private skipOptional(): void {
    const optional = this.peek(OPTIONAL_ARGUMENT);
    if (optional) this.at += optional[0].length;
  }

  private skipSpace(): void {
    while (this.at < this.source.length && /\s/.test(this.source[this.at]!)) this.at += 1;
  }

  /** `$...$`: symbols and letters as Unicode, `^`/`_` as super- and subscripts; protected from case changes. */
  private math(): Inline {
    const end = this.source.indexOf('$', this.at + 1);
    const body = this.source.slice(this.at + 1, end === -1 ? undefined : end);
    this.at = end === -1 ? this.source.length : end + 1;
    const reader = new LatexReader(body.replace(/\s+/g, ' '));
    const out: Inline[] = [];
    while (reader.at < body.length) {
      const char = reader.source[reader.at];
      if (char === '^' || char === '_') {
        reader.at += 1;
        out.push({ mark: char === '^' ? 'sup' : 'sub', children: reader.argument(1) });
      } else if (char === '{') {
        reader.at += 1;
        out.push(...reader.inlines(1));
        reader.at += 1;
      } else if (char === '\\') {
        const command = reader.command(1);
        if (command !== undefined) out.push(command);
      } else {
        out.push(char!);
        reader.at += 1;
      }
    }
    return { mark: 'nocase', children: out };
  }
}
