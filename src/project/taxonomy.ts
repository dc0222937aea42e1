import { z } from 'zod';
import { BriefwrightError, type SourceLocation } from '../errors.js';
import { bestLanguageMatch, languageName, languageTag } from './language-tags.js';
import { didYouMean } from './suggest.js';
import { YamlFile } from './yaml-file.js';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, such as english-learners')
  .describe('lowercase words joined by hyphens, such as english-learners');
const tag = z.string().refine((value) => languageTag(value) !== undefined, 'must be a language tag, such as en, es or es-MX');
/** A text in the taxonomy's language, or one text per language: `{en: ..., es: ...}`. */
const text = (min: number) =>
  z.union([z.string().min(min), z.record(tag, z.string().min(min))], {
    error: 'write a text, or one text per language such as {en: ..., es: ...} (keys are language tags: en, es, es-MX)',
  });

const termSchema = z.strictObject({
  id: slug,
  label: text(1).describe('write the name readers see, or one per language: {en: ..., es: ...}'),
  aliases: z.array(slug).default([]).describe('list other ids that mean the same, such as [els]'),
  description: text(0).default(''),
});

const taxonomySchema = z.strictObject({
  /** The language of plain-text labels, and of sections that do not say theirs. */
  lang: tag.default('en'),
  populations: z.array(termSchema).min(1).describe("list at least one population, each with '- id:' and 'label:'"),
  topics: z.array(termSchema).min(1).describe("list at least one topic, each with '- id:' and 'label:'"),
});

/** One population or topic as the taxonomy defines it; `label` and `description` are in the taxonomy's language. */
export interface Term {
  id: string;
  label: string;
  aliases: string[];
  description: string;
  /** Label and description in other languages, by language tag. */
  translations: Record<string, { label?: string; description?: string }>;
  /** The language of `label` when a report has put it in another language than the taxonomy's. */
  labelLang?: string;
}

/** Which list a term belongs to. */
export type Facet = 'population' | 'topic';

/** The word a section or request uses for "every population". */
export const ALL = 'all';

/** The populations and topics of a project, with their aliases resolved. */
export class Taxonomy {
  readonly populations: readonly Term[];
  readonly topics: readonly Term[];
  private readonly index: Record<Facet, Map<string, Term>>;

  constructor(
    populations: readonly Term[],
    topics: readonly Term[],
    /** The language of the terms' plain labels, and of sections that do not say theirs. */
    readonly lang = 'en',
  ) {
    this.populations = populations;
    this.topics = topics;
    this.index = { population: indexTerms(populations), topic: indexTerms(topics) };
  }

  /** The terms of one facet. */
  terms(facet: Facet): readonly Term[] {
    return facet === 'population' ? this.populations : this.topics;
  }

  /** The term an id or alias names, or undefined. */
  find(facet: Facet, idOrAlias: string): Term | undefined {
    return this.index[facet].get(idOrAlias.toLowerCase());
  }

  /** The canonical id for an id or alias; an unknown one is an error with a suggestion. */
  resolve(facet: Facet, idOrAlias: string, where?: SourceLocation): string {
    if (facet === 'population' && idOrAlias === ALL) return ALL;
    const term = this.find(facet, idOrAlias);
    if (term) return term.id;
    if (idOrAlias === ALL) {
      throw new BriefwrightError(`'${ALL}' is not a topic: a brief asks for any topic by leaving topics out (or []); a section lists the topics it is about`, {
        location: where,
      });
    }
    throw new BriefwrightError(
      `unknown ${facet} '${idOrAlias}'${didYouMean(idOrAlias, this.index[facet].keys())}`,
      { location: where },
    );
  }

  /** The label of a canonical id in a language, else in the taxonomy's own (the id itself when unknown). */
  label(facet: Facet, id: string, lang?: string): string {
    return this.labelIn(facet, id, lang ?? this.lang).text;
  }

  /** A term's label and the language it is in: `lang` where the taxonomy has it, else the taxonomy's own. */
  labelIn(facet: Facet, id: string, lang: string): { text: string; lang: string } {
    return this.textIn(facet, id, lang, 'label');
  }

  /** A term's description in a language, else in the taxonomy's own. */
  description(facet: Facet, id: string, lang?: string): string {
    return this.textIn(facet, id, lang ?? this.lang, 'description').text;
  }

  /** Every language the terms are translated into, sorted. */
  languages(): string[] {
    return [...new Set([...this.populations, ...this.topics].flatMap((term) => Object.keys(term.translations)))].sort();
  }

  private textIn(facet: Facet, id: string, lang: string, field: 'label' | 'description'): { text: string; lang: string } {
    const term = this.find(facet, id);
    if (!term) return { text: id, lang: this.lang };
    const own = bestLanguageMatch(lang, [this.lang]);
    const translated = own ? undefined : bestLanguageMatch(lang, Object.keys(term.translations).filter((tag) => term.translations[tag]![field]));
    return translated ? { text: term.translations[translated]![field]!, lang: translated } : { text: term[field], lang: this.lang };
  }
}

function indexTerms(terms: readonly Term[]): Map<string, Term> {
  const index = new Map<string, Term>();
  for (const term of terms) {
    index.set(term.id, term);
    for (const alias of term.aliases) index.set(alias, term);
  }
  return index;
}

/** Parses and validates `content/taxonomy.yaml`. */
export function parseTaxonomy(text: string, file: string): Taxonomy {
  const yaml = YamlFile.parse(text, file);
  const data = yaml.validate(taxonomySchema, 'taxonomy');
  const lang = languageTag(data.lang)!;
  const terms = { populations: data.populations.map((term, index) => toTerm(term, lang, yaml, ['populations', index])), topics: data.topics.map((term, index) => toTerm(term, lang, yaml, ['topics', index])) };
  for (const facet of ['populations', 'topics'] as const) {
    const seen = new Map<string, number>();
    data[facet].forEach((term, index) => {
      for (const name of [term.id, ...term.aliases]) {
        if (name === ALL) {
          throw new BriefwrightError(`'${ALL}' is reserved and cannot name a ${facet.slice(0, -1)}`, {
            location: yaml.locate([facet, index]),
          });
        }
        const first = seen.get(name);
        if (first !== undefined) {
          throw new BriefwrightError(`'${name}' names two ${facet} (entries ${first + 1} and ${index + 1})`, {
            location: yaml.locate([facet, index]),
          });
        }
        seen.set(name, index);
      }
    });
  }
  return new Taxonomy(terms.populations, terms.topics, lang);
}

type TermFields = z.output<typeof termSchema>;

/** A term with its per-language texts split into the taxonomy's own and translations. */
function toTerm(term: TermFields, lang: string, yaml: YamlFile, at: (string | number)[]): Term {
  const translations: Term['translations'] = {};
  const own = (field: 'label' | 'description'): string => {
    const value = term[field];
    if (typeof value === 'string') return value;
    let mine: string | undefined;
    for (const [key, text] of Object.entries(value)) {
      const canonical = languageTag(key)!;
      if (canonical === lang) mine = text;
      else (translations[canonical] ??= {})[field] = text;
    }
    if (mine === undefined && field === 'label') {
      throw new BriefwrightError(`'${term.id}' needs a label in ${languageName(lang)}, the taxonomy's language (set lang: at the top of the file to change it)`, {
        location: yaml.locate([...at, field]),
      });
    }
    return mine ?? '';
  };
  return { id: term.id, label: own('label'), aliases: term.aliases, description: own('description'), translations };
}
