import type Handlebars from 'handlebars';
import { BriefwrightError } from '../errors.js';
import type { Labels } from './labels.js';

/** Registers the helpers every briefwright template may use. */
export function registerHelpers(handlebars: typeof Handlebars): void {
  handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  handlebars.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : '',
  );
  /** "2026-11-23" → "November 23, 2026" in the brief's language; other text is left alone. */
  // Building an Intl.DateTimeFormat costs about a millisecond; briefs reuse a few.
  const formats = new Map<string, Intl.DateTimeFormat>();
  handlebars.registerHelper('formatDate', (value: unknown, lang: unknown) => formatDate(String(value ?? ''), String(lang ?? 'en'), formats));
  /** `{{label "NAME" field=value}}`: a label of the brief's language with its fields filled. */
  handlebars.registerHelper('label', (name: unknown, options: Handlebars.HelperOptions) => {
    const labels = (options.data as { labels?: Labels } | undefined)?.labels;
    if (!labels) throw new BriefwrightError(`{{label "${String(name)}"}} used where no labels are known`);
    return labels.text(String(name), options.hash as Record<string, string | number>);
  });
  /** A value safe inside a CSS string literal (for `content:` in @page rules). */
  handlebars.registerHelper('cssString', (value: unknown) => new handlebars.SafeString(cssString(String(value ?? ''))));
}

/** Formats an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) for readers; anything else is returned as is. */
export function formatDate(value: string, lang: string, formats = new Map<string, Intl.DateTimeFormat>()): string {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const date = new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)));
  const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (month) options.month = 'long';
  if (day) options.day = 'numeric';
  const key = `${lang}|${Boolean(month)}|${Boolean(day)}`;
  let formatter = formats.get(key);
  if (!formatter) formats.set(key, (formatter = new Intl.DateTimeFormat(lang, options)));
  return formatter.format(date);
}

/** A double-quoted CSS string with quotes, backslashes and line breaks escaped. */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/[\n\r]+/g, ' ').replace(/</g, '\\3c ')}"`;
}
