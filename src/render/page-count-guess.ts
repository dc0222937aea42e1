/**
 * A guess, before a brief is first printed, of whether it fits on one page.
 *
 * Whether the foot carries a page number is decided by the page count (a brief
 * of one page has none), and the page count is known only once the brief is
 * printed; a brief composed on the wrong assumption is composed and printed
 * again. In a batch, the briefs of a layout (template, theme, paper, language)
 * already printed tell the next ones, from their words and pages:
 *
 * - one of w words on p > 1 pages filled its first p - 1 pages, so a first
 *   page (which holds no more than the others: it also carries the title)
 *   holds fewer than w / (p - 1) words: a brief with at least that many does
 *   not fit on one;
 * - a brief with no more words than one that fitted on a page fits too, and
 *   so, with room to spare for the title, does one of no more than three
 *   quarters of the words a page of a longer brief held on average.
 *
 * Between the two bounds, the nearer one decides (by ratio: the geometric
 * mean is the middle). Until briefs of its layout have printed, what any page
 * holds stands in: a brief of at most FITS_ANY_PAGE words fits on one page of
 * Letter or A4, and one of at least OVERFLOWS_ANY_PAGE does not; between
 * those, the layout's own page budget decides, as it always did.
 *
 * Only a guess: every brief is still printed and checked, and one guessed
 * wrong is composed and printed again, so the outputs never depend on it,
 * only how many prints they take.
 */
export class PageCountGuess {
  /** Per layout, the most words seen to fit on a page and the fewest seen to overflow one. */
  private readonly seen = new Map<string, { fits?: number; overflows?: number }>();

  /**
   * The page count to compose with before the first print: 1, or 2 for "more
   * than one" (only whether it is one matters), or undefined when nothing
   * printed yet tells.
   */
  guess(layout: string, words: number): 1 | 2 | undefined {
    const known = this.seen.get(layout);
    const fits = known?.fits ?? FITS_ANY_PAGE;
    const overflows = known?.overflows ?? OVERFLOWS_ANY_PAGE;
    if (words <= fits) return 1;
    if (words >= overflows) return 2;
    if (!known) return undefined;
    return words < Math.sqrt(fits * overflows) ? 1 : 2;
  }

  /** Notes how many pages a brief of `words` words printed on. */
  note(layout: string, words: number, pages: number): void {
    const known = { ...this.seen.get(layout) };
    const fits = pages === 1 ? words : Math.floor((0.75 * words) / pages);
    known.fits = Math.max(known.fits ?? fits, fits);
    if (pages > 1) known.overflows = Math.min(known.overflows ?? Infinity, words / (pages - 1));
    this.seen.set(layout, known);
  }
}

/**
 * What any brief's page holds, by its words (the sections' and the reference
 * list's). A Letter or A4 page at 14 pt with a title block holds about 250
 * words, so 150 fit whatever the layout, short of a large figure. At 8.5 pt in
 * two columns it holds about 1,300, so 1,500 never fit.
 */
const FITS_ANY_PAGE = 150;
const OVERFLOWS_ANY_PAGE = 1500;

/** The words of a brief's sections and reference list, for the guess. */
export function countWords(texts: readonly string[]): number {
  let words = 0;
  for (const text of texts) words += text.split(/\s+/).filter(Boolean).length;
  return words;
}
