import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { ExitCode } from '../src/errors.js';
import { captureConsole, copyFixture } from './helpers/fixture.js';

let root: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ root, cleanup } = await copyFixture('basic'));
});
afterEach(async () => {
  await cleanup();
});

async function run(...args: string[]) {
  const console = captureConsole();
  const code = await main([...args, '--root', root], console.io);
  return { code, out: console.out.join('\n'), err: console.err.join('\n') };
}

async function edit(file: string, change: (text: string) => string) {
  const full = path.join(root, file);
  await writeFile(full, change(await readFile(full, 'utf8')));
}

describe('briefwright build (command line)', () => {
  it('builds a one-off brief from flags, named after its picks', async () => {
    const result = await run('build', '--population', 'els', '--topic', 'technology-access', '--format', 'html');
    expect(result.code).toBe(ExitCode.ok);
    expect(result.out).toContain('✓ english-learners-technology-access: output/english-learners-technology-access.html');
    expect(existsSync(path.join(root, 'output/english-learners-technology-access.html'))).toBe(true);
  });

  it('fails on an unknown citation key with file:line:col and a suggestion', async () => {
    await edit('content/sections/barriers/device-gaps.md', (text) => text.replace('[@rose2014b]', '[@rose2014c]'));
    const result = await run('build', 'el-tech', '--format', 'html');
    expect(result.code).toBe(ExitCode.input);
    expect(result.err).toContain(
      "content/sections/barriers/device-gaps.md:10:8: unknown citation key 'rose2014c' (did you mean 'rose2014a' or 'rose2014b'?)",
    );
    expect(existsSync(path.join(root, 'output/el-tech.html'))).toBe(false);
  });

  it('fails on an unknown population with the nearest ids', async () => {
    const result = await run('build', '--population', 'english-learner', '--format', 'html');
    expect(result.code).toBe(ExitCode.input);
    expect(result.err).toContain("unknown population 'english-learner' (did you mean 'english-learners'?)");
  });

  it('points at the recipe line of an unknown topic', async () => {
    await edit('briefs/el-tech.yaml', (text) => text.replace('topics: [technology-access]', 'topics: [technology-acess]'));
    const result = await run('build', 'el-tech');
    expect(result.code).toBe(ExitCode.input);
    expect(result.err).toContain("briefs/el-tech.yaml:6:10: unknown topic 'technology-acess' (did you mean 'technology-access'?)");
  });

  it('names file and line of malformed front matter, and writes nothing', async () => {
    await edit('content/sections/recommendations/udl.md', (text) => text.replace('populations: [swds]', 'populations: [swds'));
    const result = await run('build');
    expect(result.code).toBe(ExitCode.input);
    expect(result.err).toContain("content/sections/recommendations/udl.md:3:14: the list opened with '[' is never closed; end it with ']' on the same line");
    expect(result.err).toContain("content/sections/recommendations/udl.md: this section's populations and topics cannot be read, so this brief may pick it");
    expect(existsSync(path.join(root, 'output/el-tech.html'))).toBe(false);
  });

  it('keeps the previous good output when a rebuild fails', async () => {
    expect((await run('build', 'swd')).code).toBe(ExitCode.ok);
    const before = await readFile(path.join(root, 'output/swd.html'), 'utf8');
    await edit('content/sections/practices/learning-plans.md', (text) => text.replace('[-@pane2015]', '[-@pane2051]'));
    expect((await run('build', 'swd')).code).toBe(ExitCode.input);
    expect(await readFile(path.join(root, 'output/swd.html'), 'utf8')).toBe(before);
  });

  it('explains how to get a browser when none is found', async () => {
    const saved = process.env.CHROME_PATH;
    process.env.CHROME_PATH = path.join(root, 'no-such-chrome');
    try {
      const result = await run('build', 'el-tech');
      expect(result.code).toBe(ExitCode.browser);
      expect(result.err).toContain('browser not found at');
      expect(result.err).toContain('CHROME_PATH');
    } finally {
      if (saved === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = saved;
    }
  });

  it('warns when a PDF exceeds its page budget, and fails with --strict', async () => {
    const long = 'Evidence keeps accumulating across many studies and settings. '.repeat(60);
    await edit('content/sections/practices/learning-plans.md', (text) => `${text}\n${long}\n\n${long}\n`);
    await writeFile(path.join(root, 'briefs/one-page.yaml'), 'title: One page\npopulations: [swds]\ntemplate: handout\nformats: [pdf]\n');
    const loose = await run('build', 'one-page');
    expect(loose.code).toBe(ExitCode.ok);
    expect(loose.err).toMatch(/warning: one-page\.pdf has [2-9] pages, [1-8] over the handout template's limit of 1; longest sections: learning-plans \(\d+ words\)/);
    const strict = await run('build', 'one-page', '--strict', '--force');
    expect(strict.code).toBe(ExitCode.input);
    expect(strict.err).toMatch(/one-page\.pdf has [2-9] pages/);
  });

  it('says on each rebuilt brief\'s line why it was rebuilt, as status does', async () => {
    expect((await run('build', 'swd')).code).toBe(ExitCode.ok);
    await edit('content/sections/practices/learning-plans.md', (text) => `${text}\nOne more finding.\n`);
    const stale = await run('status', 'swd');
    const reasons = /^swd\.html: (.+)$/m.exec(stale.out)?.[1];
    expect(reasons).toMatch(/learning-plans/);
    const rebuilt = await run('build', 'swd');
    expect(rebuilt.out.split('\n')).toContain(`✓ swd: output/swd.html — ${reasons}`);
    // Forcing a current brief gives no reason beyond the user's own.
    expect((await run('build', 'swd', '--force')).out.split('\n')).toContain('✓ swd: output/swd.html');
  });

  it('suggests a recipe name', async () => {
    const result = await run('build', 'el-tek');
    expect(result.code).toBe(ExitCode.input);
    expect(result.err).toContain("no recipe 'el-tek' in briefs/ (did you mean 'el-tech'?)");
  });

  it('rejects an unknown flag as a usage error, suggesting the flag meant', async () => {
    const result = await run('build', '--populaton', 'els');
    expect(result.code).toBe(ExitCode.usage);
    expect(result.err).toContain('error: unknown option --populaton (did you mean --population?)');
  });
});

describe('briefwright check', () => {
  it('passes a valid project, warning about uncited references', async () => {
    const result = await run('check');
    expect(result.code).toBe(ExitCode.ok);
    expect(result.err).toContain("content/references.bib:59: reference 'uncited2020' is not cited by any section or recipe");
  });

  it('reports every problem, not just the first', async () => {
    await edit('content/sections/barriers/device-gaps.md', (text) => text.replace('[@rose2014b]', '[@rose2014c]'));
    await edit('content/sections/recommendations/udl.md', (text) => text.replace('kind: recommendation', 'kind: recomendation'));
    await edit('briefs/swd.yaml', (text) => text.replace('populations: [swds]', 'populations: [sdws]'));
    const result = await run('check');
    expect(result.code).toBe(ExitCode.input);
    expect(result.err).toContain("content/sections/barriers/device-gaps.md:10:8: unknown citation key 'rose2014c'");
    expect(result.err).toContain("content/sections/recommendations/udl.md:5:7: unknown kind 'recomendation' (did you mean 'recommendation'?)");
  });
});

describe('briefwright check on bibliographies', () => {
  it('reports two keys with the same DOI, with file and key', async () => {
    await writeFile(
      path.join(root, 'content/more.json'),
      JSON.stringify([{ id: 'hasselbring2000b', type: 'article-journal', title: 'Same work', DOI: 'https://doi.org/10.2307/1602691' }]),
    );
    const result = await run('check');
    expect(result.code).toBe(ExitCode.input);
    expect(result.err).toMatch(
      /content\/references\.bib:\d+: references 'hasselbring2000b' \(content\/more\.json:1\) and 'hasselbring2000' have the same DOI 10\.2307\/1602691/,
    );
  });

  it('reports a malformed entry with its line, and still checks the rest', async () => {
    await edit('content/references.bib', (text) => text.replace('title = {Supporting online learners with disabilities},', 'title = {Supporting online learners with disabilities,'));
    const result = await run('check');
    expect(result.code).toBe(ExitCode.input);
    expect(result.err).toMatch(/content\/references\.bib:\d+:\d+: a '\}' is missing: the braces in the title field do not balance/);
    expect(result.err).toMatch(/citation key 'rose2014b' not read, see above/);
    expect(result.err).not.toMatch(/unknown citation key 'rose2014b'/);
  });
});

describe('briefwright list', () => {
  it('lists populations with aliases and section counts', async () => {
    const result = await run('list', 'populations');
    expect(result.out.split('\n')[0]).toBe(
      'english-learners (also: els, ells): English learners, 3 sections — Students learning English alongside academic content.',
    );
  });

  it('lists templates and styles', async () => {
    expect((await run('list', 'templates')).out).toMatch(/^brief \(built-in, at most 4 pages\)/m);
    expect((await run('list', 'styles')).out).toMatch(/^apa \(bundled\)$/m);
  });

  it('lists sections with their files, and those that cannot be read', async () => {
    await edit('content/sections/recommendations/udl.md', (text) => text.replace('kind: recommendation', 'kind: recomendation'));
    const lines = (await run('list', 'sections')).out.split('\n');
    expect(lines).toContain(
      'device-gaps (content/sections/barriers/device-gaps.md) [barrier] Gaps in devices and connectivity — populations: english-learners, students-in-poverty; topics: technology-access',
    );
    expect(lines.at(-1)).toBe('udl (content/sections/recommendations/udl.md) cannot be read: 1 problem (see briefwright check)');
  });

  it('lists recipes with their template, formats and whether they are up to date', async () => {
    await writeFile(path.join(root, 'briefs/broken.yaml'), 'populations: [sdws]\n');
    expect((await run('build', 'swd')).code).toBe(ExitCode.ok);
    expect((await run('list', 'recipes')).out.split('\n')).toEqual([
      'recipe               template  formats    status',
      "briefs/broken.yaml   -         -          cannot be built: briefs/broken.yaml:1:15: unknown population 'sdws' (did you mean 'swds'?)",
      'briefs/el-tech.yaml  brief     html, pdf  stale: not built yet',
      'briefs/swd.yaml      brief     html       up to date',
    ]);
  });
});
