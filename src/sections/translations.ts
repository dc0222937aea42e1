import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { BriefwrightError, ProblemCollector } from '../errors.js';
import { languageName, languageTag, languageWord, sameLanguage } from '../project/language-tags.js';
import { didYouMean } from '../project/suggest.js';
import type { Taxonomy } from '../project/taxonomy.js';
import { resolveTerms, type SectionFile } from './section-file.js';
import { KINDS, type Section } from './section.js';

/** The front matter key in which a translation records the version of its original it was made from. */
export const TRANSLATED_FROM = 'translated-from';

// `x.es.md`, `x.es-MX.md`: the original's file name, then a language tag.
const LANGUAGE_SUFFIX = /^(.+)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/;

/** A translation's front matter: a title of its own; tags, kind and weight only where they differ from the original's. */
const translationSchema = z.looseObject({
  title: z.string().trim().min(1, 'a translation needs a title in its own language'),
  summary: z.string().trim().optional(),
  lang: z.string().optional(),
  translates: z.string().min(1).optional(),
  [TRANSLATED_FROM]: z
    .string({ error: 'write the version in quotes, as `briefwright translate mark` does' })
    .regex(/^[0-9a-f]{16}$/, 'a version is 16 hexadecimal digits, as `briefwright translate mark` writes it')
    .optional(),
  populations: z.array(z.string()).min(1, 'list at least one population, or leave the key out to keep the original\'s').optional(),
  topics: z.array(z.string()).min(1, 'list at least one topic, or leave the key out to keep the original\'s').optional(),
  kind: z.enum(KINDS).optional(),
  weight: z.number().optional(),
});

/** A translation read from its file, not yet joined to its original. */
export interface TranslationDraft {
  parsed: SectionFile;
  /** The id of the section it translates. */
  of: string;
  lang: string;
  data: z.output<typeof translationSchema>;
}

/** Whether a section file is a translation: its name ends in a language tag (`x.es.md`), or it says `translates:`. */
export function isTranslation(parsed: SectionFile): boolean {
  return 'translates' in parsed.data || fileNameLanguage(parsed.file) !== undefined;
}

/** Validates a translation's front matter and works out what it translates, and into which language. */
export function readTranslation(parsed: SectionFile): TranslationDraft {
  const data = parsed.yaml.validate(translationSchema, 'front matter');
  const named = fileNameLanguage(parsed.file);
  const declared = data.lang === undefined ? undefined : languageTag(data.lang);
  if (data.lang !== undefined && !declared) {
    throw new BriefwrightError(`front matter 'lang': '${data.lang}' is not a language tag (such as en, es or es-MX)`, { location: parsed.yaml.locate(['lang']) });
  }
  if (named && declared && named.lang !== declared) {
    throw new BriefwrightError(`front matter 'lang' says ${declared}, but the file name says ${named.lang}; make them agree`, { location: parsed.yaml.locate(['lang']) });
  }
  const lang = declared ?? named?.lang;
  if (!lang) {
    throw new BriefwrightError(`a translation says which language it is in: add lang: (such as es), or name the file ${path.posix.basename(parsed.file, '.md')}.es.md`, {
      location: parsed.yaml.locate(['translates']),
    });
  }
  return { parsed, of: data.translates ?? named!.original, lang, data };
}

/**
 * Joins each translation to its original: it takes the original's id,
 * populations, topics, kind, weight and extra keys unless it sets its own, and
 * is kept in the original's `translations`. A translation of an unknown
 * section, in its original's language, or a second one for a language is an error.
 */
export function linkTranslations(options: {
  sections: ReadonlyMap<string, Section>;
  translations: readonly TranslationDraft[];
  taxonomy: Taxonomy;
  problems: ProblemCollector;
}): void {
  const { sections, taxonomy, problems } = options;
  for (const draft of options.translations) {
    problems.attempt(() => {
      const { parsed, data } = draft;
      const where = parsed.yaml.locate(data.translates ? ['translates'] : []);
      const original = sections.get(draft.of);
      if (!original) throw new BriefwrightError(`translation of '${draft.of}', but there is no such section${didYouMean(draft.of, sections.keys())}`, { location: where });
      if (sameLanguage(original.lang, draft.lang)) {
        throw new BriefwrightError(`translation into ${languageName(draft.lang)}, the language ${original.file} is written in already`, { location: where });
      }
      const translations = original.translations as Map<string, Section>;
      const other = translations.get(draft.lang);
      if (other) throw new BriefwrightError(`a second ${languageName(draft.lang)} translation of '${original.id}' (also ${other.file}); keep one`, { location: where });
      const local = new ProblemCollector();
      const populations = data.populations ? resolveTerms(data.populations, 'population', 'populations', taxonomy, parsed.yaml, local) : original.populations;
      const topics = data.topics ? resolveTerms(data.topics, 'topic', 'topics', taxonomy, parsed.yaml, local) : original.topics;
      local.throwIfAny();
      const { title, summary, lang: _l, translates: _t, [TRANSLATED_FROM]: madeFrom, populations: _p, topics: _o, kind, weight, ...extra } = data;
      translations.set(draft.lang, {
        id: original.id,
        file: parsed.file,
        title,
        populations,
        topics,
        kind: kind ?? original.kind,
        weight: weight ?? original.weight,
        summary: summary ?? '',
        extra: { ...original.extra, ...extra },
        body: parsed.text.slice(parsed.head.length),
        bodyLine: parsed.head.split('\n').length,
        source: parsed.text,
        lang: draft.lang,
        translations: new Map(),
        translationOf: { file: original.file, lang: original.lang, madeFrom, current: sectionVersion(original) },
      });
    });
  }
}

/**
 * The version of a section's words: a hash of its title, summary and body,
 * what a translation translates. Tags, kind and weight are left out (changing
 * them asks nothing of a translator), and so are line endings and trailing
 * spaces, so a checkout that turns LF into CRLF changes no version.
 */
export function sectionVersion(section: Pick<Section, 'title' | 'summary' | 'body'>): string {
  const normal = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
  const words = [section.title, section.summary, section.body].map(normal).join('\n\n');
  return createHash('sha256').update(words).digest('hex').slice(0, 16);
}

/** Whether a translation's original has changed since the version it records. */
export function isBehind(translation: Section): boolean {
  const of = translation.translationOf;
  return of?.madeFrom !== undefined && of.madeFrom !== of.current;
}

/** What `status`, `check` and `build` say of a translation whose original changed. */
export function behindMessage(translation: Section): string {
  return `${translation.file}: the ${languageWord(translation.translationOf?.lang ?? 'en')} original changed since this translation was made`;
}

/** Every translation in a library, original by original. */
export function allTranslations(sections: readonly Section[]): Section[] {
  return sections.flatMap((section) => [...section.translations.values()]);
}

/** The original and language a translation's file name gives (`x.es.md`: x, es), if it gives them. */
export function fileNameLanguage(file: string): { original: string; lang: string } | undefined {
  const match = LANGUAGE_SUFFIX.exec(path.posix.basename(file));
  const lang = match && languageTag(match[2]!);
  return lang ? { original: match[1]!, lang } : undefined;
}
