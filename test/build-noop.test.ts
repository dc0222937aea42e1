import { execFile } from 'node:child_process';
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BriefResult } from '../src/build.js';
import type { BriefwrightError } from '../src/errors.js';
import { status } from '../src/status.js';
import { copyFixture } from './helpers/fixture.js';

const run = promisify(execFile);

let root: string;
let cleanup: () => Promise<void>;

/** An hour ago: files this old have stamps that hold, so only their size and times decide. */
const past = new Date(Date.now() - 3_600_000);

async function age(folder: string) {
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) await utimes(path.join(entry.parentPath, entry.name), past, past);
  }
}

async function edit(file: string, change: (text: string) => string) {
  const full = path.join(root, file);
  await writeFile(full, change(await readFile(full, 'utf8')));
}

async function stale(options: Partial<Parameters<typeof status>[0]> = {}) {
  return Object.fromEntries((await status({ root, ...options })).filter((brief) => brief.stale).map((brief) => [brief.name, brief.reasons]));
}

const statuses = (results: BriefResult[]) => results.map((result) => [result.name, result.status]);

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('basic'));
  await edit('briefs/el-tech.yaml', (text) => `${text}formats: [html]\n`);
  await age(root);
  await build({ root });
});
afterAll(() => cleanup());

describe('a build with nothing changed', () => {
  it('finds every brief up to date, and notes in each record what it was found current for', async () => {
    expect(statuses(await build({ root }))).toEqual([
      ['el-tech', 'up-to-date'],
      ['swd', 'up-to-date'],
    ]);
    const record = JSON.parse(await readFile(path.join(root, 'output/.records/el-tech.json'), 'utf8'));
    expect(record.verified).toHaveLength(1);
    expect(record.verified[0]).toMatchObject({ formats: ['html'], briefs: ['el-tech'] });
    expect(await stale()).toEqual({});
  });

  it('loads neither the project readers nor the render stage', async () => {
    const dist = fileURLToPath(new URL('../dist/', import.meta.url));
    const log = path.join(root, 'modules.log');
    const hooks = `import { appendFileSync } from 'node:fs'; export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }`;
    const script = [
      `import { register } from 'node:module';`,
      `register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));`,
      `const { build } = await import(${JSON.stringify(path.join(dist, 'build.js'))});`,
      `const { status } = await import(${JSON.stringify(path.join(dist, 'status.js'))});`,
      `const built = await build({ root: ${JSON.stringify(root)} });`,
      `const known = await status({ root: ${JSON.stringify(root)} });`,
      `console.log(JSON.stringify([built.map((r) => r.status), known.map((s) => s.stale)]));`,
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
    expect(JSON.parse(stdout)).toEqual([['up-to-date', 'up-to-date'], [false, false]]);
    const loaded = (await readFile(log, 'utf8')).split('\n');
    expect(loaded.some((url) => url.endsWith('/dist/build.js'))).toBe(true);
    const heavy = loaded.filter((url) =>
      /\/dist\/(compose|citations|render\/(browser-session|print-brief|render-brief|docx))\/|\/dist\/sections\/load-sections\.js|\/dist\/plan\.js|node_modules\/(puppeteer|yaml|zod|handlebars|citeproc|@citation-js|pdf-lib|docx|unified)\//.test(url),
    );
    expect(heavy).toEqual([]);
    await rm(log);
  });

  it('stays up to date when a file is touched but not changed', async () => {
    const now = new Date();
    await utimes(path.join(root, 'content/sections/barriers/device-gaps.md'), now, now);
    await utimes(path.join(root, 'content/references.bib'), now, now);
    expect(await stale()).toEqual({});
    expect(statuses(await build({ root }))).toEqual([
      ['el-tech', 'up-to-date'],
      ['swd', 'up-to-date'],
    ]);
  });
});

describe('a change the records must not miss', () => {
  it('an edit that keeps the size and the modification time', async () => {
    const file = path.join(root, 'content/sections/recommendations/udl.md');
    const before = await stat(file);
    await edit('content/sections/recommendations/udl.md', (text) => text.replace('procurement', 'purchasing!'));
    await utimes(file, before.atime, before.mtime);
    const after = await stat(file);
    expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
    expect(await stale()).toEqual({ swd: ['section udl.md changed'] });
    expect(statuses(await build({ root }))).toEqual([
      ['el-tech', 'up-to-date'],
      ['swd', 'built'],
    ]);
    expect(await readFile(path.join(root, 'output/swd.html'), 'utf8')).toContain('purchasing!');
  });

  it('a section removed, then added back', async () => {
    const file = path.join(root, 'content/sections/background/el-context.md');
    const text = await readFile(file, 'utf8');
    await rm(file);
    expect(await stale()).toEqual({ 'el-tech': ['section el-context.md no longer matches'] });
    await build({ root });
    await writeFile(file, text);
    expect(await stale()).toEqual({ 'el-tech': ['section el-context.md now matches'] });
    const results = await build({ root });
    expect(results.find((result) => result.name === 'el-tech')).toMatchObject({ status: 'built', reasons: ['section el-context.md now matches'] });
  });

  it('a changed bibliography entry', async () => {
    await build({ root });
    await edit('content/references.bib', (text) => text.replace('Access and equity for all learners', 'Access and equity for each learner'));
    expect(await stale()).toEqual({ 'el-tech': ['reference rose2014a changed'] });
    const results = await build({ root });
    expect(results.find((result) => result.name === 'el-tech')).toMatchObject({ status: 'built', reasons: ['reference rose2014a changed'] });
  });

  it('a changed recipe, and a recipe added', async () => {
    await edit('briefs/swd.yaml', (text) => text.replace('title: Students with Disabilities', 'title: Students With Disabilities'));
    expect(await stale()).toEqual({ swd: ['recipe briefs/swd.yaml changed'] });
    await writeFile(path.join(root, 'briefs/poverty.yaml'), 'title: Poverty\ndate: 2026-11-23\npopulations: [students-in-poverty]\nformats: [html]\n');
    expect(await stale()).toEqual({ poverty: ['not built yet'], swd: ['recipe briefs/swd.yaml changed'] });
    expect(statuses(await build({ root }))).toEqual([
      ['el-tech', 'up-to-date'],
      ['poverty', 'built'],
      ['swd', 'built'],
    ]);
    await rm(path.join(root, 'briefs/poverty.yaml'));
  });

  it('an output removed', async () => {
    await rm(path.join(root, 'output/swd.html'));
    expect(await stale()).toEqual({ swd: ['swd.html is missing'] });
    await build({ root });
  });
});

describe('sections that cannot be loaded', () => {
  it('are reported by every build, not only the first after they broke', async () => {
    const broken = path.join(root, 'content/sections/evidence/broken.md');
    await writeFile(broken, '---\ntitle: Broken\npopulations: [students-in-poverty]\ntopics: [learning-plans]\nkind: nonsense\n---\nText.\n');
    for (let run = 0; run < 2; run += 1) {
      const problems: BriefwrightError[] = [];
      const results = await build({ root, onProblem: (problem) => problems.push(problem) });
      expect(problems.map((problem) => problem.location?.file)).toEqual(['content/sections/evidence/broken.md']);
      expect(statuses(results)).toEqual([
        ['el-tech', 'up-to-date'],
        ['swd', 'up-to-date'],
      ]);
    }
    await rm(broken);
  });
});

describe('--each', () => {
  it('is answered from the records once built, and a sibling that goes missing makes the job planned again', async () => {
    const each = { recipes: ['el-tech'], each: 'population' as const, fields: { populations: ['els', 'swds'], formats: ['html' as const] } };
    expect(statuses(await build({ root, ...each }))).toEqual([
      ['el-tech-english-learners', 'built'],
      ['el-tech-students-with-disabilities', 'built'],
    ]);
    expect(statuses(await build({ root, ...each }))).toEqual([
      ['el-tech-english-learners', 'up-to-date'],
      ['el-tech-students-with-disabilities', 'up-to-date'],
    ]);
    await rm(path.join(root, 'output/el-tech-students-with-disabilities.html'));
    expect(await stale(each)).toEqual({ 'el-tech-students-with-disabilities': ['el-tech-students-with-disabilities.html is missing'] });
  });
});

describe('outputs of formats a build did not make', () => {
  it('are kept: a build of the HTML alone rebuilds nothing after a full build', async () => {
    await edit('briefs/el-tech.yaml', (text) => text.replace('formats: [html]\n', 'formats: [html, pdf]\n'));
    expect(statuses(await build({ root, recipes: ['el-tech'] }))).toEqual([['el-tech', 'built']]);
    expect(statuses(await build({ root, recipes: ['el-tech'], fields: { formats: ['html'] } }))).toEqual([['el-tech', 'up-to-date']]);
    expect(await stale()).toEqual({});
  });

  it('are called older than the latest build once it changed the other formats', async () => {
    await edit('content/sections/barriers/device-gaps.md', (text) => text.replace('Home access remains uneven', 'Home access is still uneven'));
    const [html] = await build({ root, recipes: ['el-tech'], fields: { formats: ['html'] } });
    expect(html).toMatchObject({ status: 'built', reasons: ['section device-gaps.md changed'] });
    expect(await stale()).toEqual({ 'el-tech': ["the PDF is older than this build's HTML"] });
    const [both] = await build({ root, recipes: ['el-tech'] });
    expect(both).toMatchObject({ status: 'built', reasons: ["the PDF is older than this build's HTML"] });
    expect(await stale()).toEqual({});
  });
});
