import { BriefwrightError } from '../errors.js';
import type { BriefRequest } from '../project/brief-request.js';
import { languageName, languageWord, sameLanguage } from '../project/language-tags.js';
import { LAYOUT } from '../project/load-project.js';
import type { Facet, Taxonomy } from '../project/taxonomy.js';

/** A population or topic as a brief prints it; `lang` is set when the label is not in the brief's language. */
export interface BriefTerm {
  id: string;
  text: string;
  lang?: string;
}

/**
 * The labels of a brief's populations and topics in its language. A term with
 * no label in that language is an error listing every such term, unless the
 * request names a fallback language: then its label in the taxonomy's own
 * language is used, marked with that language, and a warning says so.
 */
export function briefTerms(options: { request: BriefRequest; taxonomy: Taxonomy }): {
  populations: BriefTerm[];
  topics: BriefTerm[];
  warnings: string[];
} {
  const { request, taxonomy } = options;
  const missing: string[] = [];
  const termsOf = (facet: Facet, ids: readonly string[]): BriefTerm[] =>
    ids.map((id) => {
      const { text, lang } = taxonomy.labelIn(facet, id, request.lang);
      if (sameLanguage(lang, request.lang)) return { id, text };
      missing.push(`${facet} '${id}'`);
      return { id, text, lang };
    });
  const populations = termsOf('population', request.populations);
  const topics = termsOf('topic', request.topics);
  const warnings: string[] = [];
  if (missing.length > 0) {
    const list = `${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no label in ${languageName(request.lang)}`;
    if (!request.fallback || !sameLanguage(request.fallback, taxonomy.lang)) {
      throw new BriefwrightError(
        `${list}; give ${missing.length === 1 ? 'it' : 'them'} one (label: {${taxonomy.lang}: ..., ${request.lang}: ...}), or set fallback: ${taxonomy.lang} in the recipe to print the ${languageWord(taxonomy.lang)} label`,
        { location: { file: LAYOUT.taxonomy } },
      );
    }
    warnings.push(`${LAYOUT.taxonomy}: ${list}; printed in ${languageWord(taxonomy.lang)} (fallback: ${request.fallback})`);
  }
  return { populations, topics, warnings };
}
