import { latexToPlain, tidy } from './latex-text.js';

/** A person or organisation as CSL names it. */
export interface CslName {
  family?: string;
  given?: string;
  'dropping-particle'?: string;
  'non-dropping-particle'?: string;
  suffix?: string;
  literal?: string;
}

/** Splits a field at " and " outside braces, as BibTeX splits name and literal lists. */
export function splitAnd(raw: string): string[] {
  return splitOutsideBraces(raw, /\s+and\s+/iy).filter(Boolean);
}

/**
 * Reads a BibTeX name list: "First von Last", "von Last, First" or "von Last,
 * Jr, First" (the BibTeX manual's forms), biblatex's `family=..., given=...`
 * form, and braced names of organisations. `useprefix` decides whether a "von"
 * part sorts and prints with the family name (biblatex's default: it does not).
 */
export function parseNames(raw: string, useprefix: boolean): { names: CslName[]; others: boolean } {
  const parts = splitAnd(raw);
  const others = parts.length > 1 && parts[parts.length - 1]!.toLowerCase() === 'others';
  const names = (others ? parts.slice(0, -1) : parts).map((part) => parseName(part, useprefix)).filter((name) => Object.keys(name).length > 0);
  return { names, others };
}

function parseName(raw: string, useprefix: boolean): CslName {
  if (/^[a-z-]+\s*=/i.test(raw)) return extendedName(raw, useprefix);
  if (/^\{[^{}]*(\{[^{}]*\}[^{}]*)*\}$/.test(raw)) return { literal: text(raw.slice(1, -1)) };
  const commas = splitTopLevel(raw, ',');
  let first: string[] = [];
  let von: string[] = [];
  let last: string[] = [];
  let suffix: string[] = [];
  if (commas.length === 1) {
    const words = wordsOf(commas[0]!);
    const vonStart = words.findIndex((word, index) => index < words.length - 1 && isLowerCase(word));
    if (vonStart === -1) {
      first = words.slice(0, -1);
      last = words.slice(-1);
    } else {
      let vonEnd = vonStart;
      for (let index = vonStart; index < words.length - 1; index += 1) if (isLowerCase(words[index]!)) vonEnd = index;
      first = words.slice(0, vonStart);
      von = words.slice(vonStart, vonEnd + 1);
      last = words.slice(vonEnd + 1);
    }
  } else {
    const head = wordsOf(commas[0]!);
    let split = 0;
    while (split < head.length - 1 && isLowerCase(head[split]!)) split += 1;
    von = head.slice(0, split);
    last = head.slice(split);
    if (commas.length === 2) first = wordsOf(commas[1]!);
    else {
      suffix = wordsOf(commas[1]!);
      first = wordsOf(commas.slice(2).join(','));
    }
  }
  const name: CslName = {};
  if (last.length) name.family = text(last.join(' '));
  if (first.length) name.given = spaceInitials(text(first.join(' ')));
  if (von.length) name[useprefix ? 'non-dropping-particle' : 'dropping-particle'] = text(von.join(' '));
  if (suffix.length) name.suffix = text(suffix.join(' '));
  return name;
}

/** biblatex's extended name format: `family=Brandt, given=Ahasver, prefix=von, useprefix=true`. */
function extendedName(raw: string, useprefix: boolean): CslName {
  const parts = new Map(
    splitTopLevel(raw, ',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim().replace(/^\{(.*)\}$/s, '$1')] as const;
    }),
  );
  const prefixFirst = parts.has('useprefix') ? /^true$/i.test(parts.get('useprefix')!) : useprefix;
  const name: CslName = {};
  if (parts.get('family')) name.family = text(parts.get('family')!);
  if (parts.get('given')) name.given = spaceInitials(text(parts.get('given')!));
  if (parts.get('prefix')) name[prefixFirst ? 'non-dropping-particle' : 'dropping-particle'] = text(parts.get('prefix')!);
  if (parts.get('suffix')) name.suffix = text(parts.get('suffix')!);
  return name;
}

/** Splits at a character outside braces. */
export function splitTopLevel(raw: string, separator: string): string[] {
  return splitOutsideBraces(raw, new RegExp(separator.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'y'));
}

/** Splits text at a (sticky) separator wherever it occurs outside braces; parts trimmed. */
function splitOutsideBraces(raw: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < raw.length; index += 1) {
    const char = raw[index];
    if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
    else if (depth === 0) {
      separator.lastIndex = index;
      const found = separator.exec(raw);
      if (found) {
        parts.push(raw.slice(start, index));
        index += found[0].length - 1;
        start = index + 1;
      }
    }
  }
  parts.push(raw.slice(start));
  return parts.map((part) => part.trim());
}

function wordsOf(part: string): string[] {
  return splitTopLevel(part.replace(/~/g, ' ').replace(/\s+/g, ' '), ' ').filter(Boolean);
}

/**
 * Whether a name word is lower case in BibTeX's sense: its first letter outside
 * braces is lower case; `{\"u}ber`-style accents count by their letter; a word
 * wholly in braces is never lower case.
 */
function isLowerCase(word: string): boolean {
  let depth = 0;
  for (let index = 0; index < word.length; index += 1) {
    const char = word[index]!;
    if (char === '{') {
      if (depth === 0 && word[index + 1] === '\\') {
        const letter = /^\{\\[^A-Za-z]?\s*\{?([A-Za-z])/.exec(word.slice(index))?.[1];
        if (letter) return letter === letter.toLowerCase();
      }
      depth += 1;
    } else if (char === '}') depth -= 1;
    else if (depth === 0 && /\p{L}/u.test(char)) return char === char.toLowerCase() && char !== char.toUpperCase();
  }
  return false;
}

function text(raw: string): string {
  return tidy(latexToPlain(raw));
}

/** "J.G." as "J. G.", so initials print alike however they were typed. */
function spaceInitials(given: string): string {
  return given.replace(/(\p{Lu})\.(?=\p{Lu})/gu, '$1. ');
}
