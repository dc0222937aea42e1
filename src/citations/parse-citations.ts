import { parseSuffix } from './locators.js';

/** One cited work inside a citation. */
export interface CiteItem {
  key: string;
  prefix: string;
  suffix: string;
  locator?: string;
  label?: string;
  /** `-@key`: print the year only. */
  suppressAuthor: boolean;
  /** Offset of the key's `@` in the scanned text. */
  offset: number;
}

/** A citation as written: `[see @a, p. 3; @b]` (bracketed) or `@a [p. 3]` (narrative). */
export interface CitationMatch {
  narrative: boolean;
  items: CiteItem[];
  /** Offsets of the whole citation in the scanned text. */
  start: number;
  end: number;
}

// Pandoc's citation key: starts with a letter, digit or underscore; may contain
// internal punctuation; trailing punctuation belongs to the sentence.
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&+?<>~/-](?=[\p{L}\p{N}_]))*`;
const KEY_AT = new RegExp(String.raw`(-?)@(?:\{([^{}]+)\}|(${KEY}))`, 'u');
const NARRATIVE = new RegExp(String.raw`@(?:\{([^{}]+)\}|(${KEY}))(?:( ?)\[([^\[\]@]*)\])?`, 'gu');
const WORDLIKE = /[\p{L}\p{N}_.+-]/u;
/** Quarto's cross-reference keys (`@fig-x`, `@tbl-x`, `@sec-x`, capitalised or not): never citations. */
export const CROSS_REFERENCE_KEY = /^(?:fig|tbl|sec)-/i;

/** Finds every Pandoc-style citation in a run of plain text, in order. */
export function findCitations(text: string): CitationMatch[] {
  const found: CitationMatch[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf('[', cursor);
    const at = text.indexOf('@', cursor);
    if (at === -1) break;
    if (open !== -1 && open < at) {
      const bracketed = matchBracketed(text, open);
      if (bracketed) {
        found.push(bracketed);
        cursor = bracketed.end;
      } else cursor = open + 1;
      continue;
    }
    const narrative = matchNarrative(text, at);
    if (narrative) {
      found.push(narrative);
      cursor = narrative.end;
    } else cursor = at + 1;
  }
  return found;
}

function matchBracketed(text: string, open: number): CitationMatch | undefined {
  const close = findClose(text, open);
  if (close === -1) return undefined;
  const inner = text.slice(open + 1, close);
  const items: CiteItem[] = [];
  let partStart = open + 1;
  for (const part of splitParts(inner)) {
    const match = KEY_AT.exec(part);
    if (!match || CROSS_REFERENCE_KEY.test(match[2] ?? match[3]!)) return undefined;
    const prefix = part.slice(0, match.index);
    // "name@example.org" is an address, not a citation: the @ must start a word.
    if (prefix !== '' && !/\s$/.test(prefix)) return undefined;
    const { label, locator, suffix } = parseSuffix(part.slice(match.index + match[0].length));
    items.push({
      key: match[2] ?? match[3]!,
      prefix: prefix.trimStart(),
      suffix,
      label,
      locator,
      suppressAuthor: match[1] === '-',
      offset: partStart + match.index + match[1]!.length,
    });
    partStart += part.length + 1;
  }
  return items.length > 0 ? { narrative: false, items, start: open, end: close + 1 } : undefined;
}

function matchNarrative(text: string, at: number): CitationMatch | undefined {
  const before = text[at - 1];
  if (before !== undefined && WORDLIKE.test(before)) return undefined;
  NARRATIVE.lastIndex = at;
  const match = NARRATIVE.exec(text);
  if (!match || match.index !== at || CROSS_REFERENCE_KEY.test(match[1] ?? match[2]!)) return undefined;
  const bracket = match[4];
  const { label, locator, suffix } = bracket === undefined ? { suffix: '' } : parseSuffix(bracket);
  return {
    narrative: true,
    items: [{ key: match[1] ?? match[2]!, prefix: '', suffix, label, locator, suppressAuthor: false, offset: at }],
    start: at,
    end: at + match[0].length,
  };
}

/** The `]` matching the `[` at `open`, skipping braced text; -1 if none. */
function findClose(text: string, open: number): number {
  let braces = 0;
  for (let index = open + 1; index < text.length; index += 1) {
    const char = text[index];
    if (char === '{') braces += 1;
    else if (char === '}') braces = Math.max(0, braces - 1);
    else if (braces === 0 && char === '[') return -1;
    else if (braces === 0 && char === ']') return index;
  }
  return -1;
}

/** Splits the inside of a bracket at semicolons outside braces. */
function splitParts(inner: string): string[] {
  const parts: string[] = [];
  let braces = 0;
  let start = 0;
  for (let index = 0; index < inner.length; index += 1) {
    const char = inner[index];
    if (char === '{') braces += 1;
    else if (char === '}') braces = Math.max(0, braces - 1);
    else if (char === ';' && braces === 0) {
      parts.push(inner.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts;
}
