import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BriefResult } from '../src/build.js';
import { watchProject } from '../src/watch.js';
import { captureConsole, copyFixture } from './helpers/fixture.js';

let root: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('basic'));
  await writeFile(path.join(root, 'briefs/el-tech.yaml'), `${await readFile(path.join(root, 'briefs/el-tech.yaml'), 'utf8')}formats: [html]\n`);
});
afterAll(async () => {
  await cleanup();
});

describe('build --watch', () => {
  it('builds, then rebuilds only the briefs an edit affects', async () => {
    const runs: BriefResult[][] = [];
    const controller = new AbortController();
    let edited = false;
    const done = watchProject({
      root,
      io: captureConsole().io,
      debounceMs: 50,
      signal: controller.signal,
      onChange: async () => {
        runs.push(await build({ root }));
        if (!edited) {
          edited = true;
          const file = path.join(root, 'content/sections/recommendations/udl.md');
          setTimeout(async () => writeFile(file, (await readFile(file, 'utf8')).replace('procurement', 'every purchase')), 300);
        } else controller.abort();
      },
    });
    await done;
    expect(runs.map((results) => results.filter((r) => r.status === 'built').map((r) => r.name))).toEqual([['el-tech', 'swd'], ['swd']]);
  }, 60_000);
});
