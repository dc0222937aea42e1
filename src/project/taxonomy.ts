import { z } from 'zod';
import { BriefwrightError, type SourceLocation } from '../errors.js';
import { didYouMean } from './suggest.js';
import { YamlFile } from './yaml-file.js';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, such as english-learners')
  .describe('lowercase words joined by hyphens, such as english-learners');

const termSchema = z.strictObject({
  id: slug,
  label: z.string().min(1).describe('write the name readers see'),
  aliases: z.array(slug).default([]).describe('list other ids that mean the same, such as [els]'),
  description: z.string().default(''),
});

const taxonomySchema = z.strictObject({
  populations: z.array(termSchema).min(1).describe("list at least one population, each with '- id:' and 'label:'"),
  topics: z.array(termSchema).min(1).describe("list at least one topic, each with '- id:' and 'label:'"),
});

/** One population or topic as the taxonomy defines it. */
export type Term = z.output<typeof termSchema>;

/** Which list a term belongs to. */
export type Facet = 'population' | 'topic';

/** The word a section or request uses for "every population". */
export const ALL = 'all';

/** The populations and topics of a project, with their aliases resolved. */
export class Taxonomy {
  readonly populations: readonly Term[];
  readonly topics: readonly Term[];
  private readonly index: Record<Facet, Map<string, Term>>;

  constructor(populations: readonly Term[], topics: readonly Term[]) {
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

  /** The label of a canonical id (the id itself when unknown). */
  label(facet: Facet, id: string): string {
    return this.find(facet, id)?.label ?? id;
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
  return new Taxonomy(data.populations, data.topics);
}
