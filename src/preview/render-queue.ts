import pLimit, { type LimitFunction } from 'p-limit';
import { HttpError } from './http-error.js';

/** How many renders run at once, how many may wait, and how long one may take. */
export interface RenderQueueOptions {
  concurrency: number;
  /** Requests allowed to wait for a free slot; one more is refused with 503. */
  maxWaiting: number;
  /** How long a render may run once started before the request gets a 504. */
  timeoutMs: number;
}

/**
 * A bounded queue for slow renders (PDFs). A burst is served in turn up to
 * `maxWaiting`; beyond that a request is refused at once with 503 and a
 * Retry-After estimated from recent render times. A render that overruns its
 * time is answered with 504 but keeps its slot until it really ends, so a stuck
 * browser page cannot let more work in than there are pages.
 */
export class RenderQueue {
  private readonly limit: LimitFunction;
  /** Smoothed render time, for Retry-After. */
  private averageMs = 1000;

  constructor(private readonly options: RenderQueueOptions) {
    this.limit = pLimit(Math.max(1, options.concurrency));
  }

  /** Renders running now. */
  get active(): number {
    return this.limit.activeCount;
  }

  /** Renders waiting for a slot. */
  get waiting(): number {
    return this.limit.pendingCount;
  }

  /** Runs `task` when a slot is free; throws HttpError 503 when the queue is full, 504 on timeout. */
  run<T>(task: () => Promise<T>, what = 'render'): Promise<T> {
    const full = this.limit.activeCount >= this.limit.concurrency && this.limit.pendingCount >= this.options.maxWaiting;
    if (full) {
      const seconds = Math.max(1, Math.min(120, Math.ceil(((this.waiting + 1) * this.averageMs) / this.limit.concurrency / 1000)));
      return Promise.reject(
        new HttpError(503, `busy printing ${what}s (${this.active} running, ${this.waiting} waiting); try again in ${seconds}s`, {
          headers: { 'Retry-After': String(seconds) },
        }),
      );
    }
    return new Promise<T>((resolve, reject) => {
      void this.limit(async () => {
        const started = performance.now();
        let timer: NodeJS.Timeout | undefined;
        const overrun = new Promise<void>((done) => (timer = setTimeout(done, this.options.timeoutMs)));
        void overrun.then(() =>
          reject(new HttpError(504, `the ${what} took longer than ${formatSeconds(this.options.timeoutMs)} and was abandoned; try a shorter brief or raise --timeout`)),
        );
        const work = Promise.resolve().then(task);
        work.then(resolve, reject);
        await work.catch(() => undefined);
        clearTimeout(timer);
        this.averageMs = this.averageMs * 0.8 + (performance.now() - started) * 0.2;
      });
    });
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
