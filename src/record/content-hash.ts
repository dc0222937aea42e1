import { createHash } from 'node:crypto';

/** A short content hash (sha-256, 16 hex digits). */
export function hash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** A full content hash (sha-256, 64 hex digits), for keys that name cached results. */
export function fullHash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
