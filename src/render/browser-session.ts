import puppeteer, { type Browser, type HTTPRequest, type Page, type PDFOptions } from 'puppeteer';
import { BriefwrightError } from '../errors.js';
import type { FoundBrowser } from './find-chrome.js';

/** Flags that let Chromium run headless in containers and CI without reaching the network. */
export const LAUNCH_ARGS = [
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
];

/** The address a brief is served at inside the browser; nothing else is ever loaded. */
const BRIEF_URL = 'https://brief.briefwright.invalid/';

interface PooledPage {
  page: Page;
  /** The HTML the page serves for BRIEF_URL while it prints. */
  html: string;
}

/**
 * The one owner of the browser: launched on first use, a pool of reused pages
 * (a new page costs about three times a reused one), closed once. Pages run no
 * JavaScript and every request except the brief itself is refused.
 */
export class BrowserSession {
  private browser?: Promise<Browser>;
  private readonly idle: PooledPage[] = [];
  private readonly waiting: ((page: PooledPage) => void)[] = [];
  private created = 0;

  constructor(
    private readonly options: { browser: () => FoundBrowser; pages: number; timeoutMs?: number },
  ) {}

  /** Prints HTML to a PDF with the given page options. */
  async print(html: string, pdf: PDFOptions): Promise<Uint8Array> {
    const pooled = await this.acquire();
    let healthy = true;
    try {
      pooled.html = html;
      const timeout = this.options.timeoutMs ?? 60_000;
      await pooled.page.goto(BRIEF_URL, { waitUntil: 'load', timeout });
      await pooled.page.evaluateHandle('document.fonts.ready').catch(() => undefined);
      return await pooled.page.pdf({ timeout, ...pdf });
    } catch (error) {
      healthy = false;
      throw new BriefwrightError(`printing failed: ${(error as Error).message}`, { kind: 'browser', cause: error });
    } finally {
      pooled.html = '';
      this.release(pooled, healthy);
    }
  }

  /** Starts the browser now, so it is ready when the first brief is. */
  warm(): void {
    this.launch().catch(() => undefined);
  }

  /** Closes every page and the browser. */
  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    this.idle.length = 0;
    if (browser) await (await browser.catch(() => undefined))?.close().catch(() => undefined);
  }

  private launch(): Promise<Browser> {
    this.browser ??= (async () => {
      const found = this.options.browser();
      try {
        return await puppeteer.launch({ executablePath: found.path, args: LAUNCH_ARGS, headless: true });
      } catch (error) {
        this.browser = undefined;
        throw new BriefwrightError(`could not start the browser at ${found.path} (found via ${found.source}): ${(error as Error).message}`, {
          kind: 'browser',
          cause: error,
        });
      }
    })();
    return this.browser;
  }

  private async acquire(): Promise<PooledPage> {
    const ready = this.idle.pop();
    if (ready) return ready;
    if (this.created >= this.options.pages) return new Promise((resolve) => this.waiting.push(resolve));
    this.created += 1;
    try {
      return await this.openPage();
    } catch (error) {
      this.created -= 1;
      throw error;
    }
  }

  private release(pooled: PooledPage, healthy: boolean): void {
    if (!healthy) {
      this.created -= 1;
      void pooled.page.close().catch(() => undefined);
      const next = this.waiting.shift();
      if (next) {
        this.created += 1;
        this.openPage().then(next, () => (this.created -= 1));
      }
      return;
    }
    const next = this.waiting.shift();
    if (next) next(pooled);
    else this.idle.push(pooled);
  }

  private async openPage(): Promise<PooledPage> {
    const browser = await this.launch();
    const page = await browser.newPage();
    const pooled: PooledPage = { page, html: '' };
    // Briefs are static documents: no script runs, and nothing outside the brief
    // (and the data: URIs embedded in it) is fetched.
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      if (request.url() === BRIEF_URL) {
        void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: pooled.html });
      } else if (request.url().startsWith('data:')) void request.continue();
      else void request.abort('blockedbyclient');
    });
    return pooled;
  }
}
