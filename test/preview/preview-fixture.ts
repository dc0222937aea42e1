import { request as httpRequest } from 'node:http';
import { startPreview, type PreviewOptions, type PreviewServer } from '../../src/preview/preview-server.js';
import { copyFixture } from '../helpers/fixture.js';

/** A preview server over a fresh copy of a fixture project. */
export interface FixturePreview {
  root: string;
  server: PreviewServer;
  /** Problems the server logged. */
  logged: string[];
  /** An absolute URL on the server. */
  url(path: string): string;
  close(): Promise<void>;
}

/** Copies a fixture and serves it on a free loopback port. */
export async function startFixturePreview(fixture = 'basic', options: Partial<PreviewOptions> = {}): Promise<FixturePreview> {
  const { root, cleanup } = await copyFixture(fixture);
  const logged: string[] = [];
  const server = await startPreview({ root, port: 0, debounceMs: 50, log: (line) => logged.push(line), ...options });
  return {
    root,
    server,
    logged,
    url: (path) => new URL(path, server.url).toString(),
    async close() {
      await server.close();
      await cleanup();
    },
  };
}

/** A raw HTTP request, for headers fetch will not send as given (Host). */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const request = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Reads server-sent events from a response until one named `name` arrives (or the time runs out). */
export async function waitForEvent(reader: ReadableStreamDefaultReader<Uint8Array>, name: string, timeoutMs = 10_000): Promise<unknown> {
  const decoder = new TextDecoder();
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<undefined>((resolve) => setTimeout(resolve, Math.max(1, deadline - Date.now()))),
    ]);
    if (!chunk || chunk.done) break;
    buffer += decoder.decode(chunk.value, { stream: true });
    for (const frame of buffer.split('\n\n')) {
      const event = /^event: (.+)$/m.exec(frame)?.[1];
      const data = /^data: (.+)$/m.exec(frame)?.[1];
      if (event === name && data) return JSON.parse(data);
    }
  }
  throw new Error(`no '${name}' event within ${timeoutMs} ms (got: ${JSON.stringify(buffer)})`);
}
