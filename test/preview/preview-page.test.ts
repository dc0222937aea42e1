import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChrome } from '../../src/render/find-chrome.js';
import { readRecipe } from '../../src/project/recipe.js';
import { pdfFacts, pdfPages } from '../helpers/read-output.js';
import { startFixturePreview, type FixturePreview } from './preview-fixture.js';

const require = createRequire(import.meta.url);

// The page is driven in real Chromium, as a person would use it. (The server
// prints PDFs with its own browser session; this one stands in for the user's.)
let preview: FixturePreview;
let browser: Browser;
let page: Page;
let downloads: string;

beforeAll(async () => {
  preview = await startFixturePreview();
  downloads = await mkdtemp(path.join(os.tmpdir(), 'briefwright-downloads-'));
  browser = await puppeteer.launch({ executablePath: findChrome().path, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  const session = await browser.target().createCDPSession();
  await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
});
afterAll(async () => {
  await browser?.close();
  await preview?.close();
  await rm(downloads, { recursive: true, force: true });
});

/** The frame showing the brief, once it shows a brief for `query`. */
async function briefFrame(query: string): Promise<Frame> {
  await page.waitForFunction((q) => document.querySelector('iframe#preview')?.getAttribute('src') === `/brief.html?${q}`, {}, query);
  let frame: Frame | undefined;
  for (let attempt = 0; attempt < 100 && !frame; attempt += 1) {
    frame = page.frames().find((candidate) => candidate.url().endsWith(`/brief.html?${query}`));
    if (!frame) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!frame) throw new Error(`no frame for ${query}`);
  await frame.waitForSelector('h1');
  return frame;
}

/** The address's query for picks, with the layout menus at their defaults (the form always sends them). */
const picks = (query: string, extra = '') => `${query}&template=brief&theme=default&style=apa&paper=letter${extra}`;

const texts = (frame: Frame, selector: string) => frame.$$eval(selector, (nodes) => nodes.map((node) => node.textContent?.replace(/\s+/g, ' ').trim()));
const textOf = (selector: string) => page.$eval(selector, (node) => node.textContent?.replace(/\s+/g, ' ').trim());

describe('the preview page in a browser', () => {
  it('starts with nothing picked, downloads off, and every choice labelled', async () => {
    const response = await page.goto(preview.url('/'), { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== '');
    expect(await textOf('#status')).toBe("Pick at least one population (or 'all').");
    expect(await page.$eval('#download-pdf', (link) => link.getAttribute('aria-disabled'))).toBe('true');
    expect(await page.$eval('iframe#preview', (frame) => [frame.getAttribute('sandbox'), frame.getAttribute('title')])).toEqual(['', 'Brief preview']);
    const unlabelled = await page.$$eval('input:not([type=hidden]), select', (fields) =>
      fields.filter((field) => !document.querySelector(`label[for="${field.id}"]`) && !field.closest('label')).map((field) => field.outerHTML),
    );
    expect(unlabelled).toEqual([]);
    expect(await textOf('label[for="population-english-learners"]')).toBe('English learners 3 sections');
    expect(await textOf('#population-english-learners-description')).toBe('Students learning English alongside academic content.');
  });

  it('shows the picked brief in the frame, and follows ticks and unticks', async () => {
    await page.click('#population-english-learners');
    await page.click('#topic-technology-access');
    let frame = await briefFrame(picks('population=english-learners&topic=technology-access'));
    expect(await texts(frame, 'h1')).toEqual(['Technology Access for English Learners']);
    expect(await texts(frame, 'section.section h3')).toEqual(['Who English learners are', 'Gaps in devices and connectivity']);
    expect(await textOf('#status')).toBe('Technology Access for English Learners: 2 sections.');
    expect(await textOf('[data-count-population="students-with-disabilities"]')).toBe('1 section');
    expect(new URL(page.url()).search).toBe(`?${picks('population=english-learners&topic=technology-access')}`);

    await page.click('#population-students-with-disabilities');
    frame = await briefFrame(picks('population=english-learners&population=students-with-disabilities&topic=technology-access'));
    expect(await texts(frame, 'section.section h3')).toEqual([
      'Who English learners are',
      'Gaps in devices and connectivity',
      'Design for every learner from the start',
    ]);
    expect(await page.$eval('#download-pdf', (link) => link.getAttribute('aria-disabled'))).toBeNull();

    await page.click('#population-english-learners');
    frame = await briefFrame(picks('population=students-with-disabilities&topic=technology-access'));
    expect(await texts(frame, 'section.section h3')).toEqual(['Design for every learner from the start']);
    await page.click('#population-english-learners');
    await briefFrame(picks('population=english-learners&population=students-with-disabilities&topic=technology-access'));
    expect(await page.$eval('#slug', (input) => (input as HTMLInputElement).value)).toBe('english-learners-students-with-disabilities-technology-access');
  });

  it('downloads the PDF through the server, and it reads back as the brief', async () => {
    const name = 'english-learners-students-with-disabilities-technology-access.pdf';
    await page.click('#download-pdf');
    const file = path.join(downloads, name);
    await page.waitForFunction(() => /^Downloaded /.test(document.getElementById('status')?.textContent ?? ''), { timeout: 30_000 });
    for (let attempt = 0; attempt < 100 && !existsSync(file); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await textOf('#status')).toMatch(new RegExp(`^Downloaded ${name} \\(\\d+ pages?\\)\\.$`));
    const text = pdfPages(file).join('\n');
    expect(text).toContain('Design for every learner from the start');
    expect(text).toMatch(/Rose, D\. H\., & Meyer, A\. \(2002\)/);
    expect((await pdfFacts(file)).title).toBe('Technology Access for English Learners and Students with Disabilities');
  });

  it('saves the choices as a recipe, and will not overwrite it unless asked', async () => {
    await page.type('#title', 'Devices and Design');
    await page.$eval('#slug', (input) => ((input as HTMLInputElement).value = ''));
    await page.type('#slug', 'from-the-page');
    await page.click('#save button[type=submit]');
    await page.waitForFunction(() => document.getElementById('save-status')?.textContent !== '');
    expect(await textOf('#save-status')).toBe('Saved briefs/from-the-page.yaml. Build it with: briefwright build from-the-page');
    const recipe = await readRecipe(preview.root, 'briefs/from-the-page.yaml');
    expect(recipe.fields).toMatchObject({
      title: 'Devices and Design',
      populations: ['english-learners', 'students-with-disabilities'],
      topics: ['technology-access'],
      template: 'brief',
      theme: 'default',
      style: 'apa',
      paper: 'letter',
    });

    await page.click('#save button[type=submit]');
    await page.waitForFunction(() => /^Not saved/.test(document.getElementById('save-status')?.textContent ?? ''));
    expect(await textOf('#save-status')).toBe('Not saved: briefs/from-the-page.yaml already exists; tick "replace" to overwrite it');
    await page.click('#overwrite');
    await page.click('#save button[type=submit]');
    await page.waitForFunction(() => /^Saved/.test(document.getElementById('save-status')?.textContent ?? ''));
  });

  it('reloads the frame when a section changes, and the whole page when the taxonomy does', async () => {
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const section = path.join(preview.root, 'content/sections/barriers/device-gaps.md');
    await writeFile(section, (await readFile(section, 'utf8')).replace('title: Gaps in devices and connectivity', 'title: Devices and connections still missing'));
    const query = picks('population=english-learners&population=students-with-disabilities&topic=technology-access', '&title=Devices+and+Design');
    await page.waitForFunction((q) => document.querySelector('iframe#preview')?.getAttribute('src') === `/brief.html?${q}`, {}, query);
    const frame = page.frames().find((candidate) => candidate.url().endsWith(`/brief.html?${query}`))!;
    await frame.waitForFunction(() => Array.from(document.querySelectorAll('section.section h3')).some((h) => h.textContent === 'Devices and connections still missing'), { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

    const taxonomy = path.join(preview.root, 'content/taxonomy.yaml');
    await writeFile(taxonomy, (await readFile(taxonomy, 'utf8')).replace('label: English learners', 'label: Multilingual learners'));
    await page.waitForFunction(() => document.querySelector('label[for="population-english-learners"]')?.textContent?.startsWith('Multilingual learners'), { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
    // The choices live in the address, so the reload kept them.
    expect(await page.$eval('#population-students-with-disabilities', (box) => (box as HTMLInputElement).checked)).toBe(true);
  });

  it('passes an axe-core audit (WCAG 2.2 AA and best practices) with a brief picked', async () => {
    // A second tab that ignores the page's CSP, so the audit script may be added.
    const audit = await browser.newPage();
    try {
      await audit.setBypassCSP(true);
      await audit.goto(preview.url(`/?${picks('population=english-learners&topic=technology-access')}`), { waitUntil: 'load' });
      await audit.waitForFunction(() => /sections?\.$/.test(document.getElementById('status')?.textContent ?? ''));
      await audit.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      const violations = await audit.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const results = await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
          // The brief in the frame is a build output, audited by `check --output`.
          iframes: false,
        });
        return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      });
      expect(violations).toEqual([]);
    } finally {
      await audit.close();
    }
  });

  it('answers an unknown id in the address with 400 and the reason, and keeps the form usable', async () => {
    const response = await page.goto(preview.url('/?population=english-learner'), { waitUntil: 'load' });
    expect(response?.status()).toBe(400);
    expect(await textOf('.problem[role=alert]')).toBe("population: unknown population 'english-learner' (did you mean 'english-learners'?)");
    expect(await page.$$eval('input[name=population]:checked', (boxes) => boxes.length)).toBe(0);
  });

  it('shows the coverage grid, whose cells open a brief on their pair', async () => {
    await page.goto(preview.url('/'), { waitUntil: 'load' });
    expect(await page.$$eval('#coverage table th[scope=row]', (cells) => cells.length)).toBe(3);
    const renders: string[] = [];
    const count = (request: { url(): string }) => request.url().includes('/brief.html') && renders.push(request.url());
    page.on('request', count);
    await Promise.all([page.waitForNavigation(), page.click('#coverage a[href="/?population=students-in-poverty&topic=learning-plans"]')]);
    expect(await page.$eval('#population-students-in-poverty', (box) => (box as HTMLInputElement).checked)).toBe(true);
    const frame = await briefFrame(picks('population=students-in-poverty&topic=learning-plans'));
    expect(await texts(frame, 'section.section h3')).toEqual(['Plans in high-poverty schools', 'Personal learning plans']);
    await page.waitForFunction(() => /sections?\.$/.test(document.getElementById('status')?.textContent ?? ''));
    page.off('request', count);
    // The page script agrees with the server on the frame's address: the brief is fetched once.
    expect(renders).toHaveLength(1);
  });
});
