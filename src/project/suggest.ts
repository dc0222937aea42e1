import { distance } from 'fastest-levenshtein';

/**
 * The known values closest to a mistyped one, best first. A value is close when
 * its edit distance is at most a third of its length (minimum 2; 1 for words of
 * up to three letters), when two neighbouring letters are swapped, when one starts
 * with the other, or when each hyphenated word typed abbreviates or nearly
 * matches a word of the value ("tech-acess" → "technology-access").
 */
export function nearest(input: string, known: Iterable<string>, limit = 3): string[] {
  return scoredNearest(input, known)
    .slice(0, limit)
    .map(({ value }) => value);
}

/** " (did you mean 'x'?)" or " (did you mean 'x' or 'y'?)", or "" when nothing is close; a second value only when it is as close as the first. */
export function didYouMean(input: string, known: Iterable<string>): string {
  const close = closest(input, known);
  if (close.length === 0) return '';
  return ` (did you mean ${close.map((value) => `'${value}'`).join(' or ')}?)`;
}

/** The one or two known values closest to a mistyped one (two only when equally close); none when nothing is close. */
export function closest(input: string, known: Iterable<string>): string[] {
  const scored = scoredNearest(input, known);
  return scored.filter(({ score }) => score === scored[0]?.score).slice(0, 2).map(({ value }) => value);
}

function scoredNearest(input: string, known: Iterable<string>): { value: string; score: number }[] {
  const wanted = input.toLowerCase();
  const scored: { value: string; score: number }[] = [];
  for (const value of known) {
    const candidate = value.toLowerCase();
    const edits = distance(wanted, candidate);
    const longer = Math.max(wanted.length, candidate.length);
    // A short word is one edit from a few others and two from many: allow one.
    const allowed = longer <= 3 ? 1 : Math.max(2, Math.floor(longer / 3));
    const sharesStem = wanted.length >= 4 && (candidate.startsWith(wanted) || wanted.startsWith(candidate));
    if (edits <= allowed || swapsTwoLetters(wanted, candidate)) scored.push({ value, score: Math.min(edits, allowed) });
    else if (sharesStem || wordsMatch(wanted, candidate)) scored.push({ value, score: allowed + 1 });
  }
  return scored.sort((a, b) => a.score - b.score || a.value.localeCompare(b.value));
}

/** Whether two words differ only by two neighbouring letters swapped ("pfd" for "pdf"), one slip of the fingers. */
function swapsTwoLetters(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differ = [...a].flatMap((char, index) => (char === b[index] ? [] : [index]));
  return differ.length === 2 && differ[1] === differ[0]! + 1 && a[differ[0]!] === b[differ[1]!] && a[differ[1]!] === b[differ[0]!];
}

function wordsMatch(wanted: string, candidate: string): boolean {
  const typed = wanted.split(/[-_\s]+/).filter(Boolean);
  const words = candidate.split(/[-_\s]+/).filter(Boolean);
  if (typed.length < 2 || typed.length > words.length) return false;
  return typed.every((word) =>
    words.some((other) => (word.length >= 3 && other.startsWith(word)) || (word.length >= 4 && distance(word, other) <= 1)),
  );
}
