import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileLayers } from '../../src/project/file-layers.js';

let base: string;
let layers: FileLayers;

async function put(root: string, file: string, text = '') {
  await mkdir(path.dirname(path.join(base, root, file)), { recursive: true });
  await writeFile(path.join(base, root, file), text);
}

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'briefwright-layers-'));
  await put('built-in', 'styles/base.css', 'built-in base');
  await put('built-in', 'styles/print.css', 'built-in print');
  await put('built-in', 'styles/themes/default/theme.yaml');
  await put('built-in', 'templates/partials/header.hbs');
  await put('built-in', 'templates/partials/footer.hbs');
  await put('project', 'styles/print.css', 'project print');
  await put('project', 'styles/themes/mine/theme.yaml');
  await put('project', 'templates/partials/footer.hbs');
  layers = new FileLayers({ project: path.join(base, 'project'), builtIn: path.join(base, 'built-in') });
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('looking files up in layers', () => {
  it('takes a project file over the built-in file of the same path, and the built-in file otherwise', () => {
    expect(layers.find('styles/print.css')).toMatchObject({ origin: 'project', file: path.join(base, 'project/styles/print.css') });
    expect(layers.find('styles/base.css')).toMatchObject({ origin: 'built-in', file: path.join(base, 'built-in/styles/base.css') });
    expect(layers.find('styles/fonts.css')).toBeUndefined();
  });

  it('lists a folder as the union of its layers, one entry per name, saying where each comes from', () => {
    expect(layers.list('templates/partials').map((file) => `${file.path} ${file.origin}`)).toEqual([
      'templates/partials/footer.hbs project',
      'templates/partials/header.hbs built-in',
    ]);
    expect(layers.list('styles/themes', 'folder').map((file) => `${file.path} ${file.origin}`)).toEqual([
      'styles/themes/default built-in',
      'styles/themes/mine project',
    ]);
  });

  it('finds the file a path of either layer stands for (an @import beside a built-in stylesheet)', () => {
    expect(layers.locate(path.join(base, 'built-in/styles/print.css'))).toBe(path.join(base, 'project/styles/print.css'));
    expect(layers.locate(path.join(base, 'project/styles/base.css'))).toBe(path.join(base, 'built-in/styles/base.css'));
    expect(layers.locate(path.join(base, 'elsewhere/x.css'))).toBeUndefined();
  });

  it('shows project files by their project path and built-in files relative to the project', () => {
    expect(layers.display(layers.find('styles/print.css')!)).toBe('styles/print.css');
    expect(layers.display(layers.find('styles/base.css')!)).toBe('../built-in/styles/base.css');
  });

  it('has one layer when the project is the built-in folder itself', () => {
    const single = new FileLayers({ project: path.join(base, 'built-in'), builtIn: path.join(base, 'built-in') });
    expect(single.find('styles/print.css')).toMatchObject({ origin: 'built-in' });
    expect(single.list('templates/partials')).toHaveLength(2);
  });
});
