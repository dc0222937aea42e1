import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/render/browser-session.js';
import { findChrome } from '../../src/render/find-chrome.js';
import { renumberNodeIds } from '../../src/render/pdf-node-ids.js';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('renumberNodeIds', () => {
  it('numbers node ids in their order, at the same width, everywhere they are used', () => {
    const pdf = '/ID (node00000217)>> /Headers [(node00000218)] /Limits [(node00000217) (node00000218)] /Names [(node00000217) 1 0 R]';
    const result = latin1(renumberNodeIds(bytesOf(pdf)));
    expect(result).toBe('/ID (node00000001)>> /Headers [(node00000002)] /Limits [(node00000001) (node00000002)] /Names [(node00000001) 1 0 R]');
    expect(result.length).toBe(pdf.length);
  });

  it('keeps numeric order when the numbers differ in width', () => {
    const result = latin1(renumberNodeIds(bytesOf('(node100) (node99) (node100)')));
    expect(result).toBe('(node002) (node01) (node002)');
  });

  it('leaves a file without node ids as it is', () => {
    const pdf = bytesOf('%PDF-1.4 (a string) (node) (nodes1)');
    expect(renumberNodeIds(pdf)).toBe(pdf);
  });
});

describe('a tagged table printed in a page that printed before', () => {
  let session: BrowserSession;
  beforeAll(() => {
    session = new BrowserSession({ browser: () => findChrome(), pages: 1 });
  });
  afterAll(async () => {
    await session.close();
  });

  const table = `<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><table>
    <thead><tr><th scope="col">Group</th><th scope="col">Share</th></tr></thead>
    <tbody><tr><td>English learners</td><td>10%</td></tr></tbody></table></body></html>`;
  const undated = (bytes: Uint8Array) => latin1(bytes).replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, '/$1 ()');

  it('gives the same file once its node ids are renumbered', async () => {
    const first = await session.print(table, { format: 'Letter', tagged: true });
    const second = await session.print(table, { format: 'Letter', tagged: true });
    // Chromium's own output differs, or this test would prove nothing.
    expect(undated(second)).not.toBe(undated(first));
    expect(undated(renumberNodeIds(second))).toBe(undated(renumberNodeIds(first)));
  });
});
