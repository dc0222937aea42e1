import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BriefwrightError, ProblemCollector } from '../errors.js';
import type { FileLayers, LayeredFile } from '../project/file-layers.js';
import { languageName, languageTag, primaryLanguage } from '../project/language-tags.js';
import { YamlFile } from '../project/yaml-file.js';
import { fieldsOf, Labels, type LabelEntry } from './labels.js';

const LABELS = 'templates/labels';

const labelFileSchema = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a label is named by letters and digits, starting with a letter'),
  z.string().min(1, 'a label needs a text'),
);

/** One `templates/labels/<lang>.yaml`, read and validated. */
export interface LabelFile {
  /** The canonical language tag its name gives. */
  lang: string;
  /** Path shown in messages. */
  file: string;
  /** Absolute path, for the build record. */
  absolute: string;
  origin: LayeredFile['origin'];
  entries: Map<string, LabelEntry>;
}

/**
 * Every label file a project can use, built in and its own. A brief's labels
 * are merged label by label: the built-in file of its language, the project's
 * file of that language over it, and for a regional tag (`es-MX`) the files of
 * the bare language (`es`) first, so a region overrides only what differs.
 */
export class LabelFiles {
  private readonly merged = new Map<string, Labels>();

  private constructor(private readonly byLanguage: ReadonlyMap<string, LabelFile[]>) {}

  /** Reads and checks every label file in the layers. */
  static async load(layers: FileLayers): Promise<LabelFiles> {
    const found: LayeredFile[] = [];
    for (const entry of layers.list(LABELS).filter((file) => /\.ya?ml$/.test(file.path))) {
      const below = entry.origin === 'project' ? layers.findBelow(entry.path, entry) : undefined;
      found.push(...(below ? [below] : []), entry);
    }
    const problems = new ProblemCollector();
    const files = (await Promise.all(found.map((entry) => readLabelFile(entry, layers).catch((error) => void problems.add(error))))).filter(
      (file): file is LabelFile => file !== undefined,
    );
    const byLanguage = new Map<string, LabelFile[]>();
    for (const file of files) byLanguage.set(file.lang, [...(byLanguage.get(file.lang) ?? []), file]);
    const labels = new LabelFiles(byLanguage);
    labels.checkFields(problems);
    problems.throwIfAny();
    return labels;
  }

  /** The languages that have a label file, sorted. */
  languages(): string[] {
    return [...this.byLanguage.keys()].sort();
  }

  /** The project's own label files. */
  projectFiles(): LabelFile[] {
    return [...this.byLanguage.values()].flat().filter((file) => file.origin === 'project');
  }

  /** The labels of a language; one with no label file is an error that says which languages have one. */
  forLanguage(lang: string): Labels {
    let labels = this.merged.get(lang);
    if (labels) return labels;
    const chain = this.chain(lang);
    if (chain.length === 0) {
      throw new BriefwrightError(
        `no labels for ${languageName(lang)}: add ${LABELS}/${lang}.yaml with the words a brief prints (labels exist for: ${this.languages().join(', ')})`,
      );
    }
    const entries = new Map<string, LabelEntry>();
    for (const file of chain) for (const [name, entry] of file.entries) entries.set(name, entry);
    labels = new Labels(lang, entries);
    this.merged.set(lang, labels);
    return labels;
  }

  /** Absolute paths of the label files a language's labels come from. */
  files(lang: string): string[] {
    return this.chain(lang).map((file) => file.absolute);
  }

  private chain(lang: string): LabelFile[] {
    const base = primaryLanguage(lang);
    return [...(base !== lang ? (this.byLanguage.get(base) ?? []) : []), ...(this.byLanguage.get(lang) ?? [])];
  }

  /**
   * A translated label may leave out a field, but not use one briefwright or
   * the English label does not fill: `{pagina}` for `{page}` would fail at print.
   */
  private checkFields(problems: ProblemCollector): void {
    const english = new Map<string, Set<string>>();
    for (const file of this.byLanguage.get('en') ?? []) for (const [name, entry] of file.entries) english.set(name, fieldsOf(entry.text));
    for (const file of [...this.byLanguage.values()].flat()) {
      if (file.lang === 'en') continue;
      for (const [name, entry] of file.entries) {
        const allowed = english.get(name);
        if (!allowed) continue;
        const unknown = [...problems.attempt(() => fieldsOf(entry.text, entry.location)) ?? []].filter((field) => !allowed.has(field));
        if (unknown.length === 0) continue;
        const list = (fields: Iterable<string>) => [...fields].map((field) => `{${field}}`).join(', ');
        const reason = allowed.size === 0 ? 'but it has no fields' : `which ${unknown.length === 1 ? 'is not one of its fields' : 'are not among its fields'} (${list(allowed)})`;
        problems.add(new BriefwrightError(`label '${name}' uses ${list(unknown)}, ${reason}`, { location: entry.location }));
      }
    }
  }
}

async function readLabelFile(entry: LayeredFile, layers: FileLayers): Promise<LabelFile> {
  const file = layers.display(entry);
  const stem = path.posix.basename(entry.path).replace(/\.ya?ml$/, '');
  const lang = languageTag(stem);
  if (!lang) {
    throw new BriefwrightError(`a label file is named by its language, such as es.yaml or es-MX.yaml; '${stem}' is not a language tag`, {
      location: { file },
    });
  }
  const yaml = YamlFile.parse(await readFile(entry.file, 'utf8'), file);
  const data = yaml.validate(labelFileSchema, 'labels');
  const problems = new ProblemCollector();
  const entries = new Map<string, LabelEntry>();
  for (const [name, text] of Object.entries(data)) {
    const location = yaml.locate([name]);
    if (problems.attempt(() => fieldsOf(text, location))) entries.set(name, { text, location });
  }
  problems.throwIfAny();
  return { lang, file, absolute: entry.file, origin: entry.origin, entries };
}
