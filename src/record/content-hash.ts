import { createHash } from 'node:crypto';

/** A short content hash (sha-256, 16 hex digits). */
export function hash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** A full content hash (sha-256, 64 hex digits), for keys that name cached results. */
export function fullHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

const repeated = new Map<string, string>();

/**
 * fullHash() of a text hashed again and again in a run (a style's or a
 * locale's XML, a section's source: once for every brief that uses it),
 * worked out once per text. The texts a long watch session has seen are
 * forgotten now and then, so edits never pile up.
 */
export function repeatedFullHash(text: string): string {
  let known = repeated.get(text);
  if (known === undefined) {
    if (repeated.size >= 4096) repeated.clear();
    known = fullHash(text);
    repeated.set(text, known);
  }
  return known;
}

/** hash() of a text hashed again and again in a run, worked out once per text (see repeatedFullHash). */
export function repeatedHash(text: string): string {
  return repeatedFullHash(text).slice(0, 16);
}
