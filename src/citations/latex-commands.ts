// What the LaTeX commands found in bibliography fields stand for.
import type { Mark } from './latex-text.js';

/** Accent commands and the Unicode combining mark each puts on its letter. */
export const ACCENTS: Record<string, string> = {
  "'": '\u0301', '`': '\u0300', '^': '\u0302', '"': '\u0308', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030c', H: '\u030b', c: '\u0327', d: '\u0323', b: '\u0331', r: '\u030a', k: '\u0328', t: '\u0361',
};

/** Commands that stand for a character or a word. */
export const SYMBOLS: Record<string, string> = {
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
export const ESCAPES: Record<string, string> = {
  '&': '&', '%': '%', $: '$', '#': '#', _: '_', '{': '{', '}': '}', ',': '\u2009', ';': ' ', ':': ' ', '!': '',
  ' ': ' ', '-': '', '/': '', '@': '', '\\': ' ', '|': '|',
};

/** Commands whose one argument gets a mark. */
export const MARKS: Record<string, Mark> = {
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
export const DECLARATIONS: Record<string, Mark> = {
  em: 'i', it: 'i', itshape: 'i', sl: 'i', slshape: 'i', bf: 'b', bfseries: 'b', sc: 'sc', scshape: 'sc',
  rm: 'plain', sf: 'plain', tt: 'plain', upshape: 'plain', normalfont: 'plain', mdseries: 'plain', rmfamily: 'plain',
  sffamily: 'plain', ttfamily: 'plain', small: 'plain', footnotesize: 'plain', large: 'plain', Large: 'plain',
};

/** Commands whose arguments are dropped: sorting and indexing hints, hyphenation, colours. */
export const DROPPED = new Set(['noopsort', 'sortnoop', 'SortNoop', 'index', 'label', 'hyphenation', 'nocite', 'ignorespaces', 'cite']);

/** Commands with two arguments of which the second is the text. */
export const SECOND_ARGUMENT = new Set(['href', 'textcolor', 'foreignlanguage', 'hyperlink']);

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
