import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { check } from '../../src/check.js';
import { main } from '../../src/cli.js';
import { coverageGrid } from '../../src/coverage/coverage-grid.js';
import { ExitCode } from '../../src/errors.js';
import { initProject } from '../../src/init/init-project.js';
import { loadProject } from '../../src/project/load-project.js';
import { captureConsole } from '../helpers/fixture.js';
import { pdfFacts, pdfPages, readHtml } from '../helpers/read-output.js';

let parent: string;

beforeEach(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'briefwright-init-'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const console = captureConsole();
  const code = await main(args, console.io);
  return { code, out: console.out.join('\n'), err: console.err.join('\n') };
}

const EXPECTED_FILES = [
  '.gitignore',
  'README.md',
  'briefs/technology-access.yaml',
  'content/references.bib',
  'content/sections/barriers/devices-are-not-access.md',
  'content/sections/practices/plan-for-every-learner.md',
  'content/taxonomy.yaml',
];

describe('briefwright init', () => {
  it('scaffolds a project that checks clean and builds HTML at once', async () => {
    const dir = path.join(parent, 'my-briefs');
    const init = await run('init', dir);
    expect(init.code).toBe(ExitCode.ok);
    expect(init.out).toContain(`created ${EXPECTED_FILES.length} files in ${dir}:`);
    expect((await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort()).toEqual(EXPECTED_FILES);

    const report = await check({ root: dir });
    expect(report.problems.map((problem) => problem.format())).toEqual([]);
    expect(report.warnings).toEqual([]);

    const project = await loadProject({ root: dir });
    expect(project.taxonomy.populations).toHaveLength(2);
    expect(project.taxonomy.topics).toHaveLength(2);
    expect(project.sections).toHaveLength(2);
    expect(project.references.byId.size).toBeGreaterThanOrEqual(2);
    expect(coverageGrid(project).rows.flat().every((cell) => cell.sections.length > 0)).toBe(true);

    const built = await run('build', '--root', dir, '--format', 'html');
    expect(built.code, built.err).toBe(ExitCode.ok);
    const page = await readHtml(path.join(dir, 'output/technology-access.html'));
    expect(toString(select('h1', page)!)).toBe('Technology Access for English Learners and Students with Disabilities');
    expect(selectAll('.citation', page).map((node) => toString(node))).toEqual(['Hasselbring and Glaser (2000)', '(Rose & Meyer, 2002)', '(Pane et al., 2015)']);
    expect(selectAll('.reference-list > li', page).map((node) => node.properties.id)).toEqual(['ref-hasselbring2000', 'ref-pane2015', 'ref-rose2002']);
  });

  it('builds the example recipe to a PDF', async () => {
    const { root } = await initProject({ dir: path.join(parent, 'pdf') });
    const [result] = await build({ root, recipes: ['technology-access'], jobs: 1 });
    expect(result?.status, result?.error?.format()).toBe('built');
    const file = path.join(root, 'output/technology-access.pdf');
    const text = pdfPages(file).join('\n');
    expect(text).toContain('A device is not the same as access');
    expect(text).toMatch(/Pane, J\. F\., Steiner, E\. D\., Baird, M\. D\., & Hamilton, L\. S\. \(2015\)/);
    expect((await pdfFacts(file)).title).toBe('Technology Access for English Learners and Students with Disabilities');
  });

  it('refuses a folder that is not empty, and leaves it alone', async () => {
    const dir = path.join(parent, 'taken');
    await mkdir(dir);
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    const result = await run('init', dir);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.err).toContain(`error: ${dir} is not empty (notes.txt); choose a new folder, or pass --force to add the scaffold's files to it`);
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('adds the scaffold to a non-empty folder with --force, keeping other files', async () => {
    const dir = path.join(parent, 'forced');
    await mkdir(path.join(dir, 'content'), { recursive: true });
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    await writeFile(path.join(dir, 'content/taxonomy.yaml'), 'broken: [');
    const result = await run('init', dir, '--force');
    expect(result.code).toBe(ExitCode.ok);
    expect(await readFile(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(path.join(dir, 'content/taxonomy.yaml'), 'utf8')).toContain('id: english-learners');
    expect((await readdir(dir, { recursive: true })).some((name) => name.endsWith('.tmp'))).toBe(false);
  });

  it('scaffolds a theme to edit with --theme, used by the example recipe, and adds one to an existing project', async () => {
    const dir = path.join(parent, 'branded');
    const result = await run('init', dir, '--theme', 'river-city');
    expect(result.code, result.err).toBe(ExitCode.ok);
    expect(result.out).toContain('styles/themes/river-city/theme.yaml');
    expect(await readFile(path.join(dir, 'briefs/technology-access.yaml'), 'utf8')).toMatch(/^theme: river-city$/m);
    expect((await check({ root: dir })).problems.map((problem) => problem.format())).toEqual([]);
    const built = await run('build', '--root', dir, '--format', 'html');
    expect(built.code, built.err).toBe(ExitCode.ok);
    const page = await readHtml(path.join(dir, 'output/technology-access.html'));
    expect(select('img.logo', page)?.properties.alt).toBe('Your Organization');
    expect(selectAll('style', page).map((node) => toString(node)).join('')).toContain('--primary: #1f5c4a;');

    const again = await run('init', dir, '--theme', 'second');
    expect(again.code, again.err).toBe(ExitCode.ok);
    expect(again.out).toContain('created 3 files');
    expect(await readdir(path.join(dir, 'styles/themes'))).toEqual(['river-city', 'second']);
    const taken = await run('init', dir, '--theme', 'second');
    expect(taken.code).toBe(ExitCode.usage);
    expect(taken.err).toContain('styles/themes/second exists already; choose another theme name');
  });

  it('refuses a path that is a file', async () => {
    const file = path.join(parent, 'file.txt');
    await writeFile(file, '');
    await expect(initProject({ dir: file })).rejects.toThrow(`${file} exists and is not a folder`);
  });

  it('accepts an empty folder that already exists', async () => {
    const dir = path.join(parent, 'empty');
    await mkdir(dir);
    const { files } = await initProject({ dir });
    expect(files).toEqual(EXPECTED_FILES);
    expect(existsSync(path.join(dir, 'gitignore'))).toBe(false);
  });
});
