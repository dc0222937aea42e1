import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from './helpers/fixture.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/briefwright.js', import.meta.url));
const HOOK = fileURLToPath(new URL('./helpers/import-log.mjs', import.meta.url));
const PROJECT = fileURLToPath(new URL('./fixtures/basic/', import.meta.url));

/** Packages only building, rendering, citing or auditing needs. */
const HEAVY = ['puppeteer', 'puppeteer-core', 'citeproc', '@citation-js/core', 'pdf-lib', 'docx', 'axe-core', 'unified', 'chokidar'];

let logs: string;
beforeAll(async () => {
  logs = await mkdtemp(path.join(os.tmpdir(), 'briefwright-imports-'));
});
afterAll(async () => {
  await rm(logs, { recursive: true, force: true });
});

/** Which packages each file of the bundled CLI holds, as the bundling step wrote it down. */
async function bundleContents(): Promise<Record<string, string[]>> {
  try {
    return JSON.parse(await readFile(new URL('../dist/bundle/packages.json', import.meta.url), 'utf8')) as Record<string, string[]>;
  } catch {
    return {};
  }
}

/**
 * The packages a run of the executable loaded, from the module-resolution hook's log:
 * those resolved from node_modules, and those inside the files of the bundle it loaded.
 */
async function packagesLoaded(args: string[], root = PROJECT): Promise<Set<string>> {
  const log = path.join(logs, `${args.join('-').replace(/[^\w-]/g, '_')}.txt`);
  await run(process.execPath, ['--import', HOOK, BIN, ...args, '--root', root], { env: { ...process.env, IMPORT_LOG: log } });
  const urls = (await readFile(log, 'utf8')).split('\n');
  const bundle = await bundleContents();
  const names = urls.flatMap((url) => {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (match) return [match[1]!];
    const chunk = /\/dist\/bundle\/([^/]+\.js)$/.exec(url);
    return chunk ? (bundle[chunk[1]!] ?? []) : [];
  });
  return new Set(names);
}

describe('what a command loads', () => {
  it('loads no rendering, citation or audit package for --help, yet the log sees packages', async () => {
    const loaded = await packagesLoaded(['--help']);
    expect(loaded).toContain('yargs');
    for (const name of [...HEAVY, 'handlebars', 'zod']) expect(loaded, name).not.toContain(name);
  });

  it.each(['build', 'status', 'check', 'preview', 'coverage', 'browser install'])("loads none of them for '%s --help'", async (command) => {
    const loaded = await packagesLoaded([...command.split(' '), '--help']);
    for (const name of HEAVY) expect(loaded, name).not.toContain(name);
  });

  it.each(['themes', 'templates'])("loads none of them for 'list %s'", async (what) => {
    const loaded = await packagesLoaded(['list', what]);
    for (const name of HEAVY) expect(loaded, name).not.toContain(name);
  });

  it('lists templates without the template engine', async () => {
    const loaded = await packagesLoaded(['list', 'templates']);
    expect(loaded).toContain('yaml');
    expect(loaded).not.toContain('handlebars');
  });

  it('sees the citation engine where a command needs it', async () => {
    const { root, cleanup } = await copyFixture('basic');
    try {
      const loaded = await packagesLoaded(['build', 'el-tech', '--format', 'html'], root);
      expect(loaded).toContain('citeproc');
      expect(loaded).not.toContain('axe-core');
    } finally {
      await cleanup();
    }
  });
});
