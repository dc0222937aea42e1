import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Argv } from 'yargs';
import { BriefwrightError, ExitCode } from '../errors.js';
import type { Command } from './command.js';

/** Browsers puppeteer's installer can fetch for printing PDFs. */
const INSTALLABLE = ['chrome', 'chrome-headless-shell'] as const;

/** `briefwright browser install`: fetches the Chrome that puppeteer is tested with, into puppeteer's cache. */
const installCommand: Command = {
  command: 'install [browser]',
  describe: "Download the Chrome this puppeteer version is tested with, using puppeteer's own installer (with progress)",
  options: (y: Argv) =>
    y
      .positional('browser', { choices: INSTALLABLE, default: 'chrome', describe: 'Which build to fetch' })
      .example('$0 browser install', "fetch Chrome into puppeteer's cache (~/.cache/puppeteer; PUPPETEER_CACHE_DIR to change)"),
  run: async (args, io) => {
    await runInstaller(String(args.browser));
    io.out(await describeBrowser(String(args.root)));
    return ExitCode.ok;
  },
};

/** `briefwright browser path`: which browser PDFs would be printed with, and why that one. */
const pathCommand: Command = {
  command: 'path',
  describe: 'Say which Chrome or Chromium PDFs are printed with, and how it was found',
  options: (y: Argv) => y.option('chrome', { type: 'string', describe: 'Path to Chrome or Chromium, as for build' }),
  run: async (args, io) => {
    io.out(await describeBrowser(String(args.root), args.chrome as string | undefined));
    return ExitCode.ok;
  },
};

/** `briefwright browser`: the browser that prints PDFs. */
export const browserCommand: Command = {
  command: 'browser',
  describe: 'The Chrome or Chromium that prints PDFs: install one (browser install), or see which is used (browser path)',
  options: (y: Argv) => y.demandCommand(1, 'Name what to do: install or path'),
  subcommands: [installCommand, pathCommand],
};

/** Runs `puppeteer browsers install <browser>` from the puppeteer briefwright depends on, its progress shown as it goes. */
async function runInstaller(browser: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const manifestFile = require.resolve('puppeteer/package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.puppeteer!;
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(path.dirname(manifestFile), bin), 'browsers', 'install', browser], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) {
    throw new BriefwrightError(`puppeteer's browser installer failed (exit ${code}); see its message above. Behind a proxy, set HTTPS_PROXY`, { kind: 'browser' });
  }
}

/** The browser briefwright would print with in the project at `root`, and by which rule it was found. */
async function describeBrowser(root: string, flag?: string): Promise<string> {
  const [{ findChrome }, { loadConfig }] = await Promise.all([import('../render/find-chrome.js'), import('../project/config.js')]);
  const config = await loadConfig(path.resolve(root));
  const found = findChrome({ flag, config: config.chrome });
  const why: Record<typeof found.source, string> = {
    flag: 'given with --chrome',
    config: 'chrome: in briefwright.yaml',
    PUPPETEER_EXECUTABLE_PATH: 'from PUPPETEER_EXECUTABLE_PATH',
    CHROME_PATH: 'from CHROME_PATH',
    system: 'installed on this system, tried before the one puppeteer downloads',
    puppeteer: 'downloaded by puppeteer',
  };
  return `PDFs are printed with ${found.path} (${why[found.source]})`;
}
