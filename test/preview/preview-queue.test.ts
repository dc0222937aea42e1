import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixturePreview, type FixturePreview } from './preview-fixture.js';

// One printing page, no waiting room, and a time limit no print can meet: every
// PDF request is either refused at once (503) or abandoned (504).
let preview: FixturePreview;

beforeAll(async () => {
  preview = await startFixturePreview('basic', { jobs: 1, queue: 0, timeoutMs: 1 });
});
afterAll(async () => {
  await preview.close();
});

describe('PDF queue on a real server', () => {
  it('refuses requests beyond the queue with 503 and Retry-After, and times a slow print out with 504', async () => {
    const url = preview.url('/brief.pdf?population=els&topic=technology-access');
    const responses = await Promise.all([fetch(url), fetch(url), fetch(url)]);
    const bodies = await Promise.all(responses.map(async (response) => ({ status: response.status, retry: response.headers.get('retry-after'), ...((await response.json()) as { error: string }) })));
    expect(bodies.map((body) => body.status).sort()).toEqual([503, 503, 504]);
    for (const busy of bodies.filter((body) => body.status === 503)) {
      expect(Number(busy.retry)).toBeGreaterThanOrEqual(1);
      expect(busy.error).toMatch(/^busy printing PDFs \(1 running, 0 waiting\); try again in \d+s$/);
    }
    expect(bodies.find((body) => body.status === 504)?.error).toBe(
      'the PDF took longer than 1 ms and was abandoned; try a shorter brief or raise --timeout',
    );
    expect(preview.logged.some((line) => line.includes('/brief.pdf: the PDF took longer than 1 ms'))).toBe(true);
  });

  it('keeps answering HTML while PDFs are refused', async () => {
    const response = await fetch(preview.url('/brief.html?population=els'));
    expect(response.status).toBe(200);
  });
});
