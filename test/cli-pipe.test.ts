import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/briefwright.js', import.meta.url));
const PROJECT = fileURLToPath(new URL('./fixtures/basic/', import.meta.url));

describe('a closed output pipe', () => {
  it('ends the command quietly with exit 0, as `briefwright list styles | head -1` does', async () => {
    const child = spawn(process.execPath, [BIN, 'list', 'styles', '--root', PROJECT], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let first = '';
    // Read the first line, then stop reading, as head does.
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString().split('\n')[0]!;
      child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(first).toMatch(/ \((bundled|\/.+)\)$/);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
