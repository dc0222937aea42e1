import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { main } from '../../src/cli.js';
import { ExitCode } from '../../src/errors.js';
import { captureConsole, copyFixture } from '../helpers/fixture.js';

describe('a bibliography entry that cannot be read', () => {
  it('fails only the briefs that cite it, reported once at its line, its key "not read, see above"', async () => {
    const { root, cleanup } = await copyFixture('basic');
    try {
      const bib = path.join(root, 'content/references.bib');
      const text = await readFile(bib, 'utf8');
      const broken = text.replace(/(@misc\{rose2014b,\n\s*author = \{Rose, Raymond\},\n\s*title = \{[^}]*\}),/, '$1');
      expect(broken).not.toBe(text);
      await writeFile(bib, broken);
      const line = broken.split('\n').findIndex((row) => row.includes('Supporting online learners')) + 1;

      const report = await check({ root });
      const messages = report.problems.map((problem) => problem.format());
      expect(messages.filter((message) => message.includes('missing comma'))).toEqual([expect.stringMatching(new RegExp(`^content/references\\.bib:${line}:\\d+: missing comma after the title field\\?$`))]);
      expect(messages).toContain("content/sections/barriers/device-gaps.md:10:8: citation key 'rose2014b' not read, see above");
      expect(messages.some((message) => message.includes('unknown citation key'))).toBe(false);

      const console = captureConsole();
      const code = await main(['build', '--force', '--format', 'html', '--root', root], console.io);
      expect(code).toBe(ExitCode.input);
      expect(console.err.join('\n')).toMatch(/✗ el-tech\n\s+content\/references\.bib:\d+:\d+: missing comma after the title field\?\n\s+content\/sections\/barriers\/device-gaps\.md:10:8: citation key 'rose2014b' not read, see above/);
      expect(console.err.join('\n')).toContain('failed: el-tech');
      // The brief that does not cite the entry is built.
      expect(await readFile(path.join(root, 'output/swd.html'), 'utf8')).toMatch(/<h1/);
    } finally {
      await cleanup();
    }
  });
});
