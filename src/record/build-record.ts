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

/** What one brief was built from, each input by content hash; and what it produced. */
export interface BuildRecord {
  briefwright: string;
  name: string;
  recipe?: { file: string; hash: string };
  request: { populations: string[]; topics: string[]; template: string; theme: string; style: string; locale: string };
  taxonomy: string;
  /** Picked sections: id → file and hash. */
  sections: Record<string, { file: string; hash: string }>;
  /** Cited references: key → hash of that entry alone. */
  references: Record<string, string>;
  /** Templates, stylesheets, fonts and images: project-relative (or package) path → hash. */
  files: Record<string, string>;
  style: { name: string; origin: string; hash: string };
  outputs: Record<string, { file: string; hash: string; pages?: number }>;
}

/** A short content hash (sha-256, 16 hex digits). */
export function hash(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** Assembles the record of one brief from the inputs it used. */
export async function makeRecord(options: {
  request: BriefRequest;
  taxonomySource: string;
  sections: readonly Section[];
  cited: readonly string[];
  references: ReadonlyMap<string, Reference>;
  files: readonly string[];
  root: string;
  style: CslStyle;
  outputs: BuildRecord['outputs'];
}): Promise<BuildRecord> {
  const { request } = options;
  const files: Record<string, string> = {};
  for (const file of [...new Set(options.files)].sort()) {
    files[displayPath(options.root, file)] = hash(await readFile(file));
  }
  return {
    briefwright: VERSION,
    name: request.name,
    recipe: request.recipe ? { file: request.recipe.file, hash: hash(request.recipe.source) } : undefined,
    request: {
      populations: request.populations,
      topics: request.topics,
      template: request.template,
      theme: request.theme,
      style: request.style,
      locale: request.locale,
    },
    taxonomy: hash(options.taxonomySource),
    sections: Object.fromEntries(options.sections.map((s) => [s.id, { file: s.file, hash: hash(s.source) }])),
    references: Object.fromEntries(
      [...options.cited].sort().map((key) => [key, hash(options.references.get(key)?.source ?? '')]),
    ),
    files,
    style: { name: options.style.name, origin: options.style.origin, hash: hash(options.style.xml) },
    outputs: options.outputs,
  };
}

/** Writes a record beside the outputs (`output/.records/<name>.json`). */
export async function writeRecord(outputDir: string, record: BuildRecord): Promise<void> {
  await writeFileAtomic(path.join(outputDir, RECORD_DIR, `${record.name}.json`), `${JSON.stringify(record, null, 2)}\n`);
}

function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  if (!relative.startsWith('..')) return relative.split(path.sep).join('/');
  const inPackage = file.split(`${path.sep}node_modules${path.sep}`);
  return inPackage.length > 1 ? `npm:${inPackage.at(-1)!.split(path.sep).join('/')}` : `briefwright:${path.basename(file)}`;
}
