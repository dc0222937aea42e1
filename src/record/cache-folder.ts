import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../render/write-file.js';
import { RECORD_DIR } from './build-record.js';

/**
 * A folder beside the build records (`output/.records/<name>/`) that keeps
 * results between runs, one JSON file per key. Each file repeats its key, so a
 * file that was damaged, truncated or renamed is never taken for another's.
 * Caches only spare work: a file that cannot be read is a miss, and one that
 * cannot be written only makes later runs slower.
 */
export class CacheFolder {
  private names: Set<string> | undefined;

  constructor(
    /** The folder the results are kept in. */
    readonly dir: string,
  ) {}

  /** The cache folder `name` of an output folder. */
  static beside(outputDir: string, name: string): CacheFolder {
    return new CacheFolder(path.join(outputDir, RECORD_DIR, name));
  }

  /** The fields kept under `key`, or undefined when none can be read for it. */
  read(key: string): Record<string, unknown> | undefined {
    try {
      const kept = JSON.parse(readFileSync(this.file(key), 'utf8')) as unknown;
      return kept !== null && typeof kept === 'object' && (kept as { key?: unknown }).key === key ? (kept as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps `fields` under `key`; failures are ignored. */
  write(key: string, fields: Record<string, unknown>): void {
    try {
      writeFileAtomicSync(this.file(key), `${JSON.stringify({ key, ...fields })}\n`);
      this.names?.add(`${key}.json`);
    } catch {
      // Nothing kept: the next run works the result out again.
    }
  }

  /** Whether an earlier run kept anything under a key that starts with `prefix` (one listing per run). */
  hasKeyStartingWith(prefix: string): boolean {
    if (!this.names) {
      try {
        this.names = new Set(readdirSync(this.dir));
      } catch {
        this.names = new Set();
      }
    }
    for (const name of this.names) if (name.startsWith(prefix)) return true;
    return false;
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}
