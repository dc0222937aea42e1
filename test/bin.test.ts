import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/briefwright.js', import.meta.url));

describe('the briefwright executable', () => {
  it('prints help a newcomer can follow', async () => {
    const { stdout } = await run(process.execPath, [BIN, '--help']);
    expect(stdout).toMatch(/briefwright build \[recipes\.\.\]/);
    expect(stdout).toMatch(/briefwright check/);
    expect(stdout).toMatch(/briefwright list <what>/);
  });

  it('exits 2 on a usage error', async () => {
    await expect(run(process.execPath, [BIN, 'frobnicate'])).rejects.toMatchObject({ code: 2 });
  });
});
