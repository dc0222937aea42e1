import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefwrightError, ProblemCollector } from '../errors.js';
import { languageTag } from '../project/language-tags.js';
import { ALL, type Taxonomy } from '../project/taxonomy.js';
import { YamlFile } from '../project/yaml-file.js';
import { frontMatterSchema, type BrokenSection, type Section } from './section.js';
import { frontMatterText, resolveTerms, splitSection, type SectionFile } from './section-file.js';
import { fileNameLanguage, isTranslation, linkTranslations, readTranslation, type TranslationDraft } from './translations.js';

/** The sections of a project: those that loaded, and those that did not with their problems. */
export interface LoadedSections {
  sections: Section[];
  broken: BrokenSection[];
}

/**
 * Reads every section file. A file with problems is left out of `sections` and
 * kept in `broken` with all of its problems, so one pass reports them all and a
 * build can still make the briefs that cannot pick it. Translations (`x.es.md`,
 * or `translates: x`) are not sections of their own: each is kept in its
 * original's `translations`, and a broken one stands in `broken` for its
 * language only.
 */
export async function loadSections(options: { root: string; files: readonly string[]; taxonomy: Taxonomy }): Promise<LoadedSections> {
  const { taxonomy } = options;
  const texts = await Promise.all(options.files.map((file) => readFile(path.join(options.root, file), 'utf8')));
  const loaded: Section[] = [];
  const translations: TranslationDraft[] = [];
  const unread: { file: string; text: string; problems: BriefwrightError[]; translation?: { of: string; lang: string } }[] = [];
  options.files.forEach((file, index) => {
    const text = texts[index]!;
    let parsed: SectionFile | undefined;
    try {
      parsed = splitSection(text, file);
      if (isTranslation(parsed)) translations.push(readTranslation(parsed));
      else loaded.push(sectionFrom(parsed, taxonomy));
    } catch (error) {
      const problems = new ProblemCollector();
      problems.add(error);
      const named = fileNameLanguage(file);
      const of = typeof parsed?.data.translates === 'string' ? parsed.data.translates : named?.original;
      const lang = named?.lang ?? (typeof parsed?.data.lang === 'string' ? languageTag(parsed.data.lang) : undefined);
      unread.push({ file, text, problems: problems.problems, translation: of && lang ? { of, lang } : undefined });
    }
  });
  const broken: BrokenSection[] = [];
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
  const linking = new ProblemCollector();
  linkTranslations({ sections: byId, translations, taxonomy, problems: linking });
  for (const problem of linking.problems) {
    const draft = translations.find((candidate) => candidate.parsed.file === problem.location?.file);
    if (draft) unread.push({ file: draft.parsed.file, text: draft.parsed.text, problems: [problem], translation: { of: draft.of, lang: draft.lang } });
  }
  for (const { file, text, problems, translation } of unread) {
    // A translation that cannot be read is picked where its original would be, in its language.
    const original = translation && byId.get(translation.of);
    const tags = original ? { populations: original.populations, topics: original.topics } : readableTags(text, taxonomy);
    broken.push({ id: translation?.of ?? sectionId(file), file, problems, ...tags, source: text, ...(translation ? { lang: translation.lang } : {}) });
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
  return sectionFrom(splitSection(text, file), taxonomy);
}

function sectionFrom(parsed: SectionFile, taxonomy: Taxonomy): Section {
  const { file, text, yaml, head } = parsed;
  const data = yaml.validate(frontMatterSchema, 'front matter');
  const problems = new ProblemCollector();
  const populations = resolveTerms(data.populations, 'population', 'populations', taxonomy, yaml, problems);
  const topics = resolveTerms(data.topics, 'topic', 'topics', taxonomy, yaml, problems);
  const { title, kind, weight, summary, populations: _p, topics: _t, lang: declared, ...extra } = data;
  const lang = declared === undefined ? taxonomy.lang : languageTag(String(declared));
  if (!lang) problems.add(new BriefwrightError(`front matter 'lang': '${String(declared)}' is not a language tag (such as en, es or es-MX)`, { location: yaml.locate(['lang']) }));
  problems.throwIfAny();
  return {
    id: sectionId(file),
    file,
    title,
    populations,
    topics,
    kind,
    weight,
    summary,
    extra,
    body: text.slice(head.length),
    bodyLine: head.split('\n').length,
    source: text,
    lang: lang!,
    translations: new Map(),
  };
}

/**
 * What can be read of a broken section's tags: each list whose ids all resolve,
 * else undefined. Front matter YAML cannot parse is read again without the lines
 * at fault, when each is a one-line field other than the tags (a title with
 * ': '), since those lines cannot change what the tags say.
 */
function readableTags(text: string, taxonomy: Taxonomy): Pick<BrokenSection, 'populations' | 'topics'> {
  const data = withoutFaultyLines(frontMatterText(text));
  if (data === undefined) return {};
  const read = (facet: 'population' | 'topic', value: unknown): string[] | undefined => {
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.length === 0) return undefined;
    const ids = list.map((item) => (typeof item === 'string' ? (facet === 'population' && item === ALL ? ALL : taxonomy.find(facet, item)?.id) : undefined));
    return ids.every((id): id is string => id !== undefined) ? [...new Set(ids)] : undefined;
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
