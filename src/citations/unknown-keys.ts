import { BriefwrightError } from '../errors.js';
import { didYouMean } from '../project/suggest.js';
import type { LocatedCitation } from '../compose/markdown.js';

/** One problem for each cited key the bibliography lacks, at the key, with the nearest keys. */
export function unknownKeys(citations: readonly LocatedCitation[], known: ReadonlyMap<string, unknown>): BriefwrightError[] {
  return citations.flatMap(({ match, keyLocations }) =>
    match.items.flatMap((item, index) =>
      known.has(item.key)
        ? []
        : [new BriefwrightError(`unknown citation key '${item.key}'${didYouMean(item.key, known.keys())}`, { location: keyLocations[index] })],
    ),
  );
}
