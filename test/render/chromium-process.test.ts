import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import puppeteer from 'puppeteer';
import { BrowserSession } from '../../src/render/browser-session.js';
import { chromiumArguments, ChromiumProcess, LAUNCH_ARGS } from '../../src/render/chromium-process.js';
import { findChrome } from '../../src/render/find-chrome.js';

/** Flags as a sorted list, with the features a `--*-features` flag names sorted within it. */
function normalized(flags: readonly string[]): string[] {
  return flags
    .map((flag) => {
      const features = /^(--(?:dis|en)able-features=)(.*)$/.exec(flag);
      return features ? `${features[1]}${[...new Set(features[2]!.split(','))].sort().join(',')}` : flag;
    })
    .sort();
}

describe('ChromiumProcess', () => {
  it('starts Chromium with the flags puppeteer.launch() would give it', () => {
    expect(normalized(chromiumArguments())).toEqual(normalized(puppeteer.defaultArgs({ headless: true, args: [...LAUNCH_ARGS] })));
  });

  it('prints through its pipe, and leaves neither process nor profile behind', async () => {
    const session = new BrowserSession({ browser: () => findChrome(), pages: 1 });
    const pdf = await session.print('<!DOCTYPE html><html lang="en"><title>t</title><p>piped</p></html>', { format: 'Letter' });
    expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pid = (await session.pid())!;
    const flags = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const profile = flags.find((flag) => flag.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
    expect(flags).toContain('--remote-debugging-pipe');
    expect(existsSync(profile)).toBe(true);
    await session.close();
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(existsSync(profile)).toBe(false);
  });

  it('reports a browser that stops at once, with what it said', async () => {
    const session = new BrowserSession({ browser: () => ({ path: '/bin/sh', source: 'flag' }), pages: 1 });
    // /bin/sh does not know Chromium's flags: it complains and exits.
    await expect(session.print('<p>x</p>', { format: 'Letter' })).rejects.toThrow(/could not start the browser at \/bin\/sh \(found via flag\): it stopped \(exit code \d+\)/);
    await session.close();
  });

  it('reports a browser that cannot be run at all', async () => {
    const chromium = new ChromiumProcess('/nonexistent/chromium');
    expect(await chromium.exited).toMatch(/ENOENT/);
  });
});
