import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BriefwrightError } from '../errors.js';
import { YamlFile } from './yaml-file.js';

const FORMATS = ['html', 'pdf', 'docx'] as const;

/** An output format. */
export type Format = (typeof FORMATS)[number];

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const name = () => z.string().regex(NAME, "must be a name of letters, digits, '-' and '_' (no paths)");
/** A style id, or a .csl file inside the project (a recipe cannot point outside it). */
const style = z
  .string()
  .refine(
    (value) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value) || (/\.csl$/.test(value) && !value.startsWith('/') && !/^[A-Za-z]:/.test(value) && !value.split(/[\\/]/).includes('..')),
    'a style is an id (apa) or a .csl file inside the project (styles/csl/mine.csl)',
  );

/** A list of ids; one id, or several separated by commas, may be written without brackets. */
/** A date as ISO (2026, 2026-11, 2026-11-23) or free text ("Fall 2026"); all-number dates in another order are ambiguous. */
const date = z
  .preprocess((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value), z.string())
  .refine((value) => !/^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(value) || /^\d{4}-\d{2}-\d{2}$/.test(value), 'write the date as YYYY-MM-DD, such as 2026-11-23');
const languageTag = (example: string) =>
  z.string().regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, `must be a language code, such as ${example}`);

const idList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter(Boolean) : value),
  z.array(z.string()),
);

/** Every field a recipe (or the command line) may set; all optional until merged. */
export const recipeSchema = z.strictObject({
  title: z.string().optional(),
  subtitle: z.string().optional(),
  audience: z.string().optional(),
  author: z.string().optional(),
  organization: z.string().optional(),
  date: date.optional().describe('the publication date, such as 2026-11-23'),
  populations: idList.optional().describe('list at least one population id, or [all]'),
  topics: idList.optional().describe('list topic ids, or leave the field out for any topic'),
  include: idList.optional().describe('list the ids of sections to add'),
  exclude: idList.optional().describe('list the ids of sections to leave out'),
  template: name().optional().describe('a template name, such as brief or handout'),
  formats: z.array(z.enum(FORMATS)).min(1).optional().describe('list any of html, pdf and docx: [html, pdf]'),
  style: style.optional().describe('a citation style id, such as apa, or a .csl file'),
  locale: languageTag('en-US or en-GB').optional().describe('a citation locale, such as en-US'),
  lang: languageTag('en or es').optional().describe('a language code, such as en or es'),
  fallback: languageTag('en').optional().describe('the language whose sections stand in for missing translations, such as en'),
  theme: name().optional().describe('a theme name, such as default'),
  paper: z.enum(['letter', 'a4']).optional(),
  toc: z.boolean().optional().describe('true for a table of contents, false for none'),
  nocite: z.union([z.literal('*'), idList]).optional().describe("'*' for every reference, or a list of reference keys"),
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
