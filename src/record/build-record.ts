import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BriefRequest } from '../project/brief-request.js';
import { VERSION } from '../project/package-root.js';
import type { Reference } from '../citations/reference.js';
import type { CslStyle } from '../citations/styles.js';
import type { Section } from '../sections/section.js';
import { writeFileAtomic } from '../render/write-file.js';
import { hash, repeatedHash } from './content-hash.js';
import type { FileStamps } from './file-stamps.js';

export { hash } from './content-hash.js';

/** Where build records are kept, inside the output folder. */
export const RECORD_DIR = '.records';

/** What a brief is built from, each input by content hash (known before building). */
export interface BriefInputs {
  briefwright: string;
  name: string;
  recipe?: { file: string; hash: string };
  /** The settings that shape the brief, after recipe and flags are merged (all but the formats: each output is recorded on its own). */
  request: Record<string, unknown>;
  taxonomy: string;
  /** Picked sections, in order: id → file and hash. */
  sections: Record<string, { file: string; hash: string }>;
  /** Templates, partials, stylesheets, fonts and images: path → hash. */
  files: Record<string, string>;
  style: { name: string; origin: string; hash: string };
  /** Inputs of one format only (the Word reference document): format → path → hash. */
  formatFiles?: Record<string, Record<string, string>>;
}

/** One output file, and what it was built from. */
export interface RecordedOutput {
  file: string;
  hash: string;
  pages?: number;
  /** The inputs it was built from (`inputsDigest`); unset in records older than this field: the record's own. */
  inputs?: string;
  /** The inputs of its format only, as `formatFiles` gives them. */
  files?: Record<string, string>;
}

/** A brief's inputs plus what only building reveals: the works cited, and the outputs. */
export interface BuildRecord extends BriefInputs {
  /** Cited references: key → hash of that entry alone, not of the whole bibliography. */
  references: Record<string, string>;
  /**
   * Outputs by format. A build of some formats keeps the others' entries from
   * the build before, each with the inputs it was built from.
   */
  outputs: Record<string, RecordedOutput>;
  /** The runs that found these outputs current, latest first (see `Verification`). */
  verified?: Verification[];
}

/**
 * A note that a brief's outputs were found current for one state of the
 * project's shared files and one job (recipe content, flags, date), so that a
 * run with the same ones need not load the project to plan the brief again.
 * A build of the brief replaces the record, and its notes with it.
 */
export interface Verification {
  /** The project state and job (a hash of both). */
  key: string;
  /** The formats the job asks for. */
  formats: string[];
  /** Inputs outside the shared folders (fonts from packages, a style file elsewhere): absolute path → hash. */
  external: Record<string, string>;
  /** Every brief the job makes (several with `--each`), in order, this one among them. */
  briefs: string[];
  /** What does not make the brief stale but `status` shows: translations behind their originals. */
  warnings: string[];
}

/** How many verifications a record keeps (runs that alternate flags each find theirs). */
const KEPT_VERIFICATIONS = 4;

/** The record with one more verification, latest first; undefined when it already has that one. */
export function withVerification(record: BuildRecord, verification: Verification): BuildRecord | undefined {
  const kept = record.verified ?? [];
  if (kept[0] && JSON.stringify(kept[0]) === JSON.stringify(verification)) return undefined;
  return { ...record, verified: [verification, ...kept.filter((note) => note.key !== verification.key)].slice(0, KEPT_VERIFICATIONS) };
}

/**
 * One hash of what a brief's outputs are built from, whatever their format:
 * recorded with each output, so an output left from an earlier build can be told
 * from the latest build's.
 */
export function inputsDigest(record: BriefInputs & { references: Record<string, string> }): string {
  return hash(
    JSON.stringify([
      record.briefwright,
      record.recipe?.hash ?? null,
      withoutFormats(record.request),
      record.taxonomy,
      record.sections,
      record.files,
      record.style,
      record.references,
    ]),
  );
}

/** A request's settings without its formats, which each output records for itself. */
export function withoutFormats(request: Record<string, unknown>): Record<string, unknown> {
  const { formats: _formats, ...settings } = request;
  return settings;
}

/** Hashes files once per run, however many briefs use them, from their stamps where those hold. */
export class FileHashes {
  constructor(
    private readonly root: string,
    private readonly stamps: FileStamps,
  ) {}

  /** path (project-relative, or `npm:`/`briefwright:` for package files) → hash, sorted by path. */
  of(files: readonly string[]): Record<string, string> {
    const unique = [...new Set(files)].sort();
    return Object.fromEntries(unique.map((file) => [displayPath(this.root, file), this.stamps.hash(file)]));
  }
}

/** The inputs of one brief, as a record will keep them. */
export function describeInputs(options: {
  request: BriefRequest;
  taxonomySource: string;
  sections: readonly Section[];
  files: Record<string, string>;
  formatFiles?: Record<string, Record<string, string>>;
  style: CslStyle;
}): BriefInputs {
  const { request } = options;
  const { recipe: _recipe, where: _where, name, formats: _formats, ...settings } = request;
  return {
    briefwright: VERSION,
    name,
    recipe: request.recipe ? { file: request.recipe.file, hash: hash(request.recipe.source) } : undefined,
    request: settings,
    taxonomy: repeatedHash(options.taxonomySource),
    sections: Object.fromEntries(options.sections.map((s) => [s.id, { file: s.file, hash: repeatedHash(s.source) }])),
    files: options.files,
    style: { name: options.style.name, origin: options.style.origin, hash: repeatedHash(options.style.xml) },
    ...(options.formatFiles && Object.keys(options.formatFiles).length > 0 ? { formatFiles: options.formatFiles } : {}),
  };
}

/** Hashes of the cited entries, each entry alone. */
export function citedReferences(cited: readonly string[], references: ReadonlyMap<string, Reference>): Record<string, string> {
  return Object.fromEntries([...cited].sort().map((key) => [key, hash(references.get(key)?.content ?? '')]));
}

/** The path of a brief's record. */
export function recordPath(outputDir: string, name: string): string {
  return path.join(outputDir, RECORD_DIR, `${name}.json`);
}

/** Writes a record beside the outputs (`output/.records/<name>.json`). */
export async function writeRecord(outputDir: string, record: BuildRecord): Promise<void> {
  await writeFileAtomic(recordPath(outputDir, record.name), `${JSON.stringify(record, null, 2)}\n`);
}

/** Reads a brief's record; undefined when there is none (or it cannot be read). */
export function readRecord(outputDir: string, name: string): BuildRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(recordPath(outputDir, name), 'utf8')) as BuildRecord;
    return record && typeof record === 'object' && record.outputs && typeof record.outputs === 'object' ? record : undefined;
  } catch {
    return undefined;
  }
}

function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  const inPackage = file.split(`${path.sep}node_modules${path.sep}`);
  if (inPackage.length > 1) return `npm:${inPackage.at(-1)!.split(path.sep).join('/')}`;
  const parts = file.split(path.sep);
  return `briefwright:${parts.slice(-2).join('/')}`;
}
