import { BriefwrightError, type ProblemCollector } from '../errors.js';
import { ALL, type Taxonomy } from '../project/taxonomy.js';
import { YamlFile } from '../project/yaml-file.js';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** A section file split into its front matter (parsed, not yet validated) and body. */
export interface SectionFile {
  file: string;
  text: string;
  yaml: YamlFile;
  /** The front matter as plain values. */
  data: Record<string, unknown>;
  /** The front matter block with its `---` lines. */
  head: string;
}

/** Splits a section file into front matter and body; a file without front matter is an error. */
export function splitSection(text: string, file: string): SectionFile {
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    throw new BriefwrightError("a section starts with YAML front matter between '---' lines", {
      location: { file, line: 1, column: 1 },
    });
  }
  const yaml = YamlFile.parse(match[1]!, file, 1);
  const value = yaml.value();
  const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return { file, text, yaml, data, head: match[0] };
}

/** A front matter list of populations or topics as canonical ids (`[all]` for every population). */
export function resolveTerms(
  values: readonly string[],
  facet: 'population' | 'topic',
  key: 'populations' | 'topics',
  taxonomy: Taxonomy,
  yaml: YamlFile,
  problems: ProblemCollector,
): string[] {
  const ids = values.flatMap((value, index) => {
    const id = problems.attempt(() => taxonomy.resolve(facet, value, yaml.locate([key, index])));
    return id === undefined ? [] : [id];
  });
  return ids.includes(ALL) ? [ALL] : [...new Set(ids)];
}
