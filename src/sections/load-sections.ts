import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefwrightError, ProblemCollector } from '../errors.js';
import { ALL, type Taxonomy } from '../project/taxonomy.js';
import { YamlFile } from '../project/yaml-file.js';
import { frontMatterSchema, type Section } from './section.js';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/**
 * Reads every section file. Each problem, in any file, is added to `problems`
 * and that file left out, so one pass reports them all.
 */
export async function loadSections(options: {
  root: string;
  files: readonly string[];
  taxonomy: Taxonomy;
  problems: ProblemCollector;
}): Promise<Section[]> {
  const { problems } = options;
  const sections: Section[] = [];
  const texts = await Promise.all(options.files.map((file) => readFile(path.join(options.root, file), 'utf8')));
  options.files.forEach((file, index) => {
    const section = problems.attempt(() => parseSection(texts[index]!, file, options.taxonomy));
    if (section) sections.push(section);
  });
  const byId = new Map<string, Section>();
  for (const section of sections) {
    const other = byId.get(section.id);
    if (other) {
      problems.add(
        new BriefwrightError(`duplicate section id '${section.id}' (also ${other.file}); rename one file`, {
          location: { file: section.file, line: 1, column: 1 },
        }),
      );
    } else byId.set(section.id, section);
  }
  return [...byId.values()];
}

/** Parses one section file: front matter validated, population and topic aliases resolved. */
export function parseSection(text: string, file: string, taxonomy: Taxonomy): Section {
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    throw new BriefwrightError("a section starts with YAML front matter between '---' lines", {
      location: { file, line: 1, column: 1 },
    });
  }
  const yaml = YamlFile.parse(match[1]!, file, 1);
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
  const head = match[0];
  return {
    id: path.basename(file, path.extname(file)),
    file,
    title,
    populations: populations.includes(ALL) ? [ALL] : unique(populations),
    topics: unique(topics),
    kind,
    weight,
    summary,
    extra,
    body: text.slice(head.length),
    bodyLine: head.split('\n').length,
    source: text,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
