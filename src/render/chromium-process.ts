import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';

/**
 * Flags that let Chromium run headless in containers and CI without reaching the
 * network.
 */
export const LAUNCH_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--font-render-hinting=none',
  // Request interception stops requests, but not the connections Chromium opens
  // ahead of them (preconnect, DNS prefetch). Routing everything through a proxy
  // that does not exist, loopback included, means no connection leaves the browser.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--dns-prefetch-disable',
  // No spare renderer kept warm for tabs that never open: a run holds only its pages.
  // Chromium 14x's headless mode also preloads the address bar's popup, a WebUI
  // page with a renderer of its own (about 65 MiB) that nothing here ever shows.
  '--disable-features=SpareRendererForSitePerProcess,Translate,MediaRouter,OptimizationHints,WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

/**
 * Run Chromium's renderer and its services as threads of the browser process.
 * Otherwise Chromium starts a print compositor process of its own for each PDF
 * it prints: for 100 briefs, about 1.5 CPU-seconds of process start-up the
 * pages then wait behind, where the PDFs are the same byte for byte but for the
 * time of printing. Linux only (where it is measured and tested); a browser
 * that stops in this mode is started again without it (see browser-session.ts).
 */
export const SINGLE_PROCESS_ARGS: readonly string[] = process.platform === 'linux' ? ['--single-process'] : [];

/**
 * What puppeteer.launch({ headless: true }) passes Chromium besides the flags it
 * is given, for an automated, reproducible browser: sRGB colours, tagged PDFs
 * with outlines, no throttling of pages in the background. (A test holds this
 * to the installed puppeteer's defaultArgs().)
 */
const AUTOMATION_ARGS: readonly string[] = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--enable-features=PdfOopif',
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-extensions',
];

/** Features puppeteer turns off, merged with those of LAUNCH_ARGS into the one flag Chromium reads. */
const AUTOMATION_DISABLED_FEATURES = [
  'Translate',
  'AcceptCHFrame',
  'MediaRouter',
  'OptimizationHints',
  'WebUIReloadButton',
  'ProcessPerSiteUpToMainFrameThreshold',
  'IsolateSandboxedIframes',
];

/**
 * Every flag Chromium is started with, but for its profile folder and the
 * DevTools pipe: puppeteer's automation flags, then `args`, with the features
 * both turn off in one `--disable-features`.
 */
export function chromiumArguments(args: readonly string[] = LAUNCH_ARGS): string[] {
  const DISABLE = '--disable-features=';
  const disabled = new Set(AUTOMATION_DISABLED_FEATURES);
  for (const arg of args) if (arg.startsWith(DISABLE)) arg.slice(DISABLE.length).split(',').filter(Boolean).forEach((f) => disabled.add(f));
  return [...AUTOMATION_ARGS, `${DISABLE}${[...disabled].join(',')}`, 'about:blank', ...args.filter((arg) => !arg.startsWith(DISABLE))];
}

/** How long close() waits for Chromium to exit on its own before killing it. */
const EXIT_GRACE_MS = 5_000;

/**
 * Chromium in a process of its own, started without puppeteer and driven
 * through the DevTools pipe (file descriptors 3 and 4), as puppeteer.launch()
 * with `pipe: true` would: spawning it is the first thing a build that prints
 * does, so the browser starts up while Node loads the project and puppeteer.
 * Its profile is a fresh temporary folder, removed when it exits. If Node
 * exits without closing it, the pipe closes and Chromium quits; a process still
 * there is killed.
 */
export class ChromiumProcess {
  readonly executable: string;
  private readonly child: ChildProcess;
  private readonly profile: string;
  private readonly stderr: string[] = [];
  /** Settles when the process has exited (or could not start), with how. */
  readonly exited: Promise<string>;
  private exitedYet = false;

  constructor(executable: string, args: readonly string[] = LAUNCH_ARGS) {
    this.executable = executable;
    this.profile = mkdtempSync(path.join(os.tmpdir(), 'briefwright-chromium-'));
    this.child = spawn(executable, [...chromiumArguments(args), '--remote-debugging-pipe', `--user-data-dir=${this.profile}`], {
      // Its own process group, so that killing it takes its renderers too.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    this.child.stderr!.setEncoding('utf8').on('data', (text: string) => {
      this.stderr.push(text);
      if (this.stderr.length > 20) this.stderr.shift();
    });
    process.on('exit', this.killNow);
    this.exited = new Promise((resolve) => {
      const done = (how: string) => {
        if (this.exitedYet) return;
        this.exitedYet = true;
        process.off('exit', this.killNow);
        this.removeProfile();
        resolve(how);
      };
      this.child.once('error', (error) => done(error.message));
      this.child.once('exit', (code, signal) => done(signal ? `killed by ${signal}` : `exit code ${code}`));
    });
  }

  /** Its process id, once it has started. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** What Chromium last wrote to its standard error, for messages when it fails. */
  get output(): string {
    return this.stderr.join('').trim().split('\n').slice(-10).join('\n');
  }

  /** A transport for puppeteer.connect() over the DevTools pipe. */
  transport(): ConnectionTransport {
    const stdio = this.child.stdio as unknown as [unknown, unknown, unknown, Writable, Readable];
    return new PipeTransport(stdio[3], stdio[4]);
  }

  /** Waits for the process to exit (after the browser was asked to close), killing it if it does not. */
  async close(): Promise<void> {
    const timer = setTimeout(this.killNow, EXIT_GRACE_MS);
    try {
      await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Kills the process and its renderers now. */
  readonly killNow = (): void => {
    if (this.exitedYet || this.child.pid === undefined) return;
    try {
      if (process.platform === 'win32') this.child.kill('SIGKILL');
      else process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
    // At Node's exit no event will follow: the profile goes now.
    this.removeProfile();
  };

  private removeProfile(): void {
    try {
      rmSync(this.profile, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // A temporary folder left behind is the system's to clean.
    }
  }
}

/**
 * The DevTools protocol over a pipe: JSON messages, each ended by a NUL byte.
 * Messages are handed on in turns of their own, as puppeteer's own pipe does.
 */
class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  private pending: Buffer[] = [];
  private closed = false;

  constructor(
    private readonly writing: Writable,
    reading: Readable,
  ) {
    reading.on('data', (chunk: Buffer) => this.receive(chunk));
    reading.on('close', () => this.onclose?.());
    // A pipe that breaks closes the connection; the error itself adds nothing.
    reading.on('error', () => undefined);
    writing.on('error', () => undefined);
  }

  send(message: string): void {
    if (this.closed) return;
    this.writing.write(`${message}\0`);
  }

  close(): void {
    this.closed = true;
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      const last = chunk.subarray(start, end);
      const message = (this.pending.length > 0 ? Buffer.concat([...this.pending, last]) : last).toString('utf8');
      this.pending = [];
      setImmediate(() => this.onmessage?.(message));
      start = end + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }
}
