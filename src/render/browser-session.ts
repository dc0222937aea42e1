import fs from 'node:fs';
import path from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Browser, CDPSession, ConnectOptions, Page, PDFOptions } from 'puppeteer-core';
import { BriefwrightError } from '../errors.js';
import { ChromiumProcess, LAUNCH_ARGS, SINGLE_PROCESS_ARGS } from './chromium-process.js';
import type { FoundBrowser } from './find-chrome.js';
import { shellDocument, SHELL_STYLE_ID, splitFonts, swapDocument } from './font-shell.js';

interface PooledPage {
  page: Page;
  /** The @font-face rules its document holds, when it holds a font shell. */
  fonts?: string;
  /** Its own protocol session, for collecting garbage between prints. */
  cdp?: CDPSession;
  /** Prints since its renderer's garbage was last collected. */
  printed: number;
}

/** Prints a page makes between collections of its renderer's garbage (see collectGarbage). */
const PRINTS_PER_COLLECTION = 16;

/** How a BrowserSession runs. */
export interface BrowserSessionOptions {
  /** Finds the browser to launch (called at the first print, and after a crash). */
  browser: () => FoundBrowser;
  /** Pages printing at once. */
  pages: number;
  /** Longest a single print may take before it fails (default 60 s). */
  timeoutMs?: number;
}

/**
 * The one owner of the browser: launched on first use, a pool of reused pages
 * (a new page costs about three times a reused one), closed once. Pages run no
 * JavaScript and reach no network. A print that
 * hangs fails after a timeout and its page is replaced; if the browser crashes,
 * the brief printing fails and the next print starts a new browser.
 */
export class BrowserSession {
  private browser?: Promise<Browser>;
  private idle: PooledPage[] = [];
  /** Pages warm() is still opening: a print takes one of these rather than open a page more. */
  private warming: Promise<PooledPage>[] = [];
  /** The browser warm() last opened pages in. */
  private warmed?: Promise<Browser>;
  private readonly claimed = new WeakSet<Page>();
  /** The process of each browser this session started. */
  private readonly processes = new WeakMap<Browser, ChromiumProcess>();
  private readonly limit: LimitFunction;
  /** Set by close(): a print asked for later fails rather than start a browser nothing would close. */
  private closed = false;
  /** Whether the next browser runs as one process (see SINGLE_PROCESS_ARGS): until one stops unasked. */
  private singleProcess = SINGLE_PROCESS_ARGS.length > 0;

  constructor(private readonly options: BrowserSessionOptions) {
    this.limit = pLimit(Math.max(1, options.pages));
  }

  /** Pages printing at once; fewer than asked when there are fewer briefs to print. Set before warm(). */
  get pages(): number {
    return this.limit.concurrency;
  }

  set pages(pages: number) {
    this.limit.concurrency = Math.max(1, pages);
  }

  /**
   * Starts the browser now, in its own process, while Node goes on with other
   * work: launching takes most of a second that a first print would otherwise
   * wait for. A launch that fails is reported by the first print.
   */
  start(): void {
    this.launch().catch(() => undefined);
  }

  /** Prints HTML to a PDF with the given page options (`timeoutMs` overrides the session's). */
  print(html: string, pdf: PDFOptions & { timeoutMs?: number }): Promise<Uint8Array> {
    return this.limit(async () => {
      try {
        return await this.printNow(html, pdf);
      } catch (error) {
        // A brief the browser stopped under is printed once more, in the browser started after it.
        if (error instanceof BrowserStopped && !this.closed) return this.printNow(html, pdf);
        throw error;
      }
    });
  }

  /**
   * Loads HTML in a page of its own that runs scripts, adds `scripts`, and
   * evaluates `expression` (for audits such as axe). Requests stay blocked.
   */
  async evaluate<T>(html: string, scripts: readonly string[], expression: string, media: 'screen' | 'print' = 'screen'): Promise<T> {
    return this.limit(async () => {
      const pooled = await this.openPage({ javaScript: true });
      try {
        await pooled.page.emulateMediaType(media);
        await pooled.page.setContent(html, { waitUntil: 'load', timeout: this.options.timeoutMs ?? 60_000 });
        for (const content of scripts) await pooled.page.addScriptTag({ content });
        return (await pooled.page.evaluate(expression)) as T;
      } finally {
        await pooled.page.close().catch(() => undefined);
      }
    });
  }

  /** How many pages the running browser has open (for diagnostics and tests). */
  async openPages(): Promise<number> {
    const browser = await this.browser?.catch(() => undefined);
    return browser ? (await browser.pages()).length : 0;
  }

  /** The running browser's process id, if it is running (for diagnostics and tests). */
  async pid(): Promise<number | undefined> {
    const browser = await this.browser?.catch(() => undefined);
    return browser && this.processes.get(browser)?.pid;
  }

  /**
   * Starts the browser and opens its pages now, so they are ready when the
   * first brief is. Given a document like the briefs to come, the pages also
   * load its fonts (see font-shell.ts) and, unless a brief is already waiting,
   * one prints it, which starts the browser's printing machinery while nothing
   * else needs it.
   */
  warm(like?: string): void {
    const browser = this.launch();
    // Once per browser: the preview warms at every page load, and each call used to open a pool more.
    if (this.warmed === browser) return;
    this.warmed = browser;
    const shell = like === undefined ? undefined : splitFonts(like);
    this.warming = Array.from({ length: this.pages }, (_, index) => {
      const ready = (async () => {
        const pooled = await this.openPage();
        if (shell) {
          await holdFonts(pooled, shell.fonts);
          if (index === 0 && this.limit.activeCount === 0 && this.limit.pendingCount === 0) await pooled.page.pdf({ format: 'Letter' });
        }
        return pooled;
      })();
      // Pooled as soon as it is ready (the print waiting longest takes it: see takeWarming).
      ready.then(
        (pooled) => {
          this.warming = this.warming.filter((pending) => pending !== ready);
          if (browser === this.browser) this.idle.push(pooled);
        },
        () => {
          this.warming = this.warming.filter((pending) => pending !== ready);
        },
      ).catch(() => undefined);
      return ready;
    });
  }

  /** Closes every page and the browser. */
  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = undefined;
    this.idle = [];
    this.warming = [];
    const running = await browser?.catch(() => undefined);
    if (!running) return;
    await running.close().catch(() => undefined);
    await this.processes.get(running)?.close();
  }

  private async printNow(html: string, { timeoutMs, ...pdf }: PDFOptions & { timeoutMs?: number }): Promise<Uint8Array> {
    const timeout = timeoutMs ?? this.options.timeoutMs ?? 60_000;
    const browser = this.launch();
    // Its failure is this print's (through openPage), not a rejection of its own.
    browser.catch(() => undefined);
    let pooled: PooledPage | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      // Inside the try: a browser that died since it was launched fails this print like any other crash.
      pooled = this.idle.pop() ?? (await this.takeWarming()) ?? (await this.openPage());
      const page = pooled;
      const printing = (async () => {
        const shell = splitFonts(html);
        if (shell) {
          // The page keeps the fonts of the briefs it prints loaded (see font-shell.ts).
          await holdFonts(page, shell.fonts, timeout);
          await page.page.evaluate(swapDocument, shell.rest, SHELL_STYLE_ID);
        } else {
          page.fonts = undefined;
          await page.page.setContent(html, { waitUntil: 'load', timeout });
        }
        // page.pdf() itself waits for document.fonts.ready before printing.
        return page.page.pdf({ timeout, ...pdf });
      })();
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PrintTimeout(timeout)), timeout);
      });
      const bytes = await Promise.race([printing, expired]);
      if ((pooled.printed += 1) >= PRINTS_PER_COLLECTION) void collectGarbage(pooled);
      if ((await browser) === (await this.browser)) this.idle.push(pooled);
      return bytes;
    } catch (error) {
      if (error instanceof BriefwrightError && error.kind === 'browser' && !pooled) throw error;
      void pooled?.page.close().catch(() => undefined);
      const crashed = !(await browser.catch(() => undefined))?.connected;
      if (crashed) this.forget(browser);
      throw new (crashed ? BrowserStopped : BriefwrightError)(describeFailure(error, crashed), { kind: 'browser', cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Starts Chromium at once (its process is spawned before this returns), then
   * loads puppeteer and connects to it over the DevTools pipe.
   */
  private launch(): Promise<Browser> {
    if (this.closed) return Promise.reject(new BriefwrightError('the browser was closed before this brief could be printed', { kind: 'browser' }));
    this.browser ??= (async () => {
      const found = this.options.browser();
      let chromium: ChromiumProcess | undefined;
      try {
        chromium = new ChromiumProcess(found.path, this.singleProcess ? [...LAUNCH_ARGS, ...SINGLE_PROCESS_ARGS] : LAUNCH_ARGS);
        const browser = await connect(chromium);
        this.processes.set(browser, chromium);
        const launched = this.browser;
        browser.on('disconnected', () => {
          chromium!.killNow();
          if (launched) this.forget(launched);
        });
        return browser;
      } catch (error) {
        chromium?.killNow();
        this.browser = undefined;
        if (this.singleProcess) {
          this.singleProcess = false;
          return this.launch();
        }
        throw new BriefwrightError(`could not start the browser at ${found.path} (found via ${found.source}): ${(error as Error).message}`, {
          kind: 'browser',
          cause: error,
        });
      }
    })();
    return this.browser;
  }

  /**
   * The first of the pages warm() is opening to be ready, unless another print
   * took it (then the next). Undefined when none is pending or they failed.
   */
  private async takeWarming(): Promise<PooledPage | undefined> {
    while (this.warming.length > 0) {
      // warm() pools each page before this resumes; a print that waited longer may have taken it.
      const ready = await Promise.any(this.warming).catch(() => undefined);
      const pooled = this.idle.pop();
      if (pooled || !ready) return pooled;
    }
    return this.idle.pop();
  }

  /** Drops a browser that crashed (and its pages), so the next print launches a new one. */
  private forget(browser: Promise<Browser>): void {
    if (this.browser !== browser) return;
    this.browser = undefined;
    // One process holds every page: a crash in any of them stops them all, so the next browser keeps them apart.
    this.singleProcess = false;
    this.idle = [];
    this.warming = [];
  }

  private async openPage(options: { javaScript?: boolean } = {}): Promise<PooledPage> {
    const browser = await this.launch();
    // The tab Chromium opens at start is used rather than left idle beside the pool.
    const blank = (await browser.pages()).find((candidate) => candidate.url() === 'about:blank' && !this.claimed.has(candidate));
    const page = blank ?? (await browser.newPage());
    this.claimed.add(page);
    // Briefs are static documents: no script of theirs runs. They embed what they
    // use as data: URIs, and anything else they name goes nowhere: the launch
    // flags route every connection to a proxy that does not exist. (Request
    // interception would do the same at about a fifth more time per brief.)
    await page.setJavaScriptEnabled(options.javaScript ?? false);
    return { page, printed: 0 };
  }
}

/**
 * Collects the garbage prints leave in a page's renderer. Each brief replaces
 * the page's document, and with no script running on the page, V8 and Blink
 * rarely collect on their own: the documents already printed pile up, about
 * 3.5 MiB each, to 90 MiB a page after 40 briefs. A full collection takes
 * 20-50 ms of the renderer's one thread, which every page shares when the
 * browser runs as one process, so it runs every 16 prints (a peak of about
 * 450 MiB for the whole browser over 100 briefs, where every 4 prints cost
 * those 100 briefs a few tenths of a second more), and the page goes on to its
 * next brief without waiting for it (the renderer runs it first).
 */
async function collectGarbage(pooled: PooledPage): Promise<void> {
  pooled.printed = 0;
  try {
    pooled.cdp ??= await pooled.page.createCDPSession();
    await pooled.cdp.send('HeapProfiler.collectGarbage');
  } catch {
    // Memory only: a page that cannot collect still prints.
  }
}

/** Gives a page the document that holds `fonts`, unless it holds them already. */
async function holdFonts(pooled: PooledPage, fonts: string, timeout?: number): Promise<void> {
  if (pooled.fonts === fonts) return;
  pooled.fonts = undefined;
  await pooled.page.setContent(shellDocument(fonts), { waitUntil: 'load', timeout });
  pooled.fonts = fonts;
}

/** Longest Chromium may take to start and answer on its pipe. */
const LAUNCH_TIMEOUT_MS = 30_000;

/** puppeteer, connected to a Chromium process; fails if the process exits or does not answer first. */
async function connect(chromium: ChromiumProcess): Promise<Browser> {
  let timer: NodeJS.Timeout | undefined;
  const stopped = (how: string) => new Error(`it stopped (${how})${chromium.output ? `:\n${chromium.output}` : ''}`);
  const failed = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not answer within ${LAUNCH_TIMEOUT_MS / 1000} s`)), LAUNCH_TIMEOUT_MS);
    void chromium.exited.then((how) => reject(stopped(how)));
  });
  failed.catch(() => undefined);
  // The viewport puppeteer.launch() would give the pages.
  const connecting = puppeteerConnect().then((connectTo) => connectTo({ transport: chromium.transport(), defaultViewport: { width: 800, height: 600 } }));
  connecting.catch(() => undefined);
  try {
    return await Promise.race([connecting, failed]);
  } catch (error) {
    // A browser that stops closes its pipe, which can fail the connection
    // before its exit is known: how it exited says more than "Target closed".
    const how = await Promise.race([chromium.exited, new Promise<undefined>((resolve) => setTimeout(resolve, 1_000))]);
    throw how === undefined ? error : stopped(how);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * puppeteer's connect() from its core alone: the package's entry also loads its
 * launchers and browser downloader, which a browser started here never uses
 * (about 60 ms of a cold start, while the project loads on the same thread).
 * The entry itself, should a later puppeteer lay its core out otherwise.
 */
async function puppeteerConnect(): Promise<(options: ConnectOptions) => Promise<Browser>> {
  try {
    const [{ Puppeteer }, { environment }] = await Promise.all([
      import('puppeteer-core/internal/common/Puppeteer.js'),
      import('puppeteer-core/internal/environment.js'),
    ]);
    // What the package's entry sets up for Node, but the screen recorder briefwright has no use for.
    Object.defineProperties(environment.value, { fs: { value: fs, configurable: true }, path: { value: path, configurable: true } });
    const core = new Puppeteer({ isPuppeteerCore: true });
    // The same Browser class the package's entry exports, declared there a second time.
    return (options) => core.connect(options as Parameters<typeof core.connect>[0]) as unknown as Promise<Browser>;
  } catch {
    const { default: puppeteer } = await import('puppeteer-core');
    return (options) => puppeteer.connect(options);
  }
}

class PrintTimeout extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${Math.round(ms / 1000)} s`);
  }
}

/** A print that failed because the browser stopped under it. */
class BrowserStopped extends BriefwrightError {}

function describeFailure(failure: unknown, crashed: boolean): string {
  let error = failure;
  if (error instanceof Error && error.name === 'TimeoutError') error = new PrintTimeout(Number(/(\d+) ?ms/.exec(error.message)?.[1] ?? 0));
  if (error instanceof PrintTimeout) return `printing timed out after ${Math.round(error.ms / 100) / 10} s; the page was closed and the other briefs go on`;
  if (crashed) return `the browser stopped while printing (${(error as Error).message}); it is restarted for the other briefs`;
  return `printing failed: ${(error as Error).message}`;
}
