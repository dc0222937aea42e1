import type { ComposedBrief } from '../compose/compose-brief.js';

/** A composed brief and, when asked for, its PDF. */
export interface RenderedBrief {
  composed: ComposedBrief;
  pdf?: { bytes: Uint8Array; pages: number };
  /** Set when the PDF has more pages than its layout allows. */
  overBudget?: { pages: number; limit: number };
}

/** What a first printing tells a second composition. */
export interface Printing {
  /** PDF page of each element id (for tables of contents). */
  pages?: ReadonlyMap<string, number>;
  /** How many pages the brief had. */
  pageCount?: number;
}

/** The page of each named destination of a PDF (pdf-lib loads only when a PDF is read). */
async function namedDestinationPages(bytes: Uint8Array): Promise<Map<string, number>> {
  return (await import('./pdf-destinations.js')).namedDestinationPages(bytes);
}

/**
 * Composes a brief and prints it. A brief with a table of contents is printed
 * twice: the first printing tells which page each section starts on, and the
 * numbers take no more room than the blanks they replace, so pages stay put.
 * A brief composed as one page that prints on more (or the other way round) is
 * composed again with its page count, so its foot says "Page 1 of 2" or, on a
 * single page, nothing.
 */
export async function renderBrief(options: {
  compose: (printing?: Printing) => ComposedBrief | Promise<ComposedBrief>;
  print?: (html: string) => Promise<{ bytes: Uint8Array; pages: number }>;
  /** The layout always has a table of contents (a brief's own `toc` is read from the composed brief). */
  toc?: boolean;
  /** The page count to compose with before the first print, when there is a good guess (see page-count-guess.ts). */
  pageCount?: number;
}): Promise<RenderedBrief> {
  let composed = await options.compose(options.pageCount === undefined ? undefined : { pageCount: options.pageCount });
  if (!options.print) return { composed };
  let pdf = await options.print(composed.html);
  if (options.toc || composed.toc) {
    composed = await options.compose({ pages: await namedDestinationPages(pdf.bytes), pageCount: pdf.pages });
    pdf = await options.print(composed.html);
  }
  if (composed.singlePage !== (pdf.pages === 1)) {
    const pages = composed.toc ? await namedDestinationPages(pdf.bytes) : undefined;
    composed = await options.compose({ pages, pageCount: pdf.pages });
    pdf = await options.print(composed.html);
  }
  const limit = composed.pageLimit;
  return { composed, pdf, overBudget: limit !== undefined && pdf.pages > limit ? { pages: pdf.pages, limit } : undefined };
}
