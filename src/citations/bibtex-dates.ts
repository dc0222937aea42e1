/** A date as CSL-JSON gives it. */
export interface CslDate {
  'date-parts'?: (number | string)[][];
  circa?: boolean;
  literal?: string;
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Reads a biblatex date field (ISO 8601-2 as biblatex allows it): `2004`,
 * `2004-10`, `2004-10-27`, ranges `1988/1992`, open ranges `1999-10-14/`,
 * `1999/..` and `/1999`, approximate `1995~` and uncertain `1995?` dates,
 * unspecified digits (`19XX`, `20uu`: the century or decade as a range),
 * seasons (`2004-21`), long years (`y-123456789`), a time after `T`. Years are
 * astronomical, as in ISO 8601: year 0 is 1 BC, so `-0343` is 344 BC. Anything
 * else is kept as written.
 */
export function parseDateField(raw: string): CslDate | undefined {
  const value = raw.trim().replace(/\u00a0/g, '~');
  if (!value) return undefined;
  const ends = value.split('/');
  if (ends.length > 2) return { literal: value };
  const [from = '', to] = ends;
  const isOpen = (end: string) => end === '' || end === '..' || /^(open|unknown)$/i.test(end);
  const start = isOpen(from) ? undefined : parsePoint(from);
  const end = to === undefined ? undefined : isOpen(to) ? 'open' : parsePoint(to);
  if ((!isOpen(from) && !start) || (to !== undefined && !end)) return { literal: value };
  if (!start) return end && end !== 'open' ? { 'date-parts': [end.last], ...(end.circa ? { circa: true } : {}) } : { literal: value };
  const last = end === 'open' ? start.first.map(() => 0) : end ? end.last : start.last;
  const date: CslDate = { 'date-parts': last === start.first ? [start.first] : [start.first, last] };
  if (start.circa || (end !== 'open' && end?.circa)) date.circa = true;
  return date;
}

/** One end of a date: its first and last day (they differ for `19XX`), and whether it is approximate. */
function parsePoint(text: string): { first: number[]; last: number[]; circa: boolean } | undefined {
  const match = /^(y?[+-]?\d+|\d{2}[Xu]{2}|\d{3}[Xu])(?:-(\d{2}|XX|uu))?(?:-(\d{2}|XX|uu))?(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?([~?%]*)$/.exec(text.trim());
  if (!match) return undefined;
  const written = match[1]!.replace(/^y/, '');
  // More than four digits only with biblatex's `y` prefix for long years.
  if (!match[1]!.startsWith('y') && written.replace(/^[+-]/, '').length > 4) return undefined;
  const circa = /[~%]/.test(match[4]!);
  const astronomical = (year: number) => (year <= 0 ? year - 1 : year);
  const unspecified = /[Xu]/.test(written);
  const firstYear = astronomical(Number(written.replace(/[Xu]/g, '0')));
  const lastYear = astronomical(Number(written.replace(/[Xu]/g, '9')));
  const first = [firstYear];
  if (!unspecified && match[2] && /\d/.test(match[2])) {
    const month = Number(match[2]);
    // Seasons are written as months 21-24 (spring ... winter), as CSL's seasons 13-16.
    first.push(month >= 21 && month <= 24 ? month - 8 : month);
    if (match[3] && /\d/.test(match[3])) first.push(Number(match[3]));
  }
  if (first[1] !== undefined && (first[1] < 1 || first[1] > 16)) return undefined;
  if (first[2] !== undefined && (first[2] < 1 || first[2] > 31)) return undefined;
  return { first, last: unspecified ? [lastYear] : first, circa };
}

/** Reads the BibTeX-style `year`, `month` and `day` fields (with a prefix such as `orig` or `url`). */
export function parseYearMonthDay(year: string | undefined, month: string | undefined, day: string | undefined): CslDate | undefined {
  if (!year) return undefined;
  const numericYear = /^\s*(-?\d{1,4})\s*$/.exec(year.replace(/^[–—]/, '-'))?.[1];
  if (!numericYear) {
    const range = /^\s*(\d{4})\s*[-–—/]+\s*(\d{4})\s*$/.exec(year);
    if (range) return { 'date-parts': [[Number(range[1])], [Number(range[2])]] };
    return parseDateField(year) ?? { literal: year.trim() };
  }
  const parts = [Number(numericYear)];
  const monthNumber = month ? parseMonth(month) : undefined;
  if (monthNumber) {
    parts.push(monthNumber);
    const dayNumber = day && /^\s*\d{1,2}\s*$/.test(day) ? Number(day) : undefined;
    if (dayNumber) parts.push(dayNumber);
  }
  return { 'date-parts': [parts] };
}

function parseMonth(month: string): number | undefined {
  const text = month.trim().toLowerCase();
  if (/^\d{1,2}$/.test(text)) {
    const number = Number(text);
    return number >= 1 && number <= 12 ? number : undefined;
  }
  const index = MONTH_NAMES.indexOf(text.slice(0, 3));
  return index === -1 ? undefined : index + 1;
}
