import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefwrightError, ProblemCollector } from '../errors.js';
import { languageTag } from '../project/language-tags.js';
import type { Taxonomy } from '../project/taxonomy.js';
import { frontMatterSchema, type Section } from './section.js';
import { resolveTerms, splitSection, type SectionFile } from './section-file.js';
import { isTranslation, linkTranslations, readTranslation, type TranslationDraft } from './translations.js';

/**
 * Reads every section file. Each problem, in any file, is added to `problems`
 * and that file left out, so one pass reports them all. Translations
 * (`x.es.md`, or `translates: x`) are not sections of their own: each is kept
 * in its original's `translations`.
 */
export async function loadSections(options: {
  root: string;
  files: readonly string[];
  taxonomy: Taxonomy;
  problems: ProblemCollector;
}): Promise<Section[]> {
  const { problems } = options;
  const sections: Section[] = [];
  const translations: TranslationDraft[] = [];
  const texts = await Promise.all(options.files.map((file) => readFile(path.join(options.root, file), 'utf8')));
  options.files.forEach((file, index) => {
    problems.attempt(() => {
      const parsed = splitSection(texts[index]!, file);
      if (isTranslation(parsed)) translations.push(readTranslation(parsed));
      else sections.push(sectionFrom(parsed, options.taxonomy));
    });
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
  linkTranslations({ sections: byId, translations, taxonomy: options.taxonomy, problems });
  return [...byId.values()];
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
    id: path.basename(file, path.extname(file)),
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
