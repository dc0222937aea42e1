import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Whether a bind address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || host.startsWith('127.');
}

/**
 * Refuses requests a loopback-only server should never see: a Host header that
 * is not this machine (a DNS-rebinding page in the user's browser), and a write
 * from another site's page (cross-site request forgery).
 */
export function guardRequest(request: IncomingMessage, options: { loopbackOnly: boolean }): void {
  const host = request.headers.host ?? '';
  if (options.loopbackOnly) {
    const name = host.replace(/:\d+$/, '').toLowerCase();
    if (!LOOPBACK_NAMES.has(name) && !name.startsWith('127.')) {
      throw new HttpError(403, `host '${host}' is not served; the preview answers only on localhost (start it with --host to serve other names)`);
    }
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const origin = request.headers.origin;
    if (request.headers['sec-fetch-site'] === 'cross-site' || (origin !== undefined && origin !== 'null' && hostOf(origin) !== host.toLowerCase())) {
      throw new HttpError(403, 'requests that change files must come from the preview page itself');
    }
  }
}

/** Reads a JSON request body of at most `limit` bytes. */
export async function readJsonBody(request: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'send the body as JSON (Content-Type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `request body larger than ${limit / 1024} KB`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new HttpError(400, `request body is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}
