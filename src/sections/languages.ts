import path from 'node:path';
import { BriefwrightError } from '../errors.js';
import type { BriefRequest } from '../project/brief-request.js';
import { bestLanguageMatch, languageName, languageWord, sameLanguage } from '../project/language-tags.js';
import type { Section } from './section.js';
import { selectSections } from './select.js';

/**
 * The version of each section a reader of `languages` (most wanted first)
 * gets: the original when it is in one of them, else its translation into the
 * first that has one, else the original.
 */
export function versionsFor(sections: readonly Section[], languages: readonly string[]): Section[] {
  return sections.map((section) => {
    for (const lang of languages) {
      if (sameLanguage(section.lang, lang)) return section;
      const tag = bestLanguageMatch(lang, section.translations.keys());
      if (tag) return section.translations.get(tag)!;
    }
    return section;
  });
}

/**
 * Picks a request's sections in its language: each section's translation
 * instead of the original, matched on the translation's tags. A picked section
 * with no version in the brief's language is an error listing every such
 * section, unless the request has a `fallback` language that they are in.
 */
export function selectInLanguage(sections: readonly Section[], request: Pick<BriefRequest, 'lang' | 'fallback' | 'recipe'> & Parameters<typeof selectSections>[1]): Section[] {
  const picked = selectSections(versionsFor(sections, request.fallback ? [request.lang, request.fallback] : [request.lang]), request);
  const missing = picked.filter((section) => !sameLanguage(section.lang, request.lang));
  if (missing.length === 0 || (request.fallback && missing.every((section) => sameLanguage(section.lang, request.fallback!)))) return picked;
  const word = languageWord(request.lang);
  const example = missing[0]!.file.replace(/\.md$/, `.${request.lang}.md`);
  const originals = [...new Set(missing.map((section) => section.lang))];
  throw new BriefwrightError(
    [
      `the brief is in ${languageName(request.lang)}, but ${missing.length === 1 ? 'a section it picks has' : `${missing.length} sections it picks have`} no ${word} translation:`,
      ...missing.map((section) => `  ${section.file}`),
      `translate ${missing.length === 1 ? 'it' : 'each'} (${path.posix.basename(example)} beside ${path.posix.basename(missing[0]!.file)}), or ${request.recipe ? `add fallback: ${originals[0]} to the recipe (or pass --fallback ${originals[0]})` : `pass --fallback ${originals[0]}`} to print the ${languageWord(originals[0]!)} original${missing.length === 1 ? '' : 's'}`,
    ].join('\n'),
    { location: request.recipe ? { file: request.recipe.file } : undefined },
  );
}
