import type { ComposedBrief } from '../compose/compose-brief.js';
import { namedDestinationPages } from './pdf-destinations.js';

/** A composed brief and, when asked for, its PDF. */
export interface RenderedBrief {
  composed: ComposedBrief;
  pdf?: { bytes: Uint8Array; pages: number };
  /** Set when the PDF has more pages than its layout allows. */
  overBudget?: { pages: number; limit: number };
}

/**
 * Composes a brief and prints it. A layout with a table of contents is printed
 * twice: the first printing tells which page each section starts on, and the
 * numbers take no more room than the blanks they replace, so pages stay put.
 */
export async function renderBrief(options: {
  compose: (pages?: ReadonlyMap<string, number>) => ComposedBrief | Promise<ComposedBrief>;
  print?: (html: string) => Promise<{ bytes: Uint8Array; pages: number }>;
  toc: boolean;
}): Promise<RenderedBrief> {
  let composed = await options.compose();
  if (!options.print) return { composed };
  let pdf = await options.print(composed.html);
  if (options.toc) {
    composed = await options.compose(await namedDestinationPages(pdf.bytes));
    pdf = await options.print(composed.html);
  }
  const limit = composed.pageLimit;
  return { composed, pdf, overBudget: limit !== undefined && pdf.pages > limit ? { pages: pdf.pages, limit } : undefined };
}
