import { z } from 'zod';
import type { RecipeFields } from '../project/recipe.js';
import { didYouMean } from '../project/suggest.js';
import { ALL, type Facet } from '../project/taxonomy.js';
import { HttpError } from './http-error.js';
import type { ProjectSnapshot } from './project-snapshot.js';

/** The choices a preview request may carry, as query parameters or JSON fields. */
export const CHOICE_FIELDS = ['population', 'topic', 'template', 'theme', 'style', 'paper', 'title', 'subtitle', 'audience'] as const;

const LIST_FIELDS = new Set<string>(['population', 'topic']);

const oneLine = z
  .string()
  .trim()
  .max(200, 'must be at most 200 characters')
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must be one line of plain text')
  .transform((value) => (value === '' ? undefined : value));

/**
 * The schema of a request's choices against one snapshot of the project: ids
 * and aliases from its taxonomy, its templates, themes and citation styles. An
 * unknown value fails with the nearest known ones as a suggestion.
 */
export function choicesSchema(snapshot: ProjectSnapshot) {
  const { taxonomy } = snapshot.project;
  const ids = (facet: Facet) =>
    z
      .preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(z.string().trim().min(1).max(100)).max(100))
      .default([])
      .superRefine((values, context) => {
        for (const value of values) {
          if ((facet === 'population' && value === ALL) || taxonomy.find(facet, value)) continue;
          const known = taxonomy.terms(facet).flatMap((term) => [term.id, ...term.aliases]);
          context.addIssue({ code: 'custom', message: `unknown ${facet} '${value}'${didYouMean(value, known)}` });
        }
      });
  const oneOf = (what: string, known: () => Iterable<string>, has: (value: string) => boolean) =>
    z
      .string()
      .trim()
      .max(200)
      .superRefine((value, context) => {
        if (!has(value)) context.addIssue({ code: 'custom', message: `unknown ${what} '${value}'${didYouMean(value, known())}` });
      })
      .optional();
  const templates = snapshot.templates.names();
  return z.strictObject({
    population: ids('population'),
    topic: ids('topic'),
    template: oneOf('template', () => templates, (value) => templates.includes(value)),
    theme: oneOf('theme', () => snapshot.themes, (value) => snapshot.themes.includes(value)),
    style: oneOf('citation style', () => snapshot.featuredStyles, (value) => snapshot.styles.has(value)),
    paper: z.enum(['letter', 'a4'], { error: "must be 'letter' or 'a4'" }).optional(),
    title: oneLine.optional(),
    subtitle: oneLine.optional(),
    audience: oneLine.optional(),
  });
}

/** A request's validated choices. */
export type BriefChoices = z.output<ReturnType<typeof choicesSchema>>;

/** Validates choices; every problem becomes one 400 naming the field, with a suggestion where one helps. */
export function parseChoices(snapshot: ProjectSnapshot, input: Record<string, unknown>): BriefChoices {
  const result = choicesSchema(snapshot).safeParse(input);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `unknown field '${key}'${didYouMean(key, CHOICE_FIELDS)}`).join('; ');
    }
    const field = issue.path.filter((part) => typeof part === 'string').join('.');
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  const field = result.error.issues[0]?.path.find((part) => typeof part === 'string');
  throw new HttpError(400, messages.join('; '), { field: typeof field === 'string' ? field : undefined });
}

/**
 * Reads choices from query parameters: `population` and `topic` may repeat or be
 * comma-separated; every other field may appear once. Parameters named in
 * `extra` belong to the endpoint and are left out.
 */
export function choicesFromQuery(params: URLSearchParams, extra: readonly string[] = []): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    if (extra.includes(key)) continue;
    const values = params.getAll(key);
    if (LIST_FIELDS.has(key)) {
      input[key] = values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
    } else if (values.length > 1) {
      throw new HttpError(400, `'${key}' was given ${values.length} times; give it once`, { field: key });
    } else input[key] = values[0];
  }
  return input;
}

/** Rejects choices without a population: every brief needs one. */
export function requirePopulation(choices: BriefChoices): void {
  if (choices.population.length === 0) {
    throw new HttpError(400, "pick at least one population (or 'all')", { field: 'population' });
  }
}

/** Choices as recipe fields (the shape `build` merges); a choice not made stays undefined. */
export function choicesToFields(choices: BriefChoices): RecipeFields {
  return {
    populations: choices.population.length > 0 ? choices.population : undefined,
    topics: choices.topic.length > 0 ? choices.topic : undefined,
    template: choices.template,
    theme: choices.theme,
    style: choices.style,
    paper: choices.paper,
    title: choices.title,
    subtitle: choices.subtitle,
    audience: choices.audience,
  };
}
