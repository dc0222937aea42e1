import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { ExitCode } from '../src/errors.js';
import { PACKAGE_ROOT } from '../src/project/package-root.js';
import { captureConsole, copyFixture, withEdits, type FileEdits } from './helpers/fixture.js';

// Each mistake: a clear message naming the file (and line), a non-zero exit, and
// the good output of an earlier build left exactly as it was.
let root: string;
let cleanup: () => Promise<void>;
let good: string;

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('basic'));
  await cp(path.join(PACKAGE_ROOT, 'templates'), path.join(root, 'templates'), { recursive: true });
  expect(await main(['build', 'swd', '--root', root], captureConsole().io)).toBe(ExitCode.ok);
  good = await readFile(path.join(root, 'output/swd.html'), 'utf8');
});
afterAll(async () => {
  await cleanup();
});

/** Applies a mistake, builds, restores the files, and returns what the build said. */
async function withMistake(files: FileEdits, args: string[] = ['build', 'swd', '--force']) {
  const console = captureConsole();
  const code = await withEdits(root, files, () => main([...args, '--root', root], console.io));
  expect(await readFile(path.join(root, 'output/swd.html'), 'utf8')).toBe(good);
  return { code, err: console.err.join('\n') };
}

describe('bad input', () => {
  it('malformed taxonomy YAML', async () => {
    const { code, err } = await withMistake({ 'content/taxonomy.yaml': (t) => t.replace('label: English learners', 'label: [English learners') });
    expect(code).toBe(ExitCode.input);
    expect(err).toContain("content/taxonomy.yaml:3:12: the list opened with '[' is never closed; end it with ']' on the same line");
  });

  it('malformed recipe YAML', async () => {
    const { code, err } = await withMistake({ 'briefs/swd.yaml': (t) => `${t}topics: [a\n` });
    expect(code).toBe(ExitCode.input);
    expect(err).toContain("briefs/swd.yaml:6:1: 'topics' is set twice (also on line 4); keep one");
  });

  it('duplicate section ids', async () => {
    const { code, err } = await withMistake({
      'content/sections/evidence/udl.md': () => '---\ntitle: Again\npopulations: [all]\ntopics: [learning-plans]\nkind: evidence\n---\nx\n',
    });
    expect(code).toBe(ExitCode.input);
    expect(err).toMatch(/content\/sections\/(evidence|recommendations)\/udl\.md:1:1: duplicate section id 'udl' \(also content\/sections\/(recommendations|evidence)\/udl\.md\)/);
  });

  it('a section without a title', async () => {
    const { code, err } = await withMistake({ 'content/sections/recommendations/udl.md': (t) => t.replace(/^title: .*\n/m, '') });
    expect(code).toBe(ExitCode.input);
    expect(err).toContain("content/sections/recommendations/udl.md:2:1: front matter has no 'title': write the section's heading");
  });

  it('a misspelled template, theme or style, with a suggestion', async () => {
    for (const [flag, value, message] of [
      ['--template', 'handot', /unknown template 'handot' \(did you mean 'handout'\?\)/],
      ['--theme', 'partnr', /unknown theme 'partnr' \(did you mean 'partner'\?\)/],
      ['--style', 'apaa', /unknown citation style 'apaa' \(did you mean 'apa'/],
    ] as const) {
      const { code, err } = await withMistake({}, ['build', 'swd', '--force', '--format', 'html', flag, value]);
      expect(code).toBe(ExitCode.input);
      expect(err).toMatch(message);
    }
  });

  it('a template syntax error, at its line', async () => {
    const { code, err } = await withMistake({ 'templates/partials/section.hbs': (t) => `${t}\n{{#if title}}\n` });
    expect(code).toBe(ExitCode.input);
    expect(err).toMatch(/templates\/partials\/section\.hbs:\d+: template syntax error/);
  });

  it('a missing partial', async () => {
    const { code, err } = await withMistake({ 'templates/brief.hbs': (t) => t.replace('{{> footer}}', '{{> foter}}') });
    expect(code).toBe(ExitCode.input);
    expect(err).toMatch(/templates\/brief\.hbs: missing partial 'foter' \(did you mean 'footer'/);
  });

  it('a recipe whose matches are all excluded, saying by which ids', async () => {
    const { code, err } = await withMistake({ 'briefs/swd.yaml': (t) => t.replace('topics: []', 'topics: [technology-access]\nexclude: [udl]') });
    expect(code).toBe(ExitCode.input);
    expect(err).toContain('briefs/swd.yaml:5:1: every section that matches is excluded: udl; remove it from exclude, or ask for other populations or topics');
  });
});
