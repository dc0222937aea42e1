import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditAccessibility } from '../../src/audit/accessibility.js';
import { validateHtml } from '../../src/audit/html-validity.js';
import { main } from '../../src/cli.js';
import { coverageCsv } from '../../src/coverage/coverage-csv.js';
import { coverageGrid, type CoverageGrid } from '../../src/coverage/coverage-grid.js';
import { coverageJson } from '../../src/coverage/coverage-json.js';
import { coveragePage } from '../../src/coverage/coverage-page.js';
import { EMPTY_HATCH, HEAT_PALETTE, heatLevel } from '../../src/coverage/heat-scale.js';
import { ExitCode } from '../../src/errors.js';
import { loadProject } from '../../src/project/load-project.js';
import { BrowserSession } from '../../src/render/browser-session.js';
import { findChrome } from '../../src/render/find-chrome.js';
import { captureConsole, copyFixture } from '../helpers/fixture.js';

let root: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ root, cleanup } = await copyFixture('basic'));
});
afterEach(async () => {
  await cleanup();
});

async function edit(file: string, change: (text: string) => string) {
  const full = path.join(root, file);
  await writeFile(full, change(await readFile(full, 'utf8')));
}

/** Adds a topic no section is tagged with, and a section whose only citation sits in a code span. */
async function addGaps() {
  await edit('content/taxonomy.yaml', (text) => `${text}  - id: family-engagement\n    label: Families, schools & "partners"\n`);
  await writeFile(
    path.join(root, 'content/sections/practices/code-span.md'),
    '---\ntitle: Writing citations\npopulations: [swds]\ntopics: [learning-plans]\nkind: practice\n---\nWrite `[@smith2020]` to cite; that is not a citation here.\n',
  );
}

const cell = (grid: CoverageGrid, population: string, topic: string) =>
  grid.rows.flat().find((c) => c.population === population && c.topic === topic)!;

const text = (node: Element | Root | undefined) => (node ? toString(node).replace(/\s+/g, ' ').trim() : '');

describe('coverage grid', () => {
  it('counts sections by the build rule and distinct cited works per population × topic', async () => {
    await addGaps();
    const grid = coverageGrid(await loadProject({ root }));
    expect(grid.populations.map((t) => t.id)).toEqual(['english-learners', 'students-with-disabilities', 'students-in-poverty']);
    expect(grid.topics.map((t) => t.id)).toEqual(['technology-access', 'learning-plans', 'family-engagement']);
    expect(cell(grid, 'english-learners', 'technology-access')).toEqual({
      population: 'english-learners',
      topic: 'technology-access',
      sections: ['device-gaps', 'el-context'],
      sources: ['gleason2013', 'hasselbring2000', 'patrick2016', 'rose2014a', 'rose2014b'],
    });
    // learning-plans is tagged `all`, so it counts for every population; a citation in a code span does not count.
    expect(cell(grid, 'students-with-disabilities', 'learning-plans')).toMatchObject({ sections: ['code-span', 'learning-plans'], sources: ['pane2015'] });
    // Two sections cite pane2015: one distinct source.
    expect(cell(grid, 'students-in-poverty', 'learning-plans')).toMatchObject({ sections: ['learning-plans', 'poverty-plans'], sources: ['pane2015'] });
    for (const population of grid.populations) expect(cell(grid, population.id, 'family-engagement').sections).toEqual([]);
  });

  it('counts only sections written for a population, with specific', async () => {
    await addGaps();
    const project = await loadProject({ root });
    const grid = coverageGrid(project, undefined, { specific: true });
    expect(grid.specific).toBe(true);
    // learning-plans is tagged `all`: it no longer counts for anyone.
    expect(cell(grid, 'students-with-disabilities', 'learning-plans')).toMatchObject({ sections: ['code-span'] });
    expect(cell(grid, 'english-learners', 'learning-plans')).toMatchObject({ sections: ['el-context'], sources: ['gleason2013', 'hasselbring2000'] });
    expect(cell(grid, 'english-learners', 'technology-access').sections).toEqual(['device-gaps', 'el-context']);
    expect(JSON.parse(coverageJson(grid)).specific).toBe(true);
  });

  it('writes CSV with one quoted-where-needed row per pair, and JSON with ids', async () => {
    await addGaps();
    const grid = coverageGrid(await loadProject({ root }));
    const lines = coverageCsv(grid).split('\r\n');
    expect(lines[0]).toBe('population,population_label,topic,topic_label,sections,sources');
    expect(lines).toContain('english-learners,English learners,technology-access,Technology access,2,5');
    expect(lines).toContain('students-in-poverty,Students in poverty,family-engagement,"Families, schools & ""partners""",0,0');
    expect(lines).toHaveLength(1 + 9 + 1);
    const json = JSON.parse(coverageJson(grid));
    expect(json.empty).toBe(3);
    expect(json.cells[0]).toEqual({
      population: 'english-learners',
      topic: 'technology-access',
      sectionCount: 2,
      sourceCount: 5,
      sections: ['device-gaps', 'el-context'],
      sources: ['gleason2013', 'hasselbring2000', 'patrick2016', 'rose2014a', 'rose2014b'],
    });
  });
});

describe('coverage page', () => {
  it('is one self-contained, accessible table whose empty cells say so in words', async () => {
    await addGaps();
    const grid = coverageGrid(await loadProject({ root }));
    const source = coveragePage(grid);
    const page = fromHtml(source);
    expect(source).not.toMatch(/<script\b|<link\b|\bsrc=|url\(/);
    expect(select('html', page)?.properties.lang).toBe('en');
    expect(selectAll('h1', page)).toHaveLength(1);
    const table = select('table', page)!;
    expect(text(select('caption', table))).toBe('Sections and distinct sources for each population and topic');
    // Three topics and three populations: populations run down the rows.
    expect(selectAll('thead th', table).map((th) => th.properties.scope)).toEqual(['col', 'col', 'col', 'col']);
    expect(selectAll('tbody th', table).map((th) => [th.properties.scope, text(th)])).toEqual([
      ['row', 'English learners'],
      ['row', 'Students with disabilities'],
      ['row', 'Students in poverty'],
    ]);
    const cells = selectAll('tbody td', table);
    expect(cells).toHaveLength(9);
    expect(text(cells[0])).toBe('2 sections 5 sources');
    const empty = cells.filter((td) => (td.properties.className as string[]).includes('heat-0'));
    expect(empty.map(text)).toEqual(['No sections', 'No sections', 'No sections']);
    expect(text(select('.coverage-summary', page))).toBe('3 of 9 pairs have no sections:');
    expect(selectAll('.coverage-gaps li', page).map(text)).toContain('Students in poverty × Families, schools & "partners"');
  });

  it('offers all evidence and specific evidence only, with a toggle that needs no script', async () => {
    await addGaps();
    const project = await loadProject({ root });
    const all = coverageGrid(project);
    const specific = coverageGrid(project, undefined, { specific: true });
    for (const [shown, other] of [[all, specific], [specific, all]] as const) {
      const source = coveragePage(shown, { other });
      expect(source).not.toMatch(/<script\b/);
      const page = fromHtml(source);
      const radios = selectAll('fieldset.coverage-views input[type=radio]', page);
      expect(radios.map((radio) => [radio.properties.id, radio.properties.checked === true])).toEqual([
        ['view-all', !shown.specific],
        ['view-specific', shown.specific],
      ]);
      expect(text(select('fieldset.coverage-views legend', page))).toBe('Which sections count');
      const [allView, specificView] = [select('.view-all', page)!, select('.view-specific', page)!];
      // Students with disabilities × learning plans: the section tagged all counts in one view only.
      expect(text(selectAll('tbody td', allView)[4])).toBe('2 sections 1 source');
      expect(text(selectAll('tbody td', specificView)[4])).toBe('1 section 0 sources');
      expect(text(select('h2', specificView))).toBe('Pairs without evidence of their own');
    }
  });

  it('runs the facet with more terms down the rows', async () => {
    await edit('content/taxonomy.yaml', (text) => `${text}  - id: a-topic\n    label: A topic\n  - id: b-topic\n    label: B topic\n`);
    const page = fromHtml(coveragePage(coverageGrid(await loadProject({ root }))));
    expect(text(select('thead th', page))).toBe('Topic');
    expect(selectAll('tbody th', page).map(text)).toEqual(['Technology access', 'Learning plans', 'A topic', 'B topic']);
  });

  it('uses heat colours with at least 4.5:1 text contrast, and an empty style unlike any level', () => {
    for (const { background, text: ink } of HEAT_PALETTE) expect(contrast(background, ink)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(EMPTY_HATCH, HEAT_PALETTE[0]!.text)).toBeGreaterThanOrEqual(4.5);
    expect(new Set(HEAT_PALETTE.map((colours) => colours.background)).size).toBe(HEAT_PALETTE.length);
    expect([0, 1, 2, 3, 4, 5, 8].map((count) => heatLevel(count, 8))).toEqual([0, 1, 1, 2, 2, 3, 4]);
    expect(heatLevel(1, 1)).toBe(4);
  });
});

describe('coverage page in a browser and a validator', () => {
  it('passes an axe-core audit and the W3C HTML checker', async () => {
    await addGaps();
    const project = await loadProject({ root });
    const [all, specific] = [coverageGrid(project), coverageGrid(project, undefined, { specific: true })];
    const source = coveragePage(all, { other: specific });
    const session = new BrowserSession({ browser: () => findChrome(), pages: 1 });
    try {
      // Each view as it first shows; the other is hidden until its radio button is picked.
      expect(await auditAccessibility(session, source)).toEqual([]);
      expect(await auditAccessibility(session, coveragePage(specific, { other: all }))).toEqual([]);
    } finally {
      await session.close();
    }
    const file = path.join(root, 'coverage.html');
    await writeFile(file, source);
    expect(await validateHtml([file], { display: (name) => path.basename(name) })).toEqual([]);
  });
});

describe('briefwright coverage (command line)', () => {
  async function run(...args: string[]) {
    const console = captureConsole();
    const code = await main([...args, '--root', root], console.io);
    return { code, out: console.out.join('\n'), err: console.err.join('\n') };
  }

  it('writes output/coverage.html by default', async () => {
    const result = await run('coverage');
    expect(result.code).toBe(ExitCode.ok);
    expect(result.out).toBe('wrote output/coverage.html: 6 population × topic pairs, 0 without sections');
    expect(await readFile(path.join(root, 'output/coverage.html'), 'utf8')).toContain('<table class="coverage">');
  });

  it('prints CSV or JSON, or writes them with --out', async () => {
    const csv = await run('coverage', '--format', 'csv');
    expect(csv.out.split(/\r?\n/)[1]).toBe('english-learners,English learners,technology-access,Technology access,2,5');
    expect(existsSync(path.join(root, 'output/coverage.html'))).toBe(false);
    const json = await run('coverage', '--format', 'json', '--out', 'output/grid.json');
    expect(json.out).toBe('wrote output/grid.json: 6 population × topic pairs, 0 without sections');
    expect(JSON.parse(await readFile(path.join(root, 'output/grid.json'), 'utf8')).cells).toHaveLength(6);
  });

  it('counts specific evidence only with --specific', async () => {
    const csv = await run('coverage', '--format', 'csv', '--specific');
    expect(csv.code).toBe(ExitCode.ok);
    expect(csv.out.split(/\r?\n/)).toContain('students-with-disabilities,Students with disabilities,learning-plans,Learning plans,0,0');
    const page = await run('coverage', '--specific');
    expect(page.out).toBe('wrote output/coverage.html: 6 population × topic pairs, 1 without sections');
    const html = fromHtml(await readFile(path.join(root, 'output/coverage.html'), 'utf8'));
    expect(select('#view-specific', html)?.properties.checked).toBe(true);
  });

  it('refuses an unknown format', async () => {
    const result = await run('coverage', '--format', 'xml');
    expect(result.code).toBe(ExitCode.usage);
    expect(result.err).toContain("error: unknown value 'xml' for --format (did you mean 'html'?): choose html, csv or json");
  });
});

/** WCAG contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}
