import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputsDigest, type BriefInputs, type BuildRecord } from '../../src/record/build-record.js';
import { staleReasons } from '../../src/record/staleness.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'briefwright-staleness-'));
  for (const file of ['b.html', 'b.pdf', 'b.docx']) await writeFile(path.join(root, file), 'x');
});
afterAll(() => rm(root, { recursive: true, force: true }));

const inputs = (change: Partial<BriefInputs> = {}): BriefInputs => ({
  briefwright: '1.0.0',
  name: 'b',
  request: { title: 'B', template: 'brief' },
  taxonomy: 't1',
  sections: { one: { file: 'content/sections/one.md', hash: 's1' } },
  files: { 'templates/brief.hbs': 'f1' },
  style: { name: 'apa', origin: 'bundled', hash: 'y1' },
  ...change,
});

/** A record as a build of `formats` from `built` leaves it, keeping `kept` outputs of a build before. */
function record(built: BriefInputs, formats: string[], kept: BuildRecord['outputs'] = {}): BuildRecord {
  const made = { ...built, references: {} };
  const outputs = { ...kept };
  for (const format of formats) outputs[format] = { file: `b.${format}`, hash: 'o', inputs: inputsDigest(made) };
  return { ...made, outputs };
}

const reasons = (last: BuildRecord, now: BriefInputs, formats: string[]) =>
  staleReasons({ record: last, inputs: now, references: new Map(), root, formats });

describe('staleReasons', () => {
  it('does not count the formats asked for as a setting: each output is checked for itself', () => {
    const last = record(inputs({ request: { title: 'B', template: 'brief', formats: ['html', 'pdf'] } }), ['html', 'pdf']);
    expect(reasons(last, inputs(), ['html'])).toEqual([]);
    expect(reasons(last, inputs(), ['html', 'docx'])).toEqual(['no docx output yet']);
  });

  it("says the PDF is older than this build's HTML when a build of the HTML alone followed a change", () => {
    const first = record(inputs(), ['html', 'pdf']);
    const changed = inputs({ sections: { one: { file: 'content/sections/one.md', hash: 's2' } } });
    const last = record(changed, ['html'], { pdf: first.outputs.pdf! });
    expect(reasons(last, changed, ['html', 'pdf'])).toEqual(["the PDF is older than this build's HTML"]);
    expect(reasons(last, changed, ['html'])).toEqual([]);
  });

  it('names every older output, and the changes since the latest build besides', () => {
    const first = record(inputs(), ['html', 'pdf', 'docx']);
    const changed = inputs({ taxonomy: 't2' });
    const last = record(changed, ['html'], { pdf: first.outputs.pdf!, docx: first.outputs.docx! });
    expect(reasons(last, inputs({ taxonomy: 't3' }), ['html', 'pdf', 'docx'])).toEqual([
      "the PDF and Word file are older than this build's HTML",
      'taxonomy changed',
    ]);
  });

  it("compares a format's own inputs with that output only", () => {
    const withDoc = inputs({ formatFiles: { docx: { 'templates/reference.docx': 'd1' } } });
    const last = record(withDoc, ['html', 'docx']);
    last.outputs.docx!.files = { 'templates/reference.docx': 'd1' };
    expect(reasons(last, inputs({ formatFiles: { docx: { 'templates/reference.docx': 'd2' } } }), ['html', 'docx'])).toEqual([
      'file templates/reference.docx changed',
    ]);
    expect(reasons(last, inputs(), ['html'])).toEqual([]);
  });

  it('reads a record made before outputs carried their inputs as built all at once', () => {
    const last = record(inputs(), ['html', 'pdf']);
    for (const output of Object.values(last.outputs)) delete output.inputs;
    expect(reasons(last, inputs(), ['html', 'pdf'])).toEqual([]);
  });
});
