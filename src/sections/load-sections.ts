import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefwrightError, ProblemCollector } from '../errors.js';
import { ALL, type Taxonomy } from '../project/taxonomy.js';
import { YamlFile } from '../project/yaml-file.js';
import { frontMatterSchema, type BrokenSection, type Section } from './section.js';

const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;
const BOM = '\uFEFF';

/** The sections of a project: those that loaded, and those that did not with their problems. */
export interface LoadedSections {
  sections: Section[];
  broken: BrokenSection[];
}

/**
 * Reads every section file. A file with problems is left out of `sections` and
 * kept in `broken` with all of its problems, so one pass reports them all and a
 * build can still make the briefs that cannot pick it.
 */
export async function loadSections(options: { root: string; files: readonly string[]; taxonomy: Taxonomy }): Promise<LoadedSections> {
  const texts = await Promise.all(options.files.map((file) => readFile(path.join(options.root, file), 'utf8')));
  const loaded: Section[] = [];
  const broken: BrokenSection[] = [];
  options.files.forEach((file, index) => {
    const text = texts[index]!;
    try {
      loaded.push(parseSection(text, file, options.taxonomy));
    } catch (error) {
      const problems = new ProblemCollector();
      problems.add(error);
      broken.push({ id: sectionId(file), file, problems: problems.problems, ...readableTags(text, file, options.taxonomy), source: text });
    }
  });
  const byId = new Map<string, Section>();
  for (const section of loaded) {
    const other = byId.get(section.id);
    if (!other) {
      byId.set(section.id, section);
      continue;
    }
    const problem = new BriefwrightError(`duplicate section id '${section.id}' (also ${other.file}); rename one file`, {
      location: { file: section.file, line: 1, column: 1 },
    });
    broken.push({ id: section.id, file: section.file, problems: [problem], populations: section.populations, topics: section.topics, source: section.source });
  }
  return { sections: [...byId.values()], broken };
}

/**
 * A file among the sections that looks meant as one but is not read, since a
 * section's name ends in `.md`: the name it should have, or undefined.
 */
export function intendedSectionName(file: string): string | undefined {
  const match = /^(.*)\.(markdown|mdown|mkdn?|mdx|md|txt)$/i.exec(file);
  return match && match[2] !== 'md' ? `${path.basename(match[1]!)}.md` : undefined;
}

/** Parses one section file: front matter validated, population and topic aliases resolved. */
export function parseSection(text: string, file: string, taxonomy: Taxonomy): Section {
  const { yaml, head, body } = frontMatter(text, file);
  const data = yaml.validate(frontMatterSchema, 'front matter');
  const problems = new ProblemCollector();
  const resolveAll = (facet: 'population' | 'topic', key: 'populations' | 'topics') =>
    data[key].flatMap((value, index) => {
      const id = problems.attempt(() => taxonomy.resolve(facet, value, yaml.locate([key, index])));
      return id === undefined ? [] : [id];
    });
  const populations = resolveAll('population', 'populations');
  const topics = resolveAll('topic', 'topics');
  problems.throwIfAny();
  const { title, kind, weight, summary, populations: _p, topics: _t, ...extra } = data;
  return {
    id: sectionId(file),
    file,
    title,
    populations: populations.includes(ALL) ? [ALL] : unique(populations),
    topics: unique(topics),
    kind,
    weight,
    summary,
    extra,
    body,
    bodyLine: head.split('\n').length,
    source: text,
  };
}

/** The front matter of a section file, parsed, and the body after it; a missing or unclosed block is an error. */
function frontMatter(text: string, file: string): { yaml: YamlFile; head: string; body: string } {
  // Editors on Windows may save a byte order mark, which is not part of the first line.
  const content = text.startsWith(BOM) ? text.slice(1) : text;
  const match = FRONT_MATTER.exec(content);
  const at = (line: number) => ({ file, line, column: 1 });
  if (!match) {
    const lines = content.split(/\r?\n/);
    if (/^---[ \t]*$/.test(lines[0] ?? '')) {
      throw new BriefwrightError("the front matter is never closed: end it with a line of three dashes (---) before the text", { location: at(1) });
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
  const head = match[0];
  return { yaml: YamlFile.parse(match[1] ?? '', file, 1), head, body: content.slice(head.length) };
}

/**
 * What can be read of a broken section's tags: each list whose ids all resolve,
 * else undefined. Front matter YAML cannot parse is read again without the lines
 * at fault, when each is a one-line field other than the tags (a title with
 * ': '), since those lines cannot change what the tags say.
 */
function readableTags(text: string, file: string, taxonomy: Taxonomy): Pick<BrokenSection, 'populations' | 'topics'> {
  const content = text.startsWith(BOM) ? text.slice(1) : text;
  const data = withoutFaultyLines(FRONT_MATTER.exec(content)?.[1]);
  if (data === undefined) return {};
  const read = (facet: 'population' | 'topic', value: unknown): string[] | undefined => {
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.length === 0) return undefined;
    const ids = list.map((item) => (typeof item === 'string' ? (facet === 'population' && item === ALL ? ALL : taxonomy.find(facet, item)?.id) : undefined));
    return ids.every((id): id is string => id !== undefined) ? unique(ids) : undefined;
  };
  const fields = (data ?? {}) as Record<string, unknown>;
  return { populations: read('population', fields.populations), topics: read('topic', fields.topics) };
}

function withoutFaultyLines(yaml: string | undefined): unknown {
  if (yaml === undefined) return undefined;
  const lines = yaml.split('\n');
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      return YamlFile.parse(lines.join('\n'), 'front matter').value();
    } catch (error) {
      const index = (error as BriefwrightError).location?.line;
      if (index === undefined) return undefined;
      const key = /^([A-Za-z_][\w-]*):\s/.exec(lines[index - 1] ?? '')?.[1];
      if (!key || key === 'populations' || key === 'topics' || /^\s/.test(lines[index] ?? '')) return undefined;
      lines[index - 1] = `${key}:`;
    }
  }
  return undefined;
}

function sectionId(file: string): string {
  return path.basename(file, path.extname(file));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
