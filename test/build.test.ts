import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BriefResult } from '../src/build.js';
import { copyFixture } from './helpers/fixture.js';
import { pdfFacts, pdfFonts, pdfPages, readHtml } from './helpers/read-output.js';

let root: string;
let cleanup: () => Promise<void>;
let results: BriefResult[];
let html: Root;

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('basic'));
  results = await build({ root, jobs: 2 });
  html = await readHtml(path.join(root, 'output/el-tech.html'));
});

afterAll(async () => {
  await cleanup();
});

const text = (node: Root | Element | undefined) => (node ? toString(node).replace(/\s+/g, ' ').trim() : '');

describe('build on a fixture project', () => {
  it('builds every recipe in briefs/, in the formats each asks for', () => {
    expect(results.map((r) => [r.name, r.status, r.files])).toEqual([
      ['el-tech', 'built', ['output/el-tech.html', 'output/el-tech.pdf']],
      ['swd', 'built', ['output/swd.html']],
    ]);
    expect(existsSync(path.join(root, 'output/swd.pdf'))).toBe(false);
  });

  it('writes one self-contained HTML file with the picked sections in order', async () => {
    expect(selectAll('section.section h3', html).map(text)).toEqual(['Who English learners are', 'Gaps in devices and connectivity']);
    expect(selectAll('main > section.kind > h2', html).map(text)).toEqual(['Background', 'Barriers']);
    expect(select('h1', html) && selectAll('h1', html)).toHaveLength(1);
    expect(select('html', html)?.properties.lang).toBe('en');
    const source = await readFile(path.join(root, 'output/el-tech.html'), 'utf8');
    expect(source).not.toMatch(/<link\b|<script\b|src="(?!data:)/);
    expect(source).toMatch(/@font-face\s*\{[^}]*url\("data:font\/woff2;base64,/);
  });

  it('formats in-text citations as APA does, each linked to its entry', () => {
    expect(selectAll('.citation', html).map(text)).toEqual([
      '(Gleason & Gerzon, 2013)',
      'Hasselbring and Glaser (2000)',
      '(Rose, 2014a, p. 4)',
      '(Rose, 2014b)',
      '(see Patrick et al., 2016, pp. 3–5)',
    ]);
    const ids = new Set(selectAll('[id]', html).map((node) => String(node.properties.id)));
    const targets = selectAll('.citation a', html).map((a) => String(a.properties.href));
    expect(targets.length).toBe(5);
    for (const target of targets) expect(ids.has(target.slice(1))).toBe(true);
  });

  it('lists exactly the cited works, once each, in APA order, with a hover title on citations', () => {
    const entries = selectAll('.reference-list > li', html);
    expect(entries.map((li) => li.properties.id)).toEqual(['ref-gleason2013', 'ref-hasselbring2000', 'ref-patrick2016', 'ref-rose2014a', 'ref-rose2014b']);
    expect(text(entries[3])).toMatch(/^Rose, R\. \(2014a\)\. Access and equity/);
    expect(select('.citation a', html)?.properties.title).toMatch(/^Gleason, S\. C\., & Gerzon, N\. \(2013\)\. Growing into equity/);
  });

  it('prints a Letter PDF with the brief text, page numbers and running title', async () => {
    const file = path.join(root, 'output/el-tech.pdf');
    const pages = pdfPages(file);
    const facts = await pdfFacts(file);
    expect(facts.pages).toBe(pages.length);
    expect(facts.size).toEqual({ width: 612, height: 792 });
    const all = pages.join('\n');
    expect(all).toContain('Technology Access for English Learners');
    expect(all).toContain('Gaps in devices and connectivity');
    expect(all).toMatch(/Rose, R\. \(2014b\)/);
    // "Page 1 of 1" tells a reader nothing: a one-page brief has no page number.
    if (pages.length === 1) expect(pages[0]).not.toMatch(/Page \d/);
    else pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pages.length}`));
    if (pages.length > 1) expect(pages[1]).toContain('Technology Access for English Learners');
  });

  it('tags the PDF, gives it bookmarks and document metadata', async () => {
    const facts = await pdfFacts(path.join(root, 'output/el-tech.pdf'));
    expect(facts).toMatchObject({
      title: 'Technology Access for English Learners',
      subject: 'What the research says',
      keywords: 'English learners, Technology access',
      tagged: true,
      outline: true,
      language: 'en',
      displayTitle: true,
    });
    expect(facts.creator).toMatch(/^briefwright /);
    const fonts = pdfFonts(path.join(root, 'output/el-tech.pdf'));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((font) => !font.embedded)).toEqual([]);
    expect(fonts.map((font) => font.name).join(' ')).toMatch(/SourceSerif4/);
  });

  it('gives byte-identical HTML and PDF when the same inputs are built again', async () => {
    const again = await build({ root, recipes: ['el-tech'], outputDir: 'output-again' });
    expect(again.map((result) => result.status)).toEqual(['built']);
    for (const file of ['el-tech.html', 'el-tech.pdf']) {
      const first = await readFile(path.join(root, 'output', file));
      const second = await readFile(path.join(root, 'output-again', file));
      expect(second.equals(first), file).toBe(true);
    }
  });

  it('builds one brief per population with --each', async () => {
    const results = await build({
      root,
      fields: { populations: ['els', 'swds'], formats: ['html'] },
      name: 'by-group',
      each: 'population',
    });
    expect(results.map((result) => [result.name, result.status])).toEqual([
      ['by-group-english-learners', 'built'],
      ['by-group-students-with-disabilities', 'built'],
    ]);
    const swd = await readHtml(path.join(root, 'output/by-group-students-with-disabilities.html'));
    expect(selectAll('section.section h3', swd).map(text)).toEqual(['Personal learning plans', 'Design for every learner from the start']);
  });

  it('builds every brief when the browser is killed partway, and leaves no browser running', async () => {
    const browsers = () =>
      readdirSync('/proc')
        .filter((entry) => /^\d+$/.test(entry))
        .filter((pid) => {
          try {
            const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
            return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('briefwright-chromium-');
          } catch {
            return false;
          }
        })
        .map(Number);
    let killed = 0;
    const results = await build({
      root,
      fields: { populations: ['els', 'swds'], formats: ['html', 'pdf'] },
      name: 'killed',
      each: 'population',
      outputDir: 'output-killed',
      jobs: 1,
      onBrief: () => {
        if (killed > 0) return;
        for (const pid of browsers()) process.kill(pid, 'SIGKILL');
        killed += 1;
      },
    });
    expect(killed).toBe(1);
    expect(results.map((result) => [result.name, result.status, result.error?.message])).toEqual([
      ['killed-english-learners', 'built', undefined],
      ['killed-students-with-disabilities', 'built', undefined],
    ]);
    for (const result of results) expect((await pdfPages(path.join(root, result.files.find((file) => file.endsWith('.pdf'))!))).length).toBeGreaterThan(0);
    expect(browsers()).toEqual([]);
  });

  it('records what each brief was built from', async () => {
    const record = JSON.parse(await readFile(path.join(root, 'output/.records/el-tech.json'), 'utf8'));
    expect(Object.keys(record.sections)).toEqual(['el-context', 'device-gaps']);
    expect(Object.keys(record.references)).toEqual(['gleason2013', 'hasselbring2000', 'patrick2016', 'rose2014a', 'rose2014b']);
    expect(record.recipe.file).toBe('briefs/el-tech.yaml');
    expect(record.outputs.pdf.file).toBe('output/el-tech.pdf');
  });
});
