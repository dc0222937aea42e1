import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { PACKAGE_ROOT } from '../src/project/package-root.js';
import { status } from '../src/status.js';
import { copyFixture } from './helpers/fixture.js';

let root: string;
let cleanup: () => Promise<void>;


beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('basic'));
  await edit('briefs/el-tech.yaml', (text) => `${text}formats: [html]\n`);
});
afterAll(async () => {
  await cleanup();
});

async function edit(file: string, change: (text: string) => string) {
  const full = path.join(root, file);
  await writeFile(full, change(await readFile(full, 'utf8')));
}

async function stale() {
  return Object.fromEntries((await status({ root })).filter((brief) => brief.stale).map((brief) => [brief.name, brief.reasons]));
}

async function rebuilt() {
  const results = await build({ root });
  return results.filter((result) => result.status === 'built').map((result) => result.name);
}

describe('incremental builds', () => {
  it('builds everything once, then nothing while nothing changes', async () => {
    expect(await stale()).toEqual({ 'el-tech': ['not built yet'], swd: ['not built yet'] });
    expect(await rebuilt()).toEqual(['el-tech', 'swd']);
    expect(await stale()).toEqual({});
    const again = await build({ root });
    expect(again.map((result) => result.status)).toEqual(['up-to-date', 'up-to-date']);
  });

  it('a reference edit makes stale exactly the briefs citing it, with that reason', async () => {
    await edit('content/references.bib', (text) => text.replace('Access and equity for all learners', 'Access and equity for every learner'));
    expect(await stale()).toEqual({ 'el-tech': ['reference rose2014a changed'] });
    expect(await rebuilt()).toEqual(['el-tech']);
    expect(await readFile(path.join(root, 'output/el-tech.html'), 'utf8')).toContain('Access and equity for every learner');
  });

  it('an edit to a reference both cite rebuilds both', async () => {
    await edit('content/references.bib', (text) => text.replace('volume = {10}', 'volume = {11}'));
    expect(await stale()).toEqual({ 'el-tech': ['reference hasselbring2000 changed'], swd: ['reference hasselbring2000 changed'] });
    expect(await rebuilt()).toEqual(['el-tech', 'swd']);
  });

  it('a section edit makes stale the briefs that pick it', async () => {
    await edit('content/sections/recommendations/udl.md', (text) => text.replace('procurement', 'every purchase'));
    expect(await stale()).toEqual({ swd: ['section udl.md changed'] });
    expect(await rebuilt()).toEqual(['swd']);
  });

  it('a new section that matches a recipe makes it stale', async () => {
    await writeFile(
      path.join(root, 'content/sections/practices/el-devices.md'),
      '---\ntitle: Lending devices\npopulations: [english-learners]\ntopics: [technology-access]\nkind: practice\n---\nLoaner programs help [@rose2014a].\n',
    );
    expect(await stale()).toEqual({ 'el-tech': ['section el-devices.md now matches'] });
    expect(await rebuilt()).toEqual(['el-tech']);
  });

  it('a changed tag that drops a section says so', async () => {
    await edit('content/sections/practices/el-devices.md', (text) => text.replace('populations: [english-learners]', 'populations: [students-in-poverty]'));
    expect(await stale()).toEqual({ 'el-tech': ['section el-devices.md no longer matches'] });
    await rebuilt();
  });

  it('a template change makes every brief using it stale', async () => {
    await cp(path.join(PACKAGE_ROOT, 'templates'), path.join(root, 'templates'), { recursive: true });
    await cp(path.join(PACKAGE_ROOT, 'styles'), path.join(root, 'styles'), { recursive: true });
    await build({ root, force: true });
    await edit('templates/partials/section.hbs', (text) => `<!-- edited -->\n${text}`);
    expect(await stale()).toEqual({
      'el-tech': ['template templates/partials/section.hbs changed'],
      swd: ['template templates/partials/section.hbs changed'],
    });
  });

  it('a missing output is stale', async () => {
    await build({ root });
    await rm(path.join(root, 'output/swd.html'));
    expect(await stale()).toEqual({ swd: ['swd.html is missing'] });
  });

  it('a brief whose template throws fails alone and keeps its previous output', async () => {
    await build({ root });
    const before = await readFile(path.join(root, 'output/swd.html'), 'utf8');
    await writeFile(path.join(root, 'templates/broken.hbs'), '<html>{{> no-such-partial}}</html>\n');
    await edit('briefs/swd.yaml', (text) => `${text}template: broken\n`);
    await edit('content/references.bib', (text) => text.replace('volume = {11}', 'volume = {12}'));
    const results = await build({ root });
    expect(results.map((result) => [result.name, result.status])).toEqual([
      ['el-tech', 'built'],
      ['swd', 'failed'],
    ]);
    expect(results[1]!.error!.format()).toMatch(/^templates\/broken\.hbs: missing partial 'no-such-partial'/);
    expect(await readFile(path.join(root, 'output/swd.html'), 'utf8')).toBe(before);
    expect((await stale()).swd).toContain('recipe briefs/swd.yaml changed');
  });
});

describe('images as inputs', () => {
  it('an edited image makes the briefs showing it stale', async () => {
    await edit('briefs/swd.yaml', (text) => text.replace('template: broken\n', ''));
    await writeFile(path.join(root, 'content/sections/recommendations/chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    await edit('content/sections/recommendations/udl.md', (text) => `${text}\n![Chart of device access](chart.svg)\n`);
    await build({ root });
    expect(await stale()).toEqual({});
    await writeFile(path.join(root, 'content/sections/recommendations/chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>');
    expect(await stale()).toEqual({ swd: ['file content/sections/recommendations/chart.svg changed'] });
  });
});
