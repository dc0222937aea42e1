import type { Reference } from './reference.js';

const ARTICLES = new Set(['article-journal', 'article-magazine', 'article-newspaper']);

/**
 * A warning for each cited entry that lacks what a style needs to print it: a
 * title (without one an entry prints as "Halle. (2014)."), and for an article
 * the periodical it appeared in. Each names the entry's file and line.
 */
export function thinReferenceWarnings(references: Iterable<Reference>, cited: ReadonlySet<string>): string[] {
  const warnings: string[] = [];
  for (const reference of references) {
    if (!cited.has(reference.id)) continue;
    const { item } = reference;
    const missing = [...(item.title ? [] : ['title']), ...(ARTICLES.has(item.type) && !item['container-title'] ? ['journal (journaltitle field)'] : [])];
    if (missing.length === 0) continue;
    warnings.push(
      `${reference.file}:${reference.line}: reference '${reference.id}' has no ${missing.join(' and no ')}, so its entry prints incompletely; add ${missing.length > 1 ? 'them' : 'it'} from the work's record`,
    );
  }
  return warnings;
}
