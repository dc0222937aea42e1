import { plainText, type Inline } from './latex-text.js';

/**
 * A title in sentence case by APA's rule (Publication Manual, 7th ed., 6.17):
 * the first word, and the first word after a colon, em dash or end punctuation,
 * begin with a capital; every other capitalised word is put in lower case.
 * Proper nouns and acronyms stay as written: a .bib file marks them by braces
 * (`{UNESCO}`, `{Texas}`), and words in capitals (`TCP`), with a capital inside
 * (`iPad`) or with digits (`GL17`) are left alone, as are quotations and the
 * pronoun "I". Hyphenated compounds are two words ("Between-group").
 */
export function sentenceCase(inlines: readonly Inline[]): Inline[] {
  const state: CaseState = { start: true, after: false };
  return walk(inlines, state);
}

/** Whether the next word starts a sentence, and whether the last mark ended one. */
interface CaseState {
  start: boolean;
  after: boolean;
}

function walk(inlines: readonly Inline[], state: CaseState): Inline[] {
  return inlines.map((inline) => {
    if (typeof inline === 'string') return caseText(inline, state);
    if (inline.mark === 'nocase' || inline.mark === 'quote') {
      const text = plainText([inline]);
      if (/[\p{L}\p{N}]/u.test(text)) state.start = /[.?!:—]\s*$/.test(text);
      return inline;
    }
    return { ...inline, children: walk(inline.children, state) };
  });
}

const TOKEN = /[\p{L}\p{M}\p{N}]+|\s+|[^\p{L}\p{M}\p{N}\s]+/gu;

function caseText(text: string, state: CaseState): string {
  return text.replace(TOKEN, (token) => {
    if (/^\s/.test(token)) {
      if (state.after) state.start = true;
      state.after = false;
      return token;
    }
    if (!/[\p{L}\p{N}]/u.test(token)) {
      state.after = /[.?!:—]$/.test(token);
      return token;
    }
    state.after = false;
    const capitalised = /^\p{Lu}[\p{Ll}\p{M}]*$/u.test(token);
    let cased = token;
    if (state.start) {
      if (capitalised || /^[\p{Ll}\p{M}]+$/u.test(token)) cased = token.charAt(0).toUpperCase() + token.slice(1).toLowerCase();
    } else if (capitalised && token !== 'I' && (token.length > 1 || token === 'A')) cased = token.toLowerCase();
    state.start = false;
    return cased;
  });
}
