import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/preview/http-error.js';
import { RenderQueue } from '../../src/preview/render-queue.js';

/** A task that finishes when told to, and says when it started. */
function deferred() {
  let finish!: (value: string) => void;
  let started = false;
  const promise = new Promise<string>((resolve) => (finish = resolve));
  return {
    task: () => {
      started = true;
      return promise;
    },
    finish,
    get started() {
      return started;
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('RenderQueue', () => {
  it('runs at most `concurrency` tasks, queues up to `maxWaiting`, and refuses the rest with 503 and Retry-After', async () => {
    const queue = new RenderQueue({ concurrency: 2, maxWaiting: 1, timeoutMs: 10_000 });
    const tasks = [deferred(), deferred(), deferred()];
    const running = tasks.map((t) => queue.run(t.task));
    await tick();
    expect(tasks.map((t) => t.started)).toEqual([true, true, false]);
    expect([queue.active, queue.waiting]).toEqual([2, 1]);

    const refused = await queue.run(() => Promise.resolve('never')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).status).toBe(503);
    expect(Number((refused as HttpError).headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    expect((refused as HttpError).message).toMatch(/^busy printing renders \(2 running, 1 waiting\); try again in \d+s$/);

    tasks[0]!.finish('a');
    await tick();
    expect(tasks[2]!.started).toBe(true);
    tasks[1]!.finish('b');
    tasks[2]!.finish('c');
    expect(await Promise.all(running)).toEqual(['a', 'b', 'c']);
  });

  it('answers an overrunning task with 504 but keeps its slot until it really ends', async () => {
    const queue = new RenderQueue({ concurrency: 1, maxWaiting: 5, timeoutMs: 20 });
    const slow = deferred();
    const next = deferred();
    const first = queue.run(slow.task, 'PDF').catch((error: unknown) => error);
    const second = queue.run(next.task);
    const timedOut = (await first) as HttpError;
    expect(timedOut.status).toBe(504);
    expect(timedOut.message).toBe('the PDF took longer than 20 ms and was abandoned; try a shorter brief or raise --timeout');
    await tick();
    expect(next.started).toBe(false);
    slow.finish('late');
    await tick();
    expect(next.started).toBe(true);
    next.finish('ok');
    expect(await second).toBe('ok');
  });

  it('passes a failing task’s error through and frees its slot', async () => {
    const queue = new RenderQueue({ concurrency: 1, maxWaiting: 0, timeoutMs: 1000 });
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(async () => 'after')).toBe('after');
  });
});
