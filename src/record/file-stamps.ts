import { readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../render/write-file.js';
import { RECORD_DIR } from './build-record.js';
import { hash } from './content-hash.js';

/** The file in the record folder that keeps what each file's stat said when it was hashed. */
export const STAMPS_FILE = '.file-stamps.json';

/**
 * How long after a file's last change its stamp stays untrusted. A file changed
 * again within its file system's timestamp granularity (a few milliseconds on
 * Linux, two seconds on FAT) keeps the same modification time, so a stamp
 * taken that soon after a change cannot tell it from an edit (git's "racy
 * clean" problem).
 */
export const RACY_MS = 2000;

/** What a file's stat said when its content was hashed, and when that was. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  hash: string;
  /** When the content was hashed (ms since the epoch). */
  at: number;
}

/**
 * Whether a stamp still stands for a file as it is now: the same size, times
 * and inode, and taken long enough after the file last changed that an edit
 * since would have moved its times. Otherwise the content has to be hashed.
 */
export function stampHolds(stamp: FileStamp | undefined, stats: Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>): boolean {
  return (
    stamp !== undefined &&
    stamp.size === stats.size &&
    stamp.mtimeMs === stats.mtimeMs &&
    stamp.ctimeMs === stats.ctimeMs &&
    stamp.ino === stats.ino &&
    Math.max(stats.mtimeMs, stats.ctimeMs) + RACY_MS <= stamp.at
  );
}

/**
 * Content hashes of files, from their size and times where those have not
 * changed since the last run (as Bazel and Turborepo do), else from their
 * content. Kept in the record folder across runs; a file is hashed at most
 * once per run.
 */
export class FileStamps {
  private readonly hashes = new Map<string, string>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly stamps: Record<string, FileStamp>,
    private readonly now: () => number,
  ) {}

  /** The stamps kept in `outputDir`'s record folder (none yet, or unreadable: an empty set). */
  static open(outputDir: string, options: { now?: () => number } = {}): FileStamps {
    const file = path.join(outputDir, RECORD_DIR, STAMPS_FILE);
    let stamps: Record<string, FileStamp> = {};
    try {
      const kept = JSON.parse(readFileSync(file, 'utf8')) as { files?: Record<string, FileStamp> };
      if (kept.files && typeof kept.files === 'object') stamps = kept.files;
    } catch {
      // No stamps yet: every file is hashed from its content.
    }
    return new FileStamps(file, stamps, options.now ?? Date.now);
  }

  /** The hash of a file's content (absolute path), or 'missing' when it cannot be read. */
  hash(file: string): string {
    let known = this.hashes.get(file);
    if (known === undefined) {
      known = this.stamped(file);
      this.hashes.set(file, known);
    }
    return known;
  }

  /** Writes the stamps back, when any changed; a record folder that cannot be written only costs the next run some hashing. */
  async save(): Promise<void> {
    if (!this.changed) return;
    this.changed = false;
    try {
      await writeFileAtomic(this.file, JSON.stringify({ files: this.stamps }));
    } catch {
      // Stamps only spare work: without them, the next run hashes contents again.
    }
  }

  private stamped(file: string): string {
    let stats: Stats;
    try {
      stats = statSync(file);
    } catch {
      this.forget(file);
      return 'missing';
    }
    const stamp = this.stamps[file];
    if (stampHolds(stamp, stats)) return stamp!.hash;
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      this.forget(file);
      return 'missing';
    }
    const fresh: FileStamp = { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, hash: hash(content), at: this.now() };
    // A file that grew or shrank between its stat and its read would be stamped
    // with a size its content does not have: leave it unstamped, so the next run
    // hashes it again. (One changed in place within the same instant is caught
    // by the racy rule: its times are too recent for the stamp to hold.)
    if (content.length !== stats.size) this.forget(file);
    else {
      this.stamps[file] = fresh;
      this.changed = true;
    }
    return fresh.hash;
  }

  private forget(file: string): void {
    if (file in this.stamps) {
      delete this.stamps[file];
      this.changed = true;
    }
  }
}
