import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { coveragePage } from '../coverage/coverage-page.js';
import { BriefwrightError, ProblemList } from '../errors.js';
import { loadConfig } from '../project/config.js';
import { LAYOUT } from '../project/load-project.js';
import { BrowserSession } from '../render/browser-session.js';
import { findChrome } from '../render/find-chrome.js';
import { choicesFromQuery, choicesToFields, parseChoices, requirePopulation } from './brief-choices.js';
import { EventStream } from './event-stream.js';
import { HttpError, statusOf } from './http-error.js';
import { BRIEF_HEADERS, errorPage, pageHeaders, send, sendJson } from './http-responses.js';
import { pickSummary } from './pick-counts.js';
import { composePreview, docxPreview, prepareBrief, printPreview } from './preview-brief.js';
import { brokenProjectPage, coverageFragment, previewPage } from './preview-page.js';
import { ProjectSnapshots, type ProjectSnapshot } from './project-snapshot.js';
import { ProjectWatcher } from './project-watcher.js';
import { RenderQueue } from './render-queue.js';
import { guardRequest, isLoopback, readJsonBody } from './request-guard.js';
import { saveRecipe, saveTargetSchema } from './save-recipe.js';

/** How to run the preview server. */
export interface PreviewOptions {
  /** The project folder. */
  root: string;
  /** Port to listen on; 0 for any free port. Default 4321. */
  port?: number;
  /** Address to bind. Default 127.0.0.1 (this machine only). */
  host?: string;
  /** Browser executable for PDFs (`--chrome`). */
  chrome?: string;
  /** PDFs printed at once. Default: 2, or 1 on a single core. */
  jobs?: number;
  /** PDF requests allowed to wait beyond those printing. Default 32. */
  queue?: number;
  /** How long one PDF may take to print, in milliseconds. Default 60 000. */
  timeoutMs?: number;
  /** Quiet time after a file change before pages reload, in milliseconds. */
  debounceMs?: number;
  /** Where to log problems (a request that failed on the server's side). */
  log?: (line: string) => void;
}

/** A running preview server. */
export interface PreviewServer {
  /** The page's address, such as http://127.0.0.1:4321/. */
  url: string;
  port: number;
  host: string;
  /** Stops watching, ends open event streams, closes the browser and the server. */
  close(): Promise<void>;
}

interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
}

type Route = (exchange: Exchange) => Promise<void>;

/**
 * Starts the preview: a local web server over a project folder with the pick
 * page, brief renders (HTML at once, PDFs through one browser and a bounded
 * queue), recipe saving, the coverage grid, and live reload. Loopback only
 * unless another host is given.
 */
export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const root = path.resolve(options.root);
  if (!existsSync(path.join(root, LAYOUT.taxonomy))) {
    // The same words `build` uses; a project with other problems still starts, and its page lists them.
    throw new BriefwrightError(`not a briefwright project: ${LAYOUT.taxonomy} not found in ${root} (pass --root DIR, or run 'briefwright init DIR')`);
  }
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const timeoutMs = options.timeoutMs ?? 60_000;
  const jobs = Math.max(1, options.jobs ?? Math.min(2, os.availableParallelism()));
  const config = await loadConfig(root).catch(() => undefined);
  const snapshots = new ProjectSnapshots(root);
  const events = new EventStream();
  // The browser's own timeouts are longer than the queue's, so a slow print is
  // reported as a timeout (504) rather than as a browser failure.
  const browser = new BrowserSession({
    browser: () => findChrome({ flag: options.chrome, config: config?.chrome }),
    pages: jobs,
    timeoutMs: timeoutMs + 10_000,
  });
  const queue = new RenderQueue({ concurrency: jobs, maxWaiting: options.queue ?? 32, timeoutMs });
  const watcher = new ProjectWatcher({
    root,
    debounceMs: options.debounceMs,
    onChange: (files) => {
      snapshots.invalidate();
      events.send('change', { files });
    },
  });

  const routes: Record<string, Route> = {
    'GET /': async ({ response, url }) => {
      const nonce = randomBytes(16).toString('base64');
      let snapshot: ProjectSnapshot;
      try {
        snapshot = await snapshots.get();
      } catch (error) {
        if (!(error instanceof BriefwrightError)) throw error;
        const problems = error instanceof ProblemList ? error.problems.map((problem) => problem.format()) : [error.format()];
        return send(response, statusOf(error), brokenProjectPage({ root, problems, nonce }), pageHeaders(nonce));
      }
      browser.warm();
      try {
        const choices = parseChoices(snapshot, choicesFromQuery(url.searchParams));
        send(response, 200, previewPage({ snapshot, choices, nonce }), pageHeaders(nonce));
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        send(response, error.status, previewPage({ snapshot, problem: error.message, nonce }), pageHeaders(nonce));
      }
    },
    'GET /brief.html': async ({ response, url }) => {
      const snapshot = await snapshots.get();
      const brief = prepare(snapshot, url.searchParams, ['download']);
      const composed = await composePreview(snapshot, brief);
      const download = url.searchParams.get('download');
      send(response, 200, composed.html, {
        ...BRIEF_HEADERS,
        'Content-Type': 'text/html; charset=utf-8',
        ...(download === '1' || download === 'true' ? { 'Content-Disposition': `attachment; filename="${brief.request.name}.html"` } : {}),
      });
    },
    'GET /brief.pdf': async ({ response, url }) => {
      const snapshot = await snapshots.get();
      const brief = prepare(snapshot, url.searchParams);
      const pdf = await queue.run(() => printPreview(snapshot, brief, browser), 'PDF');
      send(response, 200, pdf.bytes, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${brief.request.name}.pdf"`,
        'Cache-Control': 'no-store',
        'X-Briefwright-Pages': String(pdf.pages),
        ...(pdf.warnings.length > 0 ? { 'X-Briefwright-Warning': pdf.warnings.join('; ').replace(/[^\x20-\x7e]/g, ' ') } : {}),
      });
    },
    'GET /brief.docx': async ({ response, url }) => {
      const snapshot = await snapshots.get();
      const brief = prepare(snapshot, url.searchParams);
      const docx = await docxPreview(snapshot, brief);
      send(response, 200, docx.bytes, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'Content-Disposition': `attachment; filename="${brief.request.name}.docx"`,
        'Cache-Control': 'no-store',
      });
    },
    'GET /api/picks': async ({ response, url }) => {
      const snapshot = await snapshots.get();
      const choices = parseChoices(snapshot, choicesFromQuery(url.searchParams));
      sendJson(response, 200, pickSummary(snapshot, choices));
    },
    'GET /api/coverage': async ({ response }) => {
      const snapshot = await snapshots.get();
      send(response, 200, coverageFragment(snapshot).value, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    },
    'GET /coverage': async ({ response }) => {
      const snapshot = await snapshots.get();
      send(response, 200, coveragePage(snapshot.coverage, { other: snapshot.specificCoverage }), { ...BRIEF_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
    },
    'POST /api/recipes': async ({ request, response }) => {
      const body = await readJsonBody(request);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'send a JSON object');
      const { slug, overwrite, ...rest } = body as Record<string, unknown>;
      const target = saveTargetSchema.safeParse({ slug, overwrite });
      if (!target.success) {
        const issue = target.error.issues[0]!;
        throw new HttpError(400, `${issue.path.join('.') || 'slug'}: ${issue.message}`, { field: String(issue.path[0] ?? 'slug') });
      }
      const snapshot = await snapshots.get();
      const choices = parseChoices(snapshot, rest);
      requirePopulation(choices);
      const fields = choicesToFields(choices);
      // A recipe that could not be built is not worth saving: resolve and select it first.
      prepareBrief(snapshot, fields);
      const saved = await saveRecipe({ root, slug: target.data.slug, fields, overwrite: target.data.overwrite });
      sendJson(response, saved.replaced ? 200 : 201, { file: saved.file, name: target.data.slug, replaced: saved.replaced });
    },
    'GET /events': async ({ response }) => {
      events.connect(response, { event: 'hello', data: { clients: events.size + 1 } });
    },
    'GET /favicon.ico': async ({ response }) => {
      response.writeHead(204).end();
    },
  };

  function prepare(snapshot: ProjectSnapshot, params: URLSearchParams, extra: string[] = []) {
    const choices = parseChoices(snapshot, choicesFromQuery(params, extra));
    requirePopulation(choices);
    return prepareBrief(snapshot, choicesToFields(choices));
  }

  const loopbackOnly = isLoopback(host);
  const server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://preview.invalid');
    try {
      guardRequest(request, { loopbackOnly });
      const route = routes[`${request.method} ${url.pathname}`];
      if (!route) {
        const allowed = ['GET', 'POST'].filter((method) => routes[`${method} ${url.pathname}`]);
        if (allowed.length > 0) throw new HttpError(405, `${request.method} is not allowed here`, { headers: { Allow: allowed.join(', ') } });
        throw new HttpError(404, `nothing at ${url.pathname}`);
      }
      await route({ request, response, url });
    } catch (error) {
      sendError(response, url, error);
    }
  }

  function sendError(response: ServerResponse, url: URL, error: unknown): void {
    const status = statusOf(error);
    const message = error instanceof BriefwrightError ? error.format() : 'internal error in the preview server (see its log)';
    if (status >= 500 && status !== 503) log(`preview: ${url.pathname}: ${error instanceof BriefwrightError ? message : ((error as Error)?.stack ?? String(error))}`);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    const headers = error instanceof HttpError ? error.headers : {};
    const field = error instanceof HttpError ? error.field : undefined;
    if (url.pathname === '/brief.html') {
      // The frame shows this page, so it says what is wrong in words.
      send(response, status, errorPage(status, message), { ...BRIEF_HEADERS, ...headers, 'Content-Type': 'text/html; charset=utf-8' });
    } else sendJson(response, status, { error: message, status, ...(field ? { field } : {}) }, headers);
  }

  await listen(server, options.port ?? 4321, host);
  await watcher.start();
  const address = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? 'localhost' : host;
  return {
    url: `http://${shown}:${address.port}/`,
    port: address.port,
    host,
    async close() {
      events.close();
      await watcher.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await browser.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new BriefwrightError(`port ${port} on ${host} is in use; pass --port with another number, or --port 0 for any free port`, { kind: 'usage', cause: error }));
      } else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        reject(new BriefwrightError(`cannot listen on ${host}: no such address on this machine`, { kind: 'usage', cause: error }));
      } else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}
