import { distance } from 'fastest-levenshtein';

/**
 * The known values closest to a mistyped one, best first: close enough to be a
 * plausible typo (edit distance at most a third of the word, minimum 2) or
 * sharing a prefix of four or more characters.
 */
export function nearest(input: string, known: Iterable<string>, limit = 3): string[] {
  const wanted = input.toLowerCase();
  const scored: { value: string; score: number }[] = [];
  for (const value of known) {
    const candidate = value.toLowerCase();
    const edits = distance(wanted, candidate);
    const allowed = Math.max(2, Math.floor(Math.max(wanted.length, candidate.length) / 3));
    const sharesStem = wanted.length >= 4 && (candidate.startsWith(wanted) || wanted.startsWith(candidate));
    if (edits <= allowed || sharesStem) scored.push({ value, score: sharesStem ? Math.min(edits, 1) : edits });
  }
  scored.sort((a, b) => a.score - b.score || a.value.localeCompare(b.value));
  return scored.slice(0, limit).map(({ value }) => value);
}

/** " (did you mean 'x'?)" or " (did you mean 'x' or 'y'?)", or "" when nothing is close. */
export function didYouMean(input: string, known: Iterable<string>): string {
  const close = nearest(input, known, 2);
  if (close.length === 0) return '';
  return ` (did you mean ${close.map((value) => `'${value}'`).join(' or ')}?)`;
}
