import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Reference } from '../citations/reference.js';
import { hash, inputsDigest, withoutFormats, type BriefInputs, type BuildRecord } from './build-record.js';

/**
 * Why a brief must be rebuilt, in words a staff member understands; empty when
 * its outputs are current. Compares what the last build recorded with the
 * inputs the brief would be built from now.
 */
export function staleReasons(options: {
  record: BuildRecord | undefined;
  inputs: BriefInputs;
  references: ReadonlyMap<string, Reference>;
  root: string;
  formats: readonly string[];
}): string[] {
  const { record, inputs } = options;
  if (!record) return ['not built yet'];
  const reasons: string[] = [];
  const latest = inputsDigest(record);
  const older: string[] = [];
  for (const format of options.formats) {
    const output = record.outputs[format];
    if (!output) reasons.push(`no ${format} output yet`);
    else if (!existsSync(path.join(options.root, output.file))) reasons.push(`${path.basename(output.file)} is missing`);
    else if ((output.inputs ?? latest) !== latest) older.push(format);
    if (output) reasons.push(...fileChanges(output.files ?? {}, inputs.formatFiles?.[format] ?? {}));
  }
  if (older.length > 0) reasons.push(olderOutputs(older, record, latest));
  if (record.briefwright !== inputs.briefwright) reasons.push(`briefwright updated (${record.briefwright} → ${inputs.briefwright})`);
  const [before, after] = [withoutFormats(record.request), withoutFormats(inputs.request)];
  if (record.recipe?.hash !== inputs.recipe?.hash) reasons.push(`recipe ${inputs.recipe?.file ?? record.recipe?.file ?? ''} changed`.trim());
  else if (JSON.stringify(before) !== JSON.stringify(after)) reasons.push(...settingChanges(before, after));
  if (record.taxonomy !== inputs.taxonomy) reasons.push('taxonomy changed');
  reasons.push(...sectionChanges(record.sections, inputs.sections));
  for (const [key, recorded] of Object.entries(record.references)) {
    const now = options.references.get(key);
    if (!now) reasons.push(`reference ${key} removed`);
    else if (hash(now.content) !== recorded) reasons.push(`reference ${key} changed`);
  }
  reasons.push(...fileChanges(record.files, inputs.files));
  if (record.style.hash !== inputs.style.hash || record.style.name !== inputs.style.name) {
    reasons.push(record.style.name === inputs.style.name ? `citation style ${inputs.style.name} changed` : `citation style changed (${record.style.name} → ${inputs.style.name})`);
  }
  return reasons;
}

/** Outputs of formats the latest build did not make, kept from a build before it: "the PDF is older than this build's HTML". */
function olderOutputs(older: string[], record: BuildRecord, latest: string): string {
  const newer = Object.entries(record.outputs)
    .filter(([, output]) => (output.inputs ?? latest) === latest)
    .map(([format]) => format);
  const what = `the ${listed(older)} ${older.length > 1 ? 'are' : 'is'}`;
  return newer.length > 0 ? `${what} older than this build's ${listed(newer)}` : `${what} older than this build`;
}

/** What a format's output is called in a sentence. */
const FORMAT_NAMES: Record<string, string> = { html: 'HTML', pdf: 'PDF', docx: 'Word file' };

function listed(formats: string[]): string {
  const names = formats.map((format) => FORMAT_NAMES[format] ?? format.toUpperCase());
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!;
}

function settingChanges(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => `${key} changed (${show(before[key])} → ${show(after[key])})`);
}

function sectionChanges(before: BriefInputs['sections'], after: BriefInputs['sections']): string[] {
  const reasons: string[] = [];
  for (const [id, now] of Object.entries(after)) {
    const then = before[id];
    const name = path.basename(now.file);
    if (!then) reasons.push(`section ${name} now matches`);
    else if (then.hash !== now.hash) reasons.push(`section ${name} changed`);
  }
  for (const [id, then] of Object.entries(before)) {
    if (!after[id]) reasons.push(`section ${path.basename(then.file)} no longer matches`);
  }
  return reasons;
}

function fileChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  const reasons: string[] = [];
  for (const [file, now] of Object.entries(after)) {
    if (!(file in before)) reasons.push(`${describeFile(file)} added`);
    else if (before[file] !== now) reasons.push(`${describeFile(file)} changed`);
  }
  for (const file of Object.keys(before)) if (!(file in after)) reasons.push(`${describeFile(file)} no longer used`);
  return reasons;
}

function describeFile(file: string): string {
  if (file.endsWith('.hbs')) return `template ${file}`;
  if (file.endsWith('.css')) return `stylesheet ${file}`;
  if (/\.(woff2?|ttf|otf)$/.test(file)) return `font ${file}`;
  return `file ${file}`;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  return value === undefined || value === '' ? 'none' : String(value);
}
