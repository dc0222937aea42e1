import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecipe } from '../../src/project/recipe.js';

async function recipe(text: string) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'briefwright-recipe-'));
  await mkdir(path.join(root, 'briefs'));
  await writeFile(path.join(root, 'briefs/r.yaml'), text);
  return readRecipe(root, 'briefs/r.yaml');
}

describe('readRecipe', () => {
  it('reads a recipe and names it after its file', async () => {
    const read = await recipe('title: T\npopulations: els\ntopics: [a, b]\ndate: 2026-11-23\n');
    expect(read.name).toBe('r');
    expect(read.fields).toMatchObject({ title: 'T', populations: ['els'], topics: ['a', 'b'], date: '2026-11-23' });
  });

  it('points at an unknown key', async () => {
    await expect(recipe('title: T\npopulation: [els]\n')).rejects.toMatchObject({
      message: "unknown field 'population' (did you mean 'populations'?)",
      location: { file: 'briefs/r.yaml', line: 2, column: 1 },
    });
  });

  it.each([
    ['style: ../../elsewhere/evil.csl', /a style is an id/],
    ['style: /etc/x.csl', /a style is an id/],
    ['template: ../x', "template '../x': must be a name of letters, digits, '-' and '_' (no paths)"],
    ['theme: a/b', "theme 'a/b': must be a name of letters, digits, '-' and '_' (no paths)"],
  ])('refuses %s, which would leave the project', async (line, message) => {
    await expect(recipe(`title: T\n${line}\n`)).rejects.toThrow(message);
  });

  it('reads ids separated by commas without brackets, as the command line does', async () => {
    expect((await recipe('populations: els, swds\n')).fields.populations).toEqual(['els', 'swds']);
  });

  it('accepts a style file inside the project', async () => {
    expect((await recipe('style: styles/csl/mine.csl\n')).fields.style).toBe('styles/csl/mine.csl');
  });
});
