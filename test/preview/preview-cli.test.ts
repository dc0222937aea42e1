import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { copyFixture } from '../helpers/fixture.js';

const RUNNER = fileURLToPath(new URL('./run-cli.ts', import.meta.url));

let root: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('basic'));
});
afterAll(async () => {
  await cleanup();
});

/** Starts `briefwright ARGS` as a child process, collecting its output. */
function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ out, err }) };
}

describe('briefwright preview (command line)', () => {
  it('prints its address, serves the page, and stops cleanly on Ctrl-C', async () => {
    const run = start(['preview', '--port', '0', '--root', root]);
    let url: string | undefined;
    for (let attempt = 0; attempt < 300 && !url; attempt += 1) {
      url = /preview at (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl-C to stop\)/.exec(run.output().out)?.[1];
      if (!url) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(url, run.output().err).toBeDefined();
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Brief preview');
    run.child.kill('SIGINT');
    // 0 from briefwright's own handler, or 130 (128 + SIGINT) when puppeteer's
    // handler, installed once the page has warmed the browser, exits first.
    expect([ExitCode.ok, 130]).toContain(await run.exited);
    await expect(fetch(url!)).rejects.toThrow();
  });

  it('refuses a port out of range as a usage error', async () => {
    const run = start(['preview', '--port', '70000', '--root', root]);
    expect(await run.exited).toBe(ExitCode.usage);
    expect(run.output().err).toContain('--port must be a whole number from 0 to 65535 (got 70000)');
  });
});
