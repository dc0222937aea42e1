import { createHash } from 'node:crypto';

/** A short content hash (sha-256, 16 hex digits). */
export function hash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}
