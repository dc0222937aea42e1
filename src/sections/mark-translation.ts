import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefwrightError } from '../errors.js';
import { readProject } from '../project/load-project.js';
import { writeFileAtomic } from '../render/write-file.js';
import { allTranslations, TRANSLATED_FROM } from './translations.js';

/** What marking one translation did. */
export interface MarkResult {
  /** The translation, project-relative. */
  file: string;
  /** Its original, project-relative. */
  original: string;
  /** The original's version now recorded. */
  version: string;
  /** Whether the file already recorded that version. */
  unchanged: boolean;
}

/**
 * Records in each translation's front matter (`translated-from:`) the version
 * of its original as it is now, saying "this translation matches its original
 * today". Only that line of the file is written; the rest stays byte for byte.
 * `files` are paths relative to `cwd`, or to the project folder.
 */
export async function markTranslations(options: { root: string; files: readonly string[]; cwd?: string }): Promise<MarkResult[]> {
  const { project } = await readProject({ root: options.root });
  const byFile = new Map(allTranslations(project.sections).map((translation) => [translation.file, translation]));
  const targets = options.files.map((file) => {
    const relative = projectRelative(project.root, file, options.cwd ?? process.cwd());
    const translation = byFile.get(relative);
    if (!translation) {
      throw new BriefwrightError(
        `${relative} is not a translation that loads: name it after its original with a language (x.es.md beside x.md), or give it lang: and translates:, and run 'briefwright check' for any problem in it`,
        { kind: 'usage' },
      );
    }
    return translation;
  });
  const results: MarkResult[] = [];
  for (const translation of targets) {
    const version = translation.translationOf!.current;
    const file = path.join(project.root, translation.file);
    const text = await readFile(file, 'utf8');
    const marked = withVersion(text, version);
    if (marked !== text) await writeFileAtomic(file, marked);
    results.push({ file: translation.file, original: translation.translationOf!.file, version, unchanged: marked === text });
  }
  return results;
}

/** The file with `translated-from: "<version>"` in its front matter, replacing the line if there is one. */
export function withVersion(text: string, version: string): string {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const line = `${TRANSLATED_FROM}: "${version}"`;
  const end = /\r?\n---[ \t]*(?:\r?\n|$)/.exec(text.slice(3));
  if (!text.startsWith('---') || !end) throw new BriefwrightError('a translation starts with YAML front matter between --- lines');
  const headEnd = 3 + end.index;
  const head = text.slice(0, headEnd);
  const existing = new RegExp(`^${TRANSLATED_FROM}:.*$`, 'm');
  const updated = existing.test(head) ? head.replace(existing, line) : `${head}${newline}${line}`;
  return updated + text.slice(headEnd);
}

function projectRelative(root: string, file: string, cwd: string): string {
  const fromCwd = path.resolve(cwd, file);
  const absolute = fromCwd.startsWith(root + path.sep) ? fromCwd : path.resolve(root, file);
  return path.relative(root, absolute).split(path.sep).join('/');
}
