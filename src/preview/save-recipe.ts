import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isSeq } from 'yaml';
import { z } from 'zod';
import { defaultDate } from '../project/brief-request.js';
import { LAYOUT } from '../project/load-project.js';
import { recipeSchema, type RecipeFields } from '../project/recipe.js';
import { writeFileAtomic } from '../render/write-file.js';
import { HttpError } from './http-error.js';

/** A recipe name a request may ask for: it becomes `briefs/<slug>.yaml`, so nothing else is allowed. */
export const RECIPE_SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** The part of a save request that says where the recipe goes. */
export const saveTargetSchema = z.strictObject({
  slug: z
    .string()
    .max(80, 'must be at most 80 characters')
    .regex(RECIPE_SLUG, 'must be lowercase letters, digits and hyphens, starting with a letter or digit'),
  overwrite: z.boolean().default(false),
});

/** Order of the fields in a saved recipe, as a person would write them. */
const FIELD_ORDER: (keyof RecipeFields)[] = ['title', 'subtitle', 'audience', 'date', 'populations', 'topics', 'template', 'style', 'theme', 'paper'];

/**
 * Writes `briefs/<slug>.yaml` from recipe fields, dated the day it is saved
 * (`today`) unless the fields give a date, so building it later gives the same
 * brief. An existing recipe of that name (`.yaml` or `.yml`) is a 409 unless
 * `overwrite`; without it the file is created exclusively, so two saves racing
 * cannot both win.
 */
export async function saveRecipe(options: {
  root: string;
  slug: string;
  fields: RecipeFields;
  overwrite: boolean;
  today?: string;
}): Promise<{ file: string; replaced: boolean }> {
  const { slug } = options;
  if (!RECIPE_SLUG.test(slug)) throw new HttpError(400, `recipe name '${slug}' must be lowercase letters, digits and hyphens`, { field: 'slug' });
  const dir = path.join(options.root, LAYOUT.briefs);
  const file = path.join(dir, `${slug}.yaml`);
  // The pattern already rules out separators and dots; this says why it is safe.
  if (path.dirname(file) !== dir) throw new HttpError(400, `recipe name '${slug}' is not a plain file name`, { field: 'slug' });
  const relative = `${LAYOUT.briefs}/${slug}.yaml`;
  const twin = path.join(dir, `${slug}.yml`);
  if (existsSync(twin)) {
    throw new HttpError(409, `${LAYOUT.briefs}/${slug}.yml already exists; choose another name`, { field: 'slug' });
  }
  const text = recipeYaml({ ...options.fields, date: options.fields.date ?? options.today ?? defaultDate() }, slug);
  const replaced = existsSync(file);
  await mkdir(dir, { recursive: true });
  if (options.overwrite) await writeFileAtomic(file, text);
  else {
    await writeFile(file, text, { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') throw new HttpError(409, `${relative} already exists; tick "replace" to overwrite it`, { field: 'slug' });
      throw error;
    });
  }
  return { file: relative, replaced: replaced && options.overwrite };
}

/** Recipe fields as YAML, lists in flow style, in the order of the README's example. */
export function recipeYaml(fields: RecipeFields, name: string): string {
  const checked = recipeSchema.parse(fields);
  const ordered = Object.fromEntries(FIELD_ORDER.filter((key) => checked[key] !== undefined).map((key) => [key, checked[key]]));
  const document = new Document(ordered);
  if (isMap(document.contents)) {
    for (const pair of document.contents.items) if (isSeq(pair.value)) pair.value.flow = true;
  }
  document.commentBefore = ` Saved from the briefwright preview; build it with: briefwright build ${name}`;
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}
