import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { LAYOUT } from './load-project.js';
import { recipeSchema } from './recipe.js';
import { YamlFile } from './yaml-file.js';

/** The optional project settings file. */
export const CONFIG_FILE = LAYOUT.config;

const configSchema = z.strictObject({
  /** Browser used to print PDFs (see the lookup order in the README). */
  chrome: z.string().optional().describe('the path to Chrome or Chromium'),
  /** Recipe fields every brief of the project starts from. */
  defaults: recipeSchema.default({}).describe('recipe fields every brief starts from, indented below defaults:'),
});

/** Project-wide settings from `briefwright.yaml`, and the file they came from (to point at a setting). */
export type ProjectConfig = z.output<typeof configSchema> & { yaml?: YamlFile };

/** Reads `briefwright.yaml` if the project has one. */
export async function loadConfig(root: string): Promise<ProjectConfig> {
  const file = path.join(root, CONFIG_FILE);
  if (!existsSync(file)) return configSchema.parse({});
  const yaml = YamlFile.parse(await readFile(file, 'utf8'), CONFIG_FILE);
  return { ...yaml.validate(configSchema, 'project settings'), yaml };
}
