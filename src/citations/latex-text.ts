/**
 * LaTeX as it is written in bibliography fields, turned into text: accents and
 * special letters become Unicode, formatting commands become marks, and braces
 * (which protect a word's case in BibTeX) become case-protected spans.
 */

/** A run of text, or a marked span of runs. */
export type Inline = string | Span;

/** Formatting a style may not change: italics, bold, small caps, super/subscript, quotation, case protection. */
export interface Span {
  mark: 'i' | 'b' | 'sc' | 'sup' | 'sub' | 'quote' | 'nocase' | 'plain';
  children: Inline[];
}

const ACCENTS: Record<string, string> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', d: '\u0323', b: '\u0331', r: '\u030a', k: '\u0328', t: '\u0361',
};

const SYMBOLS: Record<string, string> = {
  ss: 'ß', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', aa: 'å', AA: 'Å', o: 'ø', O: 'Ø', l: 'ł', L: 'Ł', i: 'ı', j: 'ȷ',
  dh: 'ð', DH: 'Ð', dj: 'đ', DJ: 'Đ', th: 'þ', TH: 'Þ', ng: 'ŋ', NG: 'Ŋ',
  textendash: '–', textemdash: '—', textellipsis: '…', ldots: '…', dots: '…', textquoteleft: '‘', textquoteright: '’',
  textquotedblleft: '“', textquotedblright: '”', textquotesingle: "'", textquotedbl: '"', guillemotleft: '«',
  guillemotright: '»', guillemetleft: '«', guillemetright: '»', guilsinglleft: '‹', guilsinglright: '›', quotedblbase: '„',
  quotesinglbase: '‚', S: '§', P: '¶', textsection: '§', textparagraph: '¶', copyright: '©', textcopyright: '©',
  textregistered: '®', texttrademark: '™', textdegree: '°', textbullet: '•', textperiodcentered: '·', textdagger: '†',
  dag: '†', ddag: '‡', textasciitilde: '~', textasciicircum: '^', textbackslash: '\\', textbar: '|', textless: '<',
  textgreater: '>', textunderscore: '_', textbraceleft: '{', textbraceright: '}', textdollar: '$', pounds: '£',
  textsterling: '£', euro: '€', texteuro: '€', textyen: '¥', textcent: '¢', textonehalf: '½', textonequarter: '¼',
  textthreequarters: '¾', textmu: 'µ', textordfeminine: 'ª', textordmasculine: 'º', textexclamdown: '¡',
  textquestiondown: '¿', textnumero: '№', textminus: '−', TeX: 'TeX', LaTeX: 'LaTeX', LaTeXe: 'LaTeX2ε', BibTeX: 'BibTeX',
  XeTeX: 'XeTeX', LuaTeX: 'LuaTeX', hyphen: '-', slash: '/', textslash: '/', nbsp: '\u00a0', quad: ' ', qquad: ' ',
  enspace: ' ', thinspace: '\u2009', adddot: '.', addcomma: ',', addcolon: ':', addsemicolon: ';', addperiod: '.',
  addspace: ' ', addnbspace: '\u00a0', addthinspace: '\u2009', addnbthinspace: '\u202f', addabbrvspace: ' ',
  adddotspace: '. ', addslash: '/', addlowpenspace: ' ', addhighpenspace: ' ', addlpthinspace: '\u2009',
  addhpthinspace: '\u2009', ie: 'i.e.', eg: 'e.g.', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ',
  epsilon: 'ε', varepsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', vartheta: 'ϑ', iota: 'ι', kappa: 'κ', lambda: 'λ',
  mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', varpi: 'ϖ', rho: 'ρ', sigma: 'σ', varsigma: 'ς', tau: 'τ', upsilon: 'υ',
  phi: 'ϕ', varphi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω', Gamma: 'Γ', Delta: 'Δ', Theta: 'Θ', Lambda: 'Λ', Xi: 'Ξ',
  Pi: 'Π', Sigma: 'Σ', Upsilon: 'Υ', Phi: 'Φ', Psi: 'Ψ', Omega: 'Ω', times: '×', pm: '±', mp: '∓', cdot: '·',
  leq: '≤', le: '≤', geq: '≥', ge: '≥', neq: '≠', ne: '≠', approx: '≈', sim: '∼', infty: '∞', rightarrow: '→',
  to: '→', leftarrow: '←', Rightarrow: '⇒', leftrightarrow: '↔', partial: '∂', nabla: '∇', sum: '∑', prod: '∏',
  int: '∫', in: '∈', subset: '⊂', cup: '∪', cap: '∩', emptyset: '∅', forall: '∀', exists: '∃', ell: 'ℓ', prime: '′',
  circ: '∘', star: '⋆', ast: '∗', langle: '⟨', rangle: '⟩', vert: '|', mid: '|',
};

/** Commands written before a single-letter escape: `\&`, `\%`, and the like. */
const ESCAPES: Record<string, string> = {
  '&': '&', '%': '%', $: '$', '#': '#', _: '_', '{': '{', '}': '}', ',': '\u2009', ';': ' ', ':': ' ', '!': '',
  ' ': ' ', '-': '', '/': '', '@': '', '\\': ' ', '|': '|',
};

/** Commands whose one argument gets a mark. */
const MARKS: Record<string, Span['mark']> = {
  emph: 'i', textit: 'i', textsl: 'i', mkbibemph: 'i', mkbibitalic: 'i', em: 'i',
  textbf: 'b', mkbibbold: 'b', textsc: 'sc', textsuperscript: 'sup', mkbibsuperscript: 'sup',
  textsubscript: 'sub', mkbibsubscript: 'sub', enquote: 'quote', mkbibquote: 'quote', NoCaseChange: 'nocase',
  texttt: 'plain', textnormal: 'plain', textrm: 'plain', textsf: 'plain', textmd: 'plain', textup: 'plain',
  mbox: 'plain', hbox: 'plain', text: 'plain', ensuremath: 'plain', mkbibacro: 'plain', autocap: 'plain',
  url: 'plain', nolinkurl: 'plain', path: 'plain',
  uppercase: 'plain', MakeUppercase: 'plain', lowercase: 'plain', MakeLowercase: 'plain', MakeTextUppercase: 'plain',
  MakeTextLowercase: 'plain', MakeCapital: 'plain', MakeSentenceCase: 'plain', mkbibnamefamily: 'plain',
};

/** Declarations that mark the rest of their group: `{\em ...}`, `{\bfseries ...}`. */
const DECLARATIONS: Record<string, Span['mark']> = {
  em: 'i', it: 'i', itshape: 'i', sl: 'i', slshape: 'i', bf: 'b', bfseries: 'b', sc: 'sc', scshape: 'sc',
  rm: 'plain', sf: 'plain', tt: 'plain', upshape: 'plain', normalfont: 'plain', mdseries: 'plain', rmfamily: 'plain',
  sffamily: 'plain', ttfamily: 'plain', small: 'plain', footnotesize: 'plain', large: 'plain', Large: 'plain',
};

/** Commands whose arguments are dropped: sorting and indexing hints, hyphenation, colours. */
const DROPPED = new Set(['noopsort', 'sortnoop', 'SortNoop', 'index', 'label', 'hyphenation', 'nocite', 'ignorespaces', 'cite']);

/** Commands with two arguments of which the second is the text. */
const SECOND_ARGUMENT = new Set(['href', 'textcolor', 'foreignlanguage', 'hyperlink']);

/** Words biblatex's `\bibstring` and localisation keys stand for, in English. */
export const BIBSTRINGS: Record<string, string> = {
  bathesis: "Bachelor's thesis", mathesis: "Master's thesis", phdthesis: 'PhD thesis', candthesis: 'Candidate thesis',
  techreport: 'technical report', resreport: 'research report', software: 'computer software', datacd: 'CD-ROM',
  audiocd: 'audio CD', patent: 'patent', patentde: 'German patent', patenteu: 'European patent', patentfr: 'French patent',
  patentuk: 'British patent', patentus: 'U.S. patent', patreq: 'patent request', patreqde: 'German patent request',
  patreqeu: 'European patent request', patreqfr: 'French patent request', patrequk: 'British patent request',
  patrequs: 'U.S. patent request', jourser: 'series', newseries: 'new series', oldseries: 'old series',
  inpreparation: 'in preparation', submitted: 'submitted', forthcoming: 'forthcoming', inpress: 'in press',
  prepublished: 'pre-published', volume: 'volume', edition: 'edition', number: 'number', chapter: 'chapter',
  pages: 'pages', reprint: 'reprint', translationof: 'translation of', version: 'version', andothers: 'et al.',
  mastersthesis: "Master's thesis", online: 'online', audio: 'audio', video: 'video', book: 'book', report: 'report',
};

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

function serialise(inlines: readonly Inline[], quoteDepth: number): string {
  return inlines
    .map((inline) => {
      if (typeof inline === 'string') return inline;
      const inner = serialise(inline.children, inline.mark === 'quote' ? quoteDepth + 1 : quoteDepth);
      if (!inner.trim()) return inner;
      switch (inline.mark) {
        case 'i':
          return `<i>${inner}</i>`;
        case 'b':
          return `<b>${inner}</b>`;
        case 'sc':
          return `<span style="font-variant:small-caps;">${inner}</span>`;
        case 'sup':
          return `<sup>${inner}</sup>`;
        case 'sub':
          return `<sub>${inner}</sub>`;
        case 'nocase':
          return `<span class="nocase">${inner}</span>`;
        case 'quote':
          return quoteDepth % 2 === 0 ? `“${inner}”` : `‘${inner}’`;
        default:
          return inner;
      }
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
