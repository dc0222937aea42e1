import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BriefRequest } from '../project/brief-request.js';
import { VERSION } from '../project/package-root.js';
import type { Reference } from '../citations/reference.js';
import type { CslStyle } from '../citations/styles.js';
import type { Section } from '../sections/section.js';
import { writeFileAtomic } from '../render/write-file.js';

/** Where build records are kept, inside the output folder. */
export const RECORD_DIR = '.records';

/** What a brief is built from, each input by content hash (known before building). */
export interface BriefInputs {
  briefwright: string;
  name: string;
  recipe?: { file: string; hash: string };
  /** The settings that shape the brief, after recipe and flags are merged. */
  request: Record<string, unknown>;
  taxonomy: string;
  /** Picked sections, in order: id → file and hash. */
  sections: Record<string, { file: string; hash: string }>;
  /** Templates, partials, stylesheets, fonts and images: path → hash. */
  files: Record<string, string>;
  style: { name: string; origin: string; hash: string };
}

/** A brief's inputs plus what only building reveals: the works cited, and the outputs. */
export interface BuildRecord extends BriefInputs {
  /** Cited references: key → hash of that entry alone, not of the whole bibliography. */
  references: Record<string, string>;
  outputs: Record<string, { file: string; hash: string; pages?: number }>;
}

/** A short content hash (sha-256, 16 hex digits). */
export function hash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** Hashes files once per run, however many briefs use them. */
export class FileHashes {
  private readonly hashes = new Map<string, Promise<string>>();

  constructor(private readonly root: string) {}

  /** path (project-relative, or `npm:`/`briefwright:` for package files) → hash, sorted by path. */
  async of(files: readonly string[]): Promise<Record<string, string>> {
    const unique = [...new Set(files)].sort();
    const hashes = await Promise.all(unique.map((file) => this.one(file)));
    return Object.fromEntries(unique.map((file, index) => [displayPath(this.root, file), hashes[index]!]));
  }

  private one(file: string): Promise<string> {
    let pending = this.hashes.get(file);
    if (!pending) {
      pending = readFile(file).then(hash, () => 'missing');
      this.hashes.set(file, pending);
    }
    return pending;
  }
}

/** The inputs of one brief, as a record will keep them. */
export function describeInputs(options: {
  request: BriefRequest;
  taxonomySource: string;
  sections: readonly Section[];
  files: Record<string, string>;
  style: CslStyle;
}): BriefInputs {
  const { request } = options;
  const { recipe: _recipe, where: _where, name, ...settings } = request;
  return {
    briefwright: VERSION,
    name,
    recipe: request.recipe ? { file: request.recipe.file, hash: hash(request.recipe.source) } : undefined,
    request: settings,
    taxonomy: hash(options.taxonomySource),
    sections: Object.fromEntries(options.sections.map((s) => [s.id, { file: s.file, hash: hash(s.source) }])),
    files: options.files,
    style: { name: options.style.name, origin: options.style.origin, hash: hash(options.style.xml) },
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
export async function readRecord(outputDir: string, name: string): Promise<BuildRecord | undefined> {
  try {
    return JSON.parse(await readFile(recordPath(outputDir, name), 'utf8')) as BuildRecord;
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
