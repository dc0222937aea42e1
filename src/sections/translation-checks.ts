import type { RenderedSection } from '../compose/section-trees.js';
import { languageName, sameLanguage } from '../project/language-tags.js';
import type { Section } from './section.js';
import { behindMessage, isBehind, TRANSLATED_FROM } from './translations.js';

/** How far the library is translated into one language. */
export interface TranslationCoverage {
  lang: string;
  /** Sections with a translation into the language. */
  translated: number;
  /** Sections written in another language (the originals a translation could be made of). */
  total: number;
  /** Translations whose original changed since they were made. */
  behind: number;
}

/**
 * What `check` says of a library's translations: each one whose original has
 * changed, that records no version of its original, lacks the summary its
 * original has, or cites other works than its original; and, per language,
 * how many sections are translated.
 */
export function checkTranslations(sections: readonly Section[], rendered: (section: Section) => RenderedSection): { warnings: string[]; coverage: TranslationCoverage[] } {
  const warnings: string[] = [];
  const keysOf = (section: Section) => new Set(rendered(section).citations.flatMap(({ match }) => match.items.map((item) => item.key)));
  const languages = new Map<string, { translated: number; behind: number }>();
  for (const original of sections) {
    for (const [lang, translation] of original.translations) {
      const counts = languages.get(lang) ?? { translated: 0, behind: 0 };
      languages.set(lang, counts);
      counts.translated += 1;
      if (isBehind(translation)) {
        counts.behind += 1;
        warnings.push(behindMessage(translation));
      } else if (translation.translationOf?.madeFrom === undefined) {
        warnings.push(`${translation.file}: does not record which version of ${original.file} it translates; once it matches, run 'briefwright translate mark ${translation.file}' (it writes ${TRANSLATED_FROM}:)`);
      }
      if (original.summary && !translation.summary) {
        warnings.push(`${translation.file}: has no summary, so briefs in ${languageName(lang)} leave this section out of their key points; translate the summary of ${original.file}`);
      }
      const own = keysOf(original);
      const theirs = keysOf(translation);
      const added = [...theirs].filter((key) => !own.has(key));
      const dropped = [...own].filter((key) => !theirs.has(key));
      if (added.length > 0) warnings.push(`${translation.file}: cites ${added.map((key) => `@${key}`).join(', ')}, which ${original.file} does not; a translation keeps its original's citations`);
      if (dropped.length > 0) warnings.push(`${translation.file}: leaves out ${dropped.map((key) => `@${key}`).join(', ')}, which ${original.file} cites; a translation keeps its original's citations`);
    }
  }
  const coverage = [...languages.keys()].sort().map((lang) => ({
    lang,
    ...languages.get(lang)!,
    total: sections.filter((section) => !sameLanguage(section.lang, lang)).length,
  }));
  return { warnings, coverage };
}

/** "Spanish (es): 3 of 65 sections translated (5%), 1 behind its original". */
export function describeCoverage(coverage: TranslationCoverage): string {
  const share = coverage.total === 0 ? 0 : Math.round((coverage.translated / coverage.total) * 100);
  const behind = coverage.behind === 0 ? 'none behind its original' : `${coverage.behind} behind ${coverage.behind === 1 ? 'its original' : 'their originals'}`;
  return `${languageName(coverage.lang)}: ${coverage.translated} of ${coverage.total} sections translated (${share}%), ${behind}`;
}
