import type { Labels } from './labels.js';
import { cssString } from './template-helpers.js';

const PAPER = {
  letter: { size: 'letter', height: '11in' },
  a4: { size: 'A4', height: '297mm' },
} as const;

/** What the head partial prints in the page rules: paper, and the page number in the foot. */
export interface PageSetup {
  /** CSS `size` of the page: `letter` or `A4`. */
  size: string;
  /** The sheet's height, for layouts that fill a page (a report's cover). */
  height: string;
  /** CSS `content` of the page number, or `none` for a brief of one page. */
  pageNumber: string;
  /** Whether the brief is composed as a single page. */
  singlePage: boolean;
}

/**
 * The page setup of a brief. Paper comes from the request, else the theme,
 * else Letter. A brief of one page prints no page number ("Page 1 of 1" tells
 * a reader nothing); whether it has one page is known after a first printing,
 * and until then a layout with a budget of one page is taken to fit it.
 */
export function pageSetup(options: { paper?: 'letter' | 'a4'; themePaper?: 'letter' | 'a4'; pageCount?: number; pageLimit?: number; labels: Labels }): PageSetup {
  const paper = PAPER[options.paper ?? options.themePaper ?? 'letter'];
  const singlePage = options.pageCount !== undefined ? options.pageCount === 1 : options.pageLimit === 1;
  return { ...paper, singlePage, pageNumber: singlePage ? 'none' : counterContent(options.labels) };
}

/** The label "Page {page} of {pages}" as CSS: `"Page " counter(page) " of " counter(pages)`. */
export function counterContent(labels: Labels): string {
  // Filled with markers, so the label's own words (and plural rules) stay the label file's.
  const page = '\u0001';
  const pages = '\u0002';
  return labels
    .text('pageOfPages', { page, pages })
    .split(/([\u0001\u0002])/)
    .filter((part) => part !== '')
    .map((part) => (part === page ? 'counter(page)' : part === pages ? 'counter(pages)' : cssString(part)))
    .join(' ');
}
