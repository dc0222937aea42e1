import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BriefwrightError } from '../errors.js';
import { YamlFile } from './yaml-file.js';

const FORMATS = ['html', 'pdf', 'docx'] as const;

/** An output format. */
export type Format = (typeof FORMATS)[number];

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const name = (what: string) => z.string().regex(NAME, `a ${what} is named by letters, digits, '-' and '_' (no paths)`);
/** A style id, or a .csl file inside the project (a recipe cannot point outside it). */
const style = z
  .string()
  .refine(
    (value) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) || (/\.csl$/.test(value) && !value.startsWith('/') && !/^[A-Za-z]:/.test(value) && !value.split(/[\\/]/).includes('..')),
    'a style is an id (apa) or a .csl file inside the project (styles/csl/mine.csl)',
  );

const idList = z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(z.string()));

/** Every field a recipe (or the command line) may set; all optional until merged. */
export const recipeSchema = z.strictObject({
  title: z.string().optional(),
  subtitle: z.string().optional(),
  audience: z.string().optional(),
  author: z.string().optional(),
  organization: z.string().optional(),
  date: z.preprocess((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value), z.string()).optional(),
  populations: idList.optional(),
  topics: idList.optional(),
  include: idList.optional(),
  exclude: idList.optional(),
  template: name('template').optional(),
  formats: z.array(z.enum(FORMATS)).min(1).optional(),
  style: style.optional(),
  locale: z.string().optional(),
  lang: z.string().optional(),
  fallback: z.string().optional(),
  theme: name('theme').optional(),
  paper: z.enum(['letter', 'a4']).optional(),
  toc: z.boolean().optional(),
  nocite: z.union([z.literal('*'), idList]).optional(),
});

/** Recipe fields as written: any may be missing. */
export type RecipeFields = z.output<typeof recipeSchema>;

/** A recipe file as read from `briefs/`. */
export interface RecipeFile {
  /** Output base name: the file name without `.yaml`. */
  name: string;
  /** Project-relative path. */
  file: string;
  fields: RecipeFields;
  yaml: YamlFile;
  /** The file's text, for the build record. */
  source: string;
}

/** Reads and validates one recipe file. */
export async function readRecipe(root: string, file: string): Promise<RecipeFile> {
  const source = await readFile(path.join(root, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new BriefwrightError(`cannot read recipe: ${error.code === 'ENOENT' ? 'no such file' : error.message}`, {
      location: { file },
      cause: error,
    });
  });
  const yaml = YamlFile.parse(source, file);
  const fields = yaml.validate(recipeSchema, 'recipe');
  return { name: path.basename(file).replace(/\.ya?ml$/, ''), file, fields, yaml, source };
}
