import { BriefwrightError } from '../errors.js';
import { didYouMean } from '../project/suggest.js';
import type { LocatedCitation } from '../compose/markdown.js';

/**
 * One problem for each cited key the bibliography lacks, at the key, with the
 * nearest keys. A key whose entry is there but could not be read gets its
 * entry's own problem and, once, "not read, see above" at its first citation.
 */
export function unknownKeys(
  citations: readonly LocatedCitation[],
  known: ReadonlyMap<string, unknown>,
  unreadable: ReadonlyMap<string, BriefwrightError> = new Map(),
): BriefwrightError[] {
  const reported = new Set<string>();
  return citations.flatMap(({ match, keyLocations }) =>
    match.items.flatMap((item, index) => {
      if (known.has(item.key)) return [];
      const problem = unreadable.get(item.key);
      if (!problem) return [new BriefwrightError(`unknown citation key '${item.key}'${didYouMean(item.key, known.keys())}`, { location: keyLocations[index] })];
      if (reported.has(item.key)) return [];
      reported.add(item.key);
      return [problem, new BriefwrightError(`citation key '${item.key}' not read, see above`, { location: keyLocations[index] })];
    }),
  );
}
