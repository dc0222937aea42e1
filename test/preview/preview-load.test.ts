import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixturePreview, type FixturePreview } from './preview-fixture.js';

// A bounded burst on loopback: CLIENTS clients at once, each sending its share of
// a fixed number of requests back to back. Every answer must be a success, or a
// 503 from the PDF queue saying to come back later; nothing else.
const CLIENTS = 20;

let preview: FixturePreview;

beforeAll(async () => {
  preview = await startFixturePreview('basic', { jobs: 2, queue: 32 });
  // One request first, so the figures measure serving, not the first citation engine's start.
  await (await fetch(preview.url('/brief.pdf?population=els'))).arrayBuffer();
});
afterAll(async () => {
  await preview.close();
});

/** Picks that each make a brief in the fixture. */
const QUERIES = [
  'population=els&topic=technology-access',
  'population=swds',
  'population=students-in-poverty&topic=learning-plans',
  'population=all',
  'population=els&population=swds&template=handout',
  'population=els&style=vancouver&paper=a4',
  'population=students-in-poverty&theme=default&title=Load+test',
];

interface Burst {
  statuses: Map<number, number>;
  failures: string[];
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
}

async function burst(path: (index: number) => string, total: number, check: (response: Response, body: Uint8Array) => string | undefined): Promise<Burst> {
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let index = next++; index < total; index = next++) {
        const sent = performance.now();
        try {
          const response = await fetch(preview.url(path(index)));
          const body = new Uint8Array(await response.arrayBuffer());
          latencies.push(performance.now() - sent);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const problem = response.status === 503 ? undefined : check(response, body);
          if (problem) failures.push(`${path(index)}: ${problem}`);
        } catch (error) {
          failures.push(`${path(index)}: ${(error as Error).message}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (share: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0);
  return { statuses, failures, seconds, perSecond: total / seconds, p50: at(0.5), p95: at(0.95) };
}

function report(what: string, total: number, result: Burst): void {
  const statuses = [...result.statuses].map(([status, count]) => `${count}×${status}`).join(', ');
  console.log(
    `${what}: ${total} requests from ${CLIENTS} clients in ${result.seconds.toFixed(1)} s = ${result.perSecond.toFixed(1)} requests/s ` +
      `(p50 ${result.p50} ms, p95 ${result.p95} ms; ${statuses})`,
  );
}

describe('preview under load (loopback)', () => {
  it('serves HTML previews to 20 concurrent clients without an error', async () => {
    const total = 400;
    const result = await burst(
      (index) => `/brief.html?${QUERIES[index % QUERIES.length]}`,
      total,
      (response, body) => (response.status !== 200 ? `status ${response.status}` : body.length < 10_000 ? 'short body' : undefined),
    );
    report('HTML preview', total, result);
    expect(result.failures).toEqual([]);
    expect(result.statuses.get(200)).toBe(total);
  });

  it('serves PDFs to 20 concurrent clients through the bounded queue: only 200s and 503s', async () => {
    const total = 40;
    const result = await burst(
      (index) => `/brief.pdf?${QUERIES[index % QUERIES.length]}`,
      total,
      (response, body) =>
        response.status !== 200 ? `status ${response.status}` : new TextDecoder().decode(body.subarray(0, 5)) !== '%PDF-' ? 'not a PDF' : undefined,
    );
    report('PDF', total, result);
    expect(result.failures).toEqual([]);
    expect([...result.statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(result.statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect(preview.logged).toEqual([]);
  });

  it('keeps answering while the queue is busy', async () => {
    const pdfs = Array.from({ length: 10 }, () => fetch(preview.url('/brief.pdf?population=all')).then((response) => response.arrayBuffer().then(() => response.status)));
    const started = performance.now();
    const page = await fetch(preview.url('/api/picks?population=els'));
    const pageMs = performance.now() - started;
    expect(page.status).toBe(200);
    expect((await Promise.all(pdfs)).every((status) => status === 200)).toBe(true);
    console.log(`a pick request answered in ${pageMs.toFixed(0)} ms with 10 PDFs queued`);
    expect(pageMs).toBeLessThan(2000);
  });
});
