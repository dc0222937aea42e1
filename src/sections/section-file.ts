import { BriefwrightError, type ProblemCollector } from '../errors.js';
import { ALL, type Taxonomy } from '../project/taxonomy.js';
import { YamlFile } from '../project/yaml-file.js';

const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;
const BOM = '\uFEFF';

/** A section file split into its front matter (parsed, not yet validated) and body. */
export interface SectionFile {
  file: string;
  /** The file's text (without a byte order mark). */
  text: string;
  yaml: YamlFile;
  /** The front matter as plain values. */
  data: Record<string, unknown>;
  /** The front matter block with its `---` lines. */
  head: string;
}

/** Splits a section file into front matter and body; a missing or unclosed front matter block is an error that says how to write one. */
export function splitSection(source: string, file: string): SectionFile {
  // Editors on Windows may save a byte order mark, which is not part of the first line.
  const text = source.startsWith(BOM) ? source.slice(1) : source;
  const match = FRONT_MATTER.exec(text);
  const at = (line: number) => ({ file, line, column: 1 });
  if (!match) {
    const lines = text.split(/\r?\n/);
    if (/^---[ \t]*$/.test(lines[0] ?? '')) {
      throw new BriefwrightError('the front matter is never closed: end it with a line of three dashes (---) before the text', { location: at(1) });
    }
    const first = lines.findIndex((line) => line.trim() !== '');
    if (first > 0 && /^---[ \t]*$/.test(lines[first]!)) {
      throw new BriefwrightError("the front matter must start on the first line; remove the blank lines above '---'", { location: at(1) });
    }
    const fieldsFirst = /^[A-Za-z_-]+:(\s|$)/.test(lines[0] ?? '');
    throw new BriefwrightError(
      fieldsFirst
        ? "a section starts with YAML front matter between '---' lines: add a line '---' above 'title:' and another after the last field"
        : "a section starts with YAML front matter between '---' lines (title, populations, topics, kind), then its text",
      { location: at(1) },
    );
  }
  const yaml = YamlFile.parse(match[1] ?? '', file, 1);
  const value = yaml.value();
  const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return { file, text, yaml, data, head: match[0] };
}

/** The front matter block of a section file's text, unparsed (undefined when there is none). */
export function frontMatterText(source: string): string | undefined {
  const text = source.startsWith(BOM) ? source.slice(1) : source;
  return FRONT_MATTER.exec(text)?.[1];
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
