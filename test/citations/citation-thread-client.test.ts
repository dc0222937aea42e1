import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { CitationEngines } from '../../src/citations/citation-engines.js';
import { findCitations } from '../../src/citations/parse-citations.js';
import type { CslItem } from '../../src/citations/reference.js';
import { resolveStyle, type CslStyle } from '../../src/citations/styles.js';
import type { BriefwrightError } from '../../src/errors.js';
import { smallLibrary } from '../helpers/small-library.js';

// The thread runs compiled code, so these tests use the compiled modules (the
// test command builds them first); run from the TypeScript sources, as here,
// no thread can start.
type Engines = typeof import('../../src/citations/citation-engines.js');
type Thread = typeof import('../../src/citations/citation-thread-client.js');
type Cache = typeof import('../../src/citations/citation-cache.js');
const compiled = {
  engines: (await import(new URL('../../dist/citations/citation-engines.js', import.meta.url).href)) as Engines,
  thread: (await import(new URL('../../dist/citations/citation-thread-client.js', import.meta.url).href)) as Thread,
  cache: (await import(new URL('../../dist/citations/citation-cache.js', import.meta.url).href)) as Cache,
};

const TEXT = '[@rose2014a; @gleason2013] and @hasselbring2000 [p. 104] found it [@rose2014b, ch. 2; @wested2014]. See [@rose2014a].';

let items: Map<string, CslItem>;
let folder: string;

beforeAll(async () => {
  items = smallLibrary();
  folder = await mkdtemp(path.join(os.tmpdir(), 'bw-thread-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function request(style: CslStyle, text = TEXT) {
  return { style, locale: 'en-US', items, citations: findCitations(text), nocite: ['wested2014'] };
}

describe('CitationThread', () => {
  it('starts from the compiled code, and not from the TypeScript sources', async () => {
    const thread = compiled.thread.CitationThread.start();
    expect(thread).toBeDefined();
    await thread!.close();
    const { CitationThread } = await import('../../src/citations/citation-thread-client.js');
    expect(CitationThread.start()).toBeUndefined();
  });

  it.each(['apa', 'ieee', 'chicago-author-date'])('formats %s exactly as an engine in the main thread does', async (name) => {
    const style = resolveStyle(name, { root: folder });
    const engines = new compiled.engines.CitationEngines({ thread: compiled.thread.CitationThread.start() });
    try {
      expect(engines.threaded).toBe(true);
      engines.warm(style, 'en-US');
      const [first, second] = await Promise.all([engines.formatAsync(request(style)), engines.formatAsync(request(style, '[@gleason2013] [@rose2014b]'))]);
      const here = new CitationEngines();
      expect(first).toEqual(here.format(request(style)));
      expect(second).toEqual(here.format(request(style, '[@gleason2013] [@rose2014b]')));
      // No engine was built in this thread.
      expect(engines.enginesBuilt).toBe(0);
    } finally {
      await engines.close();
    }
  });

  it('builds one engine per style and locale, however often it is warmed before it is ready', async () => {
    // A build warms the engine of every brief it plans, as the thread starts:
    // the requests arrive while the thread is still loading its formatting code.
    const apa = resolveStyle('apa', { root: folder });
    const ieee = resolveStyle('ieee', { root: folder });
    const thread = compiled.thread.CitationThread.start({ preload: true })!;
    const engines = new compiled.engines.CitationEngines({ thread });
    try {
      for (let plan = 0; plan < 12; plan += 1) engines.warm(plan % 4 === 3 ? ieee : apa, 'en-US');
      engines.warm(apa, 'de-DE');
      // A locale there is none of is reported by the brief that asks for it, not by the warm-up.
      engines.warm(apa, 'xx-XX');
      await Promise.all([engines.formatAsync(request(apa)), engines.formatAsync(request(ieee))]);
      expect(await thread.enginesBuilt()).toBe(3);
      engines.warm(apa, 'en-US');
      await engines.formatAsync(request(apa, '[@gleason2013]'));
      expect(await thread.enginesBuilt()).toBe(3);
    } finally {
      await engines.close();
    }
  });

  it('keeps what the thread formatted in the cache, so the next run builds no engine', async () => {
    const style = resolveStyle('apa', { root: folder });
    const output = path.join(folder, 'output');
    const threaded = new compiled.engines.CitationEngines({ cache: compiled.cache.CitationCache.beside(output), thread: compiled.thread.CitationThread.start() });
    const formatted = await threaded.formatAsync(request(style)).finally(() => threaded.close());
    const later = new compiled.engines.CitationEngines({ cache: compiled.cache.CitationCache.beside(output) });
    expect(later.format(request(style))).toEqual(formatted);
    expect(later.enginesBuilt).toBe(0);
  });

  it('reports a style that cannot be loaded as the main thread does, and goes on after the thread has ended', async () => {
    const broken: CslStyle = { name: 'broken', origin: 'test', xml: '<style><citation><layout><text variable=' };
    const engines = new compiled.engines.CitationEngines({ thread: compiled.thread.CitationThread.start() });
    const failure = await engines.formatAsync(request(broken)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as BriefwrightError).message).toMatch(/citation style 'broken' could not be loaded/);
    await engines.close();
    const style = resolveStyle('apa', { root: folder });
    expect(await engines.formatAsync(request(style))).toEqual(new CitationEngines().format(request(style)));
  });
});

describe('a build whose citations are formatted in the thread', () => {
  it('writes every shipped brief as a build without the thread does', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const threaded = path.join(folder, 'threaded');
    const here = path.join(folder, 'here');
    // The command line runs the compiled code, so its citations go through the thread;
    // build() here runs the sources, where no thread starts.
    await promisify(execFile)(process.execPath, [path.join(root, 'bin', 'briefwright.js'), 'build', '--format', 'html', '--out-dir', threaded], { cwd: root });
    const results = await build({ root, fields: { formats: ['html'] }, outputDir: here });
    expect(results.every((result) => result.status === 'built')).toBe(true);
    const briefs = (await readdir(here)).filter((file) => file.endsWith('.html')).sort();
    expect(briefs.length).toBeGreaterThan(5);
    expect((await readdir(threaded)).filter((file) => file.endsWith('.html')).sort()).toEqual(briefs);
    for (const brief of briefs) expect(await readFile(path.join(threaded, brief), 'utf8'), brief).toBe(await readFile(path.join(here, brief), 'utf8'));
  }, 120_000);
});
