// The floor a batch of briefs is measured against: Chromium launched by
// puppeteer with the flags briefwright starts it with, then each brief's finished HTML given to setContent() and
// printed with a bare page.pdf(), `pages` pages at a time. Nothing else:
// no project, no citations, no PDF/UA finishing.
//
// Imported by the benchmark to time it inside its own process, and run as a
// process of its own, as a user's script would be, to time it as a whole:
//   node bench/bare-floor.mjs <folder of .html files> <pages> [--tagged]
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer';
import { LAUNCH_ARGS, SINGLE_PROCESS_ARGS } from '../dist/render/chromium-process.js';
import { findChrome } from '../dist/render/find-chrome.js';

/** @type {import('./bare-floor.d.mts').bareFloor} */
export async function bareFloor(htmls, pages, options = {}) {
  const started = performance.now();
  const browser = await puppeteer.launch({ executablePath: findChrome().path, args: [...LAUNCH_ARGS, ...SINGLE_PROCESS_ARGS], headless: true });
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: pages }, async () => {
        const page = await browser.newPage();
        while (next < htmls.length) {
          const html = htmls[next++];
          await page.setContent(html, { waitUntil: 'load' });
          await page.pdf({ format: 'Letter', printBackground: true, ...options });
        }
        await page.close();
      }),
    );
  } finally {
    await browser.close();
  }
  return (performance.now() - started) / 1000;
}

/** @type {import('./bare-floor.d.mts').htmlsIn} */
export async function htmlsIn(folder) {
  const files = (await readdir(folder)).filter((file) => file.endsWith('.html')).sort();
  return Promise.all(files.map((file) => readFile(path.join(folder, file), 'utf8')));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [folder, pages = '2', ...flags] = process.argv.slice(2);
  if (!folder) throw new Error('usage: node bench/bare-floor.mjs <folder of .html files> <pages> [--tagged]');
  const htmls = await htmlsIn(folder);
  const tagged = flags.includes('--tagged');
  await bareFloor(htmls, Number(pages), tagged ? { tagged: true, outline: true } : {});
}
