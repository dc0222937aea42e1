import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import puppeteer from 'puppeteer';
import { BrowserSession } from '../../src/render/browser-session.js';
import { LAUNCH_ARGS, SINGLE_PROCESS_ARGS } from '../../src/render/chromium-process.js';
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
/** A PDF's bytes without the time of printing Chromium stamps on it. */
const undated = (bytes: Uint8Array) => asText(bytes).replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, '/$1 ()');

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
    // The same in a brief with embedded fonts, which a page swaps into the document holding them.
    const face = '@font-face { font-family: "F"; src: url("data:font/woff2;base64,AAAA") format("woff2"); }';
    await session.print(hostile.replace('<title>t</title>', `<title>t</title><style>${face}</style>`), { format: 'Letter' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(connections).toBe(0);
  });

  it('fails a print that takes too long, then prints the next one', async () => {
    const long = PAGE('<p>text</p>'.repeat(20_000));
    await expect(session.print(long, { format: 'Letter', timeoutMs: 5 })).rejects.toThrow(/printing timed out after/);
    const pdf = await session.print(PAGE('<p>after</p>'), { format: 'Letter' });
    expect(asText(pdf).startsWith('%PDF-')).toBe(true);
  });

  it('prints briefs with embedded fonts exactly as a fresh page prints them, in any order', async () => {
    const font = (file: string) =>
      `data:font/woff2;base64,${readFileSync(createRequire(import.meta.url).resolve(`@fontsource/public-sans/files/${file}`)).toString('base64')}`;
    const fonts = `@font-face { font-family: "P"; font-weight: 400; src: url("${font('public-sans-latin-400-normal.woff2')}") format("woff2"); }
      @font-face { font-family: "P"; font-weight: 700; src: url("${font('public-sans-latin-700-normal.woff2')}") format("woff2"); }`;
    const dot = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/ePo1NwAAAABJRU5ErkJggg==';
    const brief = (lang: string, title: string, body: string) =>
      `<!DOCTYPE html><html lang="${lang}"><head><title>${title}</title><style>${fonts} body { font-family: "P"; } h1 { color: #1d4e89; }</style></head><body>${body}</body></html>`;
    const briefs = [
      brief('en', 'One', `<h1>One</h1><p>Plain <strong>bold</strong> text.</p><img src="${dot}" alt="dot" width="40" height="40">`),
      brief('fr', 'Deux', '<h1>Deux</h1>' + '<p>Une page de texte.</p>'.repeat(200)),
    ];
    const options = { format: 'Letter', printBackground: true, tagged: true, outline: true } as const;
    const browser = await puppeteer.launch({ executablePath: findChrome().path, args: [...LAUNCH_ARGS], headless: true });
    const fresh: Uint8Array[] = [];
    try {
      for (const html of briefs) {
        const page = await browser.newPage();
        await page.setJavaScriptEnabled(false);
        await page.setContent(html, { waitUntil: 'load' });
        fresh.push(await page.pdf(options));
        await page.close();
      }
    } finally {
      await browser.close();
    }
    const single = new BrowserSession({ browser: () => findChrome(), pages: 1 });
    try {
      for (const index of [0, 1, 0, 1, 1]) expect(undated(await single.print(briefs[index]!, options))).toBe(undated(fresh[index]!));
    } finally {
      await single.close();
    }
    expect(asText(fresh[0]!)).toMatch(/\/Subtype\s*\/Image/);
  });

  it('prints with the pages it warmed, and runs no renderer beyond them', async () => {
    const pooled = new BrowserSession({ browser: () => findChrome(), pages: 2 });
    try {
      const face = '@font-face { font-family: "F"; src: url("data:font/woff2;base64,AAAA") format("woff2"); }';
      const brief = (text: string) => PAGE(`<p>${text}</p>`).replace('<title>t</title>', `<title>t</title><style>${face}</style>`);
      pooled.warm(brief(''));
      pooled.warm(brief(''));
      // Warmed twice, it opens one pool; prints asked for before its pages are ready wait for them rather than open more.
      const pdfs = await Promise.all(Array.from({ length: 6 }, (_, index) => pooled.print(brief(`brief ${index}`), { format: 'Letter' })));
      expect(pdfs.every((pdf) => asText(pdf).startsWith('%PDF-'))).toBe(true);
      expect(await pooled.openPages()).toBe(2);
      // As one process, the browser holds its pages itself; otherwise each has a renderer of its own.
      expect(renderers((await pooled.pid())!)).toHaveLength(SINGLE_PROCESS_ARGS.length > 0 ? 0 : 2);
    } finally {
      await pooled.close();
    }
  });

  it('restarts the browser after it crashes, prints the brief it stopped under again, and keeps its pages apart from then on', async () => {
    await session.print(PAGE('<p>before</p>'), { format: 'Letter' });
    const pid = await session.pid();
    expect(pid).toBeTypeOf('number');
    const printing = session.print(PAGE('<p>x</p>'.repeat(20_000)), { format: 'Letter' });
    process.kill(pid!, 'SIGKILL');
    expect(asText(await printing).startsWith('%PDF-')).toBe(true);
    const restarted = await session.pid();
    expect(restarted).not.toBe(pid);
    const pdf = await session.print(PAGE('<p>after the crash</p>'), { format: 'Letter' });
    expect(asText(pdf).startsWith('%PDF-')).toBe(true);
    expect(renderers(restarted!).length).toBeGreaterThan(0);
  });

  it('fails a print asked for after it closed, and starts no browser for it', async () => {
    const closing = new BrowserSession({ browser: () => findChrome(), pages: 1 });
    await closing.print(PAGE('<p>open</p>'), { format: 'Letter' });
    await closing.close();
    await expect(closing.print(PAGE('<p>late</p>'), { format: 'Letter' })).rejects.toThrow(/browser was closed/);
    expect(await closing.pid()).toBeUndefined();
  });
});

/** The renderer processes below a browser process, read from /proc. */
function renderers(browser: number): number[] {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const stat = read(`/proc/${name}/stat`);
    parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const below = (pid: number): boolean => {
    for (let parent = parents.get(pid); parent !== undefined && parent > 1; parent = parents.get(parent)) if (parent === browser) return true;
    return false;
  };
  return [...parents.keys()].filter((pid) => below(pid) && read(`/proc/${pid}/cmdline`).includes('--type=renderer'));
}
