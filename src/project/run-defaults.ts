import path from 'node:path';
import { localeForLanguage, resolveStyle, type CslStyle } from '../citations/styles.js';
import { DEFAULTS, mergeFields } from './brief-request.js';
import type { ProjectConfig } from './config.js';
import type { RecipeFields } from './recipe.js';

// What the briefs of a run get unless their recipes say otherwise, known from
// the project's settings and the command line alone: enough to start the
// browser and the citation engine before the project is loaded.

/**
 * Whether a brief of a run may want a PDF, from the formats the command line
 * and the project's defaults ask for. (A recipe may still ask for one.)
 */
export function mayPrint(config: ProjectConfig, fields?: RecipeFields): boolean {
  return mergeFields({ formats: DEFAULTS.formats }, config.defaults, fields).formats!.includes('pdf');
}

/**
 * The citation style and locale a brief of a run gets unless its recipe says
 * otherwise (the command line's, else the project's defaults), for building its
 * engine early; undefined if the style cannot be found (planning reports that).
 */
export function likelyCitationStyle(root: string, config: ProjectConfig, fields?: RecipeFields): { style: CslStyle; locale: string } | undefined {
  const merged = mergeFields({ style: DEFAULTS.style, lang: DEFAULTS.lang }, config.defaults, fields);
  const locale = merged.locale ?? localeForLanguage(merged.lang!);
  try {
    return locale === undefined ? undefined : { style: resolveStyle(merged.style!, { root: path.resolve(root) }), locale };
  } catch {
    return undefined;
  }
}
