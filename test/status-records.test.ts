import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { status } from '../src/status.js';
import { copyFixture } from './helpers/fixture.js';

let root: string;
let cleanup: () => Promise<void>;
const html = { fields: { formats: ['html' as const] } };

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('languages'));
  await build({ root, ...html });
});
afterAll(() => cleanup());

describe('status answered from the build records', () => {
  it('gives what planning gives: outputs, template, formats, recipe, and translations behind their originals', async () => {
    const original = path.join(root, 'content/sections/background/home-connectivity.md');
    await writeFile(original, (await readFile(original, 'utf8')).replace('only through a phone', 'only through a mobile phone'));
    await build({ root, ...html });
    // Without the build's notes, status plans every brief (and notes them); the next finds them all in the records.
    const records = path.join(root, 'output/.records');
    for (const file of (await readdir(records)).filter((name) => !name.startsWith('.') && name.endsWith('.json'))) {
      const { verified: _verified, ...record } = JSON.parse(await readFile(path.join(records, file), 'utf8'));
      await writeFile(path.join(records, file), JSON.stringify(record));
    }
    const planned = await status({ root, ...html });
    const english = JSON.parse(await readFile(path.join(records, 'english.json'), 'utf8'));
    expect(english.verified).toHaveLength(1);
    const recorded = await status({ root, ...html });
    expect(recorded).toEqual(planned);
    expect(recorded.filter((brief) => brief.stale)).toEqual([]);
    const behind = 'content/sections/background/home-connectivity.es.md: the English original changed since this translation was made';
    expect(recorded.filter((brief) => brief.warnings.includes(behind)).map((brief) => brief.name).length).toBeGreaterThan(0);
    expect(recorded.find((brief) => brief.name === 'english')).toMatchObject({
      outputs: ['output/english.html'],
      formats: ['html'],
      recipe: 'briefs/english.yaml',
      template: 'brief',
      warnings: [],
    });
  });

  it('answers for other flags by planning again', async () => {
    const both = await status({ root });
    expect(both.find((brief) => brief.name === 'english')).toMatchObject({ stale: true, reasons: ['no pdf output yet'] });
  });
});
