import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/render/browser-session.js';
import { findChrome } from '../../src/render/find-chrome.js';

let session: BrowserSession;
let server: Server;
let connections = 0;
let base: string;

beforeAll(async () => {
  session = new BrowserSession({ browser: () => findChrome(), pages: 2 });
  server = createServer((_, response) => response.end('x'));
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await session.close();
  await new Promise((resolve) => server.close(resolve));
});

const PAGE = (body: string) => `<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`;
const asText = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('BrowserSession', () => {
  it('prints HTML to a PDF', async () => {
    const pdf = await session.print(PAGE('<h1>Hello</h1>'), { format: 'Letter' });
    expect(asText(pdf).startsWith('%PDF-')).toBe(true);
  });

  it('never reaches the network, whatever the HTML asks for', async () => {
    const hostile = PAGE(`
      <link rel="stylesheet" href="${base}/style.css">
      <style>@import url("${base}/import.css"); body { background: url("${base}/bg.png"); }</style>
      <img src="${base}/image.png" alt="x"><script src="${base}/script.js"></script>
      <script>fetch("${base}/fetch")</script><iframe src="${base}/frame"></iframe>
      <object data="${base}/object"></object><video src="${base}/video.mp4"></video>`);
    await session.print(hostile, { format: 'Letter' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connections).toBe(0);
  });

  it('fails a print that takes too long, then prints the next one', async () => {
    const long = PAGE('<p>text</p>'.repeat(20_000));
    await expect(session.print(long, { format: 'Letter', timeoutMs: 5 })).rejects.toThrow(/printing timed out after/);
    const pdf = await session.print(PAGE('<p>after</p>'), { format: 'Letter' });
    expect(asText(pdf).startsWith('%PDF-')).toBe(true);
  });

  it('restarts the browser after it crashes', async () => {
    await session.print(PAGE('<p>before</p>'), { format: 'Letter' });
    const pid = await session.pid();
    expect(pid).toBeTypeOf('number');
    const printing = session.print(PAGE('<p>x</p>'.repeat(20_000)), { format: 'Letter' });
    process.kill(pid!, 'SIGKILL');
    await expect(printing).rejects.toThrow(/browser stopped while printing|printing failed/);
    const pdf = await session.print(PAGE('<p>after the crash</p>'), { format: 'Letter' });
    expect(asText(pdf).startsWith('%PDF-')).toBe(true);
    expect(await session.pid()).not.toBe(pid);
  });
});
