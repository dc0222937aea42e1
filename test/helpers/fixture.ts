import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixtures folder. */
export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Copies a fixture project to a fresh temporary folder, so a test may build and edit it. */
export async function copyFixture(name: string): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), `briefwright-${name}-`));
  await cp(path.join(FIXTURES, name), root, { recursive: true });
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A console that remembers what was written. */
export function captureConsole() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

/** Changes to project files: each file's new text from its old ('' for a file that does not exist yet). */
export type FileEdits = Record<string, (text: string) => string>;

/** Edits files of a project, runs `task`, and puts every file back as it was (removing the new ones). */
export async function withEdits<T>(root: string, files: FileEdits, task: () => Promise<T>): Promise<T> {
  const saved = new Map<string, string | undefined>();
  for (const [file, change] of Object.entries(files)) {
    const full = path.join(root, file);
    const before = await readFile(full, 'utf8').catch(() => undefined);
    saved.set(full, before);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, change(before ?? ''));
  }
  try {
    return await task();
  } finally {
    for (const [full, before] of saved) {
      if (before === undefined) await rm(full);
      else await writeFile(full, before);
    }
  }
}
