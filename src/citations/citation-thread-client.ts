import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CitationRequest, FormattedCitations } from './citation-engines.js';
import type { ThreadReply, ThreadRequest } from './citation-thread-protocol.js';
import type { CslItem } from './reference.js';
import type { CslStyle } from './styles.js';

/**
 * The citation engines of a build in a worker thread (citation-thread.ts), so
 * that building an engine and formatting citations run beside the main
 * thread's work, not in its way. Each style and set of works crosses to the
 * thread once. The thread keeps the process alive only while it has work.
 */
export class CitationThread {
  private readonly worker: Worker;
  private readonly styles = new Set<string>();
  private readonly itemSets = new WeakMap<ReadonlyMap<string, CslItem>, number>();
  private readonly waiting = new Map<number, { resolve: (reply: ThreadReply) => void; reject: (error: Error) => void }>();
  /** The last id given to a request or a set of works. */
  private lastId = 0;
  private broken?: Error;

  /**
   * A citation thread, when its compiled code is there to run; undefined when
   * briefwright runs from its TypeScript sources, where a thread could not load it.
   */
  static start(options: { preload?: boolean } = {}): CitationThread | undefined {
    const file = new URL('./citation-thread.js', import.meta.url);
    return existsSync(fileURLToPath(file)) ? new CitationThread(file, options.preload ?? false) : undefined;
  }

  /** With `preload`, the thread loads citeproc-js as it starts, before it is asked for an engine. */
  private constructor(file: URL, preload: boolean) {
    this.worker = new Worker(file, { workerData: { preload } });
    this.worker.unref();
    this.worker.on('message', (reply: ThreadReply) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) this.worker.unref();
      if ('error' in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the citation thread stopped (exit code ${code})`)));
  }

  /** Builds the engine for a style and locale in the thread, before a brief needs it. */
  warm(style: CslStyle, locale: string): void {
    if (this.broken) return;
    this.post({ kind: 'warm', style: this.styleKey(style), locale });
  }

  /** Formats a brief's citations and reference list in the thread. */
  async format(request: CitationRequest): Promise<FormattedCitations> {
    const reply = await this.ask((id) => ({
      kind: 'format',
      id,
      style: this.styleKey(request.style),
      locale: request.locale,
      items: this.itemSetId(request.items),
      citations: request.citations,
      nocite: request.nocite,
    }));
    if (!('formatted' in reply)) throw new Error('the citation thread answered a format request with no citations');
    return reply.formatted;
  }

  /** How many citation engines the thread has built: one per style and locale, however often each was warmed. */
  async enginesBuilt(): Promise<number> {
    const reply = await this.ask((id) => ({ kind: 'count', id }));
    if (!('built' in reply)) throw new Error('the citation thread answered a count with no count');
    return reply.built;
  }

  /** Ends the thread. */
  async close(): Promise<void> {
    this.broken ??= new Error('the citation thread was closed');
    await this.worker.terminate();
  }

  private styleKey(style: CslStyle): string {
    const key = `${style.origin}|${style.name}`;
    if (!this.styles.has(key)) {
      this.styles.add(key);
      this.post({ kind: 'style', key, style });
    }
    return key;
  }

  private itemSetId(items: ReadonlyMap<string, CslItem>): number {
    let id = this.itemSets.get(items);
    if (id === undefined) {
      id = ++this.lastId;
      this.itemSets.set(items, id);
      this.post({ kind: 'items', id, items: [...items] });
    }
    return id;
  }

  /** Sends a request that is answered, and waits for its answer; the thread keeps the process alive meanwhile. */
  private ask(request: (id: number) => Extract<ThreadRequest, { kind: 'format' | 'count' }>): Promise<ThreadReply> {
    if (this.broken) return Promise.reject(this.broken);
    const id = ++this.lastId;
    const reply = new Promise<ThreadReply>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.ref();
    this.post(request(id));
    return reply;
  }

  private post(message: ThreadRequest): void {
    this.worker.postMessage(message);
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
