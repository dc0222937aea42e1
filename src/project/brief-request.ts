import { BriefwrightError, type SourceLocation } from '../errors.js';
import type { ProjectConfig } from './config.js';
import type { Format, RecipeFields, RecipeFile } from './recipe.js';
import { localeForLanguage } from '../citations/styles.js';
import { defaultTitle, type TitleLabels } from './default-title.js';
import { languageName, languageTag } from './language-tags.js';
import { ALL, type Taxonomy } from './taxonomy.js';

export { defaultDate } from './default-date.js';

/** A fully resolved request for one brief: every field set, every id canonical. */
export interface BriefRequest {
  /** Output base name (`output/<name>.html`). */
  name: string;
  /** The recipe file it came from, if any. */
  recipe?: RecipeFile;
  title: string;
  subtitle: string;
  audience: string;
  author: string;
  organization: string;
  date: string;
  /** Canonical population ids; never `all` (expanded). */
  populations: string[];
  /** Canonical topic ids; empty means any topic. */
  topics: string[];
  include: string[];
  exclude: string[];
  template: string;
  formats: Format[];
  style: string;
  /** The CSL locale of citations and references: the recipe's, else the one that suits `lang`. */
  locale: string;
  /** The brief's language (a canonical BCP 47 tag): labels, dates, sections, the CSL locale, `lang` attributes. */
  lang: string;
  /** The language whose sections, labels of terms and originals stand in for missing translations. */
  fallback?: string;
  theme: string;
  /** Unset: the theme's paper, else Letter. */
  paper?: 'letter' | 'a4';
  /** A table of contents; unset: whatever the template does. */
  toc?: boolean;
  nocite: string[] | '*';
  /** Where a field (or one entry of a list field) was set, for messages: the recipe or briefwright.yaml; none for flags. */
  where: FieldLocator;
}

/** Finds where a request field was written. */
export type FieldLocator = (key: keyof RecipeFields, index?: number) => SourceLocation | undefined;

/** The values a request has when neither recipe nor flag sets them. */
export const DEFAULTS = {
  subtitle: '',
  audience: '',
  author: '',
  organization: '',
  template: 'brief',
  formats: ['html', 'pdf'] as Format[],
  style: 'apa',
  lang: 'en',
  theme: 'default',
};

/**
 * Layers recipe fields: later layers win, and a field a layer leaves undefined
 * never hides an earlier value (defaults < project config < recipe < command line).
 */
export function mergeFields(...layers: (RecipeFields | undefined)[]): RecipeFields {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) if (value !== undefined) merged[key] = value;
  }
  return merged as RecipeFields;
}

/**
 * Where each merged field was set: the highest layer that set it. A flag has no
 * place in a file; a recipe field is found in the recipe, a project default in
 * briefwright.yaml.
 */
export function fieldLocator(layers: { config?: ProjectConfig; recipe?: RecipeFile; flags?: RecipeFields }): FieldLocator {
  return (key, index) => {
    const path = index === undefined ? [key] : [key, index];
    if (layers.flags?.[key] !== undefined) return undefined;
    if (layers.recipe && layers.recipe.fields[key] !== undefined) return layers.recipe.yaml.locate(path);
    if (layers.config?.yaml && layers.config.defaults[key] !== undefined) return layers.config.yaml.locate(['defaults', ...path]);
    return undefined;
  };
}

/**
 * Resolves merged fields into a request: aliases become ids, `all` expands, and a
 * one-off brief gets a name and title from its picks. `today` is the date used
 * when none is given (fixed by the caller so builds are reproducible). `where`
 * says where each field was set (by default: in the recipe, if any).
 */
export function resolveRequest(options: {
  fields: RecipeFields;
  taxonomy: Taxonomy;
  recipe?: RecipeFile;
  where?: FieldLocator;
  name?: string;
  today: string;
  /** The labels of a language, for the title of a brief that names none (default: an English title). */
  labels?: (lang: string) => TitleLabels;
}): BriefRequest {
  const { fields, taxonomy, recipe } = options;
  const where = options.where ?? fieldLocator({ recipe });
  const resolveIds = (facet: 'population' | 'topic', key: 'populations' | 'topics') =>
    (fields[key] ?? []).map((value, index) => taxonomy.resolve(facet, value, where(key, index)));
  let populations = resolveIds('population', 'populations');
  if (populations.length === 0) {
    throw new BriefwrightError('a brief needs at least one population (or all); pass --population or set populations:', {
      location: recipe ? { file: recipe.file } : undefined,
    });
  }
  const everyone = populations.includes(ALL);
  if (everyone) populations = taxonomy.populations.map((term) => term.id);
  const topics = resolveIds('topic', 'topics');
  const name = options.name ?? recipe?.name ?? nameFromPicks(everyone, populations, topics);
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(name)) {
    const fix = recipe ? '; rename the recipe file' : '';
    throw new BriefwrightError(`output name '${name}' must be letters, digits, '-', '_' or '.'${fix}`, { location: recipe ? { file: recipe.file } : undefined });
  }
  for (const key of ['template', 'theme'] as const) {
    const value = fields[key];
    if (value !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(value)) {
      throw new BriefwrightError(`${key} '${value}' must be a name (letters, digits, '-', '_'), not a path`, { location: where(key) });
    }
  }
  const lang = language(fields.lang ?? DEFAULTS.lang, where('lang'));
  const fallback = fields.fallback === undefined ? undefined : language(fields.fallback, where('fallback'));
  const locale = fields.locale ?? localeForLanguage(lang);
  if (!locale) {
    throw new BriefwrightError(`no citation locale for ${languageName(lang)}: set locale: (such as en-US or es-ES), or install CSL locales (Debian: citation-style-language-locales)`, {
      location: where('lang'),
    });
  }
  return {
    ...DEFAULTS,
    ...withoutUndefined(fields),
    lang,
    fallback,
    locale,
    name,
    recipe,
    title: fields.title ?? defaultTitle({ populations, topics, taxonomy, lang, everyone, labels: options.labels?.(lang) }),
    date: fields.date ?? options.today,
    populations: unique(populations),
    topics: unique(topics),
    include: fields.include ?? [],
    exclude: fields.exclude ?? [],
    nocite: fields.nocite ?? [],
    where,
  } as BriefRequest;
}

function language(value: string, location: SourceLocation | undefined): string {
  const tag = languageTag(value);
  if (!tag) throw new BriefwrightError(`'${value}' is not a language tag (such as en, es or es-MX)`, { location });
  return tag;
}

function nameFromPicks(everyone: boolean, populations: string[], topics: string[]): string {
  return [...(everyone ? [ALL] : populations), ...topics].join('-');
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
