import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECORD_DIR } from '../../src/record/build-record.js';
import { hash } from '../../src/record/content-hash.js';
import { FileStamps, RACY_MS, stampHolds, STAMPS_FILE, type FileStamp } from '../../src/record/file-stamps.js';

let dir: string;
let file: string;
const stampsFile = () => path.join(dir, RECORD_DIR, STAMPS_FILE);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'briefwright-stamps-'));
  file = path.join(dir, 'section.md');
  await writeFile(file, 'first text');
  const past = new Date(Date.now() - 60_000);
  await utimes(file, past, past);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Writes a stamp for `file` that matches its stat but names another hash, taken `after` ms after its last change. */
async function forgedStamp(after: number) {
  const stats = await stat(file);
  const stamp: FileStamp = { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, hash: 'forged', at: Math.max(stats.mtimeMs, stats.ctimeMs) + after };
  await mkdir(path.dirname(stampsFile()), { recursive: true });
  await writeFile(stampsFile(), JSON.stringify({ files: { [file]: stamp } }));
}

describe('stampHolds', () => {
  const stats = { size: 10, mtimeMs: 1_000_000, ctimeMs: 1_000_000, ino: 7 };
  const stamp = { ...stats, hash: 'h', at: 1_000_000 + RACY_MS };

  it('holds for the same size, times and inode, taken long enough after the last change', () => {
    expect(stampHolds(stamp, stats)).toBe(true);
  });

  it('fails when anything the stat says differs', () => {
    expect(stampHolds(stamp, { ...stats, size: 11 })).toBe(false);
    expect(stampHolds(stamp, { ...stats, mtimeMs: stats.mtimeMs + 1 })).toBe(false);
    expect(stampHolds(stamp, { ...stats, ctimeMs: stats.ctimeMs + 1 })).toBe(false);
    expect(stampHolds(stamp, { ...stats, ino: 8 })).toBe(false);
    expect(stampHolds(undefined, stats)).toBe(false);
  });

  it('fails when taken within the racy interval of the last change, where an edit keeps the same times', () => {
    expect(stampHolds({ ...stamp, at: stats.mtimeMs + RACY_MS - 1 }, stats)).toBe(false);
    expect(stampHolds({ ...stamp, at: stats.mtimeMs }, { ...stats, ctimeMs: stats.mtimeMs + 5 })).toBe(false);
  });
});

describe('FileStamps', () => {
  it('answers from a stamp that holds, without reading the file', async () => {
    await forgedStamp(RACY_MS + 1000);
    expect(FileStamps.open(dir).hash(file)).toBe('forged');
  });

  it('hashes the content when the stamp is too recent to trust (same size and times: an edit within the timestamp granularity)', async () => {
    await forgedStamp(RACY_MS - 500);
    expect(FileStamps.open(dir).hash(file)).toBe(hash('first text'));
  });

  it('hashes the content when the stat changed, and keeps the new stamp for the next run', async () => {
    await forgedStamp(RACY_MS + 1000);
    await writeFile(file, 'other text');
    const stamps = FileStamps.open(dir);
    expect(stamps.hash(file)).toBe(hash('other text'));
    await stamps.save();
    const kept = JSON.parse(await readFile(stampsFile(), 'utf8')).files[file] as FileStamp;
    expect(kept).toMatchObject({ size: 'other text'.length, hash: hash('other text') });
  });

  it('calls a file that cannot be read missing, and forgets its stamp', async () => {
    await forgedStamp(RACY_MS + 1000);
    await rm(file);
    const stamps = FileStamps.open(dir);
    expect(stamps.hash(file)).toBe('missing');
    await stamps.save();
    expect(JSON.parse(await readFile(stampsFile(), 'utf8')).files).toEqual({});
  });

  it('starts empty when the stamps file is not JSON', async () => {
    await mkdir(path.dirname(stampsFile()), { recursive: true });
    await writeFile(stampsFile(), 'not json');
    expect(FileStamps.open(dir).hash(file)).toBe(hash('first text'));
  });
});
