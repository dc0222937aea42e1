import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BriefwrightError } from '../errors.js';

/** Browsers installed in the usual places, tried in order. */
export const WELL_KNOWN_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/** Where a browser was found, and by which rule. */
export interface FoundBrowser {
  path: string;
  source: 'flag' | 'config' | 'PUPPETEER_EXECUTABLE_PATH' | 'CHROME_PATH' | 'system' | 'puppeteer';
}

/**
 * Finds Chrome or Chromium, in this order: the `--chrome` flag; `chrome:` in
 * briefwright.yaml; $PUPPETEER_EXECUTABLE_PATH; $CHROME_PATH; well-known install
 * paths; the browser puppeteer downloaded. A path given explicitly must exist.
 */
export function findChrome(options: {
  flag?: string;
  config?: string;
  env?: NodeJS.ProcessEnv;
  wellKnown?: readonly string[];
  puppeteerPath?: () => string | undefined;
} = {}): FoundBrowser {
  const env = options.env ?? process.env;
  const explicit: [FoundBrowser['source'], string | undefined][] = [
    ['flag', options.flag],
    ['config', options.config],
    ['PUPPETEER_EXECUTABLE_PATH', env.PUPPETEER_EXECUTABLE_PATH],
    ['CHROME_PATH', env.CHROME_PATH],
  ];
  for (const [source, path] of explicit) {
    if (!path) continue;
    if (!existsSync(path)) {
      throw new BriefwrightError(`browser not found at ${path} (from ${source === 'flag' ? '--chrome' : source})`, {
        kind: 'browser',
      });
    }
    return { path, source };
  }
  const system = (options.wellKnown ?? WELL_KNOWN_BROWSERS).find((path) => existsSync(path));
  if (system) return { path: system, source: 'system' };
  const bundled = (options.puppeteerPath ?? puppeteerBrowser)();
  if (bundled && existsSync(bundled)) return { path: bundled, source: 'puppeteer' };
  throw new BriefwrightError(
    [
      'no Chrome or Chromium found for printing PDFs. Do one of:',
      '  - install Chromium (Debian/Ubuntu: sudo apt-get install chromium)',
      '  - point to a browser: --chrome PATH, chrome: in briefwright.yaml, or PUPPETEER_EXECUTABLE_PATH / CHROME_PATH',
      "  - fetch the Chrome puppeteer is tested with: briefwright browser install",
      '  - or build HTML only: --format html',
    ].join('\n'),
    { kind: 'browser' },
  );
}

/** The browser puppeteer downloaded, if any (puppeteer is loaded only to ask). */
function puppeteerBrowser(): string | undefined {
  try {
    const puppeteer = createRequire(import.meta.url)('puppeteer') as typeof import('puppeteer');
    return puppeteer.executablePath();
  } catch {
    return undefined;
  }
}
