import type { CslItem } from './reference.js';

const NAME_VARIABLES = new Set([
  'author', 'chair', 'collection-editor', 'compiler', 'composer', 'container-author', 'contributor', 'curator',
  'director', 'editor', 'editorial-director', 'editor-translator', 'executive-producer', 'guest', 'host', 'illustrator',
  'interviewer', 'narrator', 'organizer', 'original-author', 'performer', 'producer', 'recipient', 'reviewed-author',
  'script-writer', 'series-creator', 'translator',
]);

const DATE_VARIABLES = new Set(['accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted']);

const NAME_PARTS = ['family', 'given', 'dropping-particle', 'non-dropping-particle', 'suffix', 'literal'];

/**
 * An item in the shape citeproc-js can always render: names as lists of name
 * objects, dates as equal-length date parts or a literal, every other variable
 * a string or number. citeproc-js throws on malformed data (a range whose ends
 * differ in precision, a language that is not a string), and one such item must
 * not stop a whole brief; what cannot be repaired is dropped.
 */
export function shapeCslItem(item: CslItem): CslItem {
  const shaped: CslItem = { id: String(item.id), type: typeof item.type === 'string' && item.type ? item.type : 'document' };
  for (const [variable, value] of Object.entries(item)) {
    if (variable === 'id' || variable === 'type' || value === null || value === undefined) continue;
    const fixed = NAME_VARIABLES.has(variable) ? shapeNames(value) : DATE_VARIABLES.has(variable) ? shapeDate(value) : shapeValue(variable, value);
    if (fixed !== undefined) shaped[variable] = fixed;
  }
  return shaped;
}

function shapeNames(value: unknown): object[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value.flatMap((name) => {
    if (!name || typeof name !== 'object') return typeof name === 'string' && name.trim() ? [{ literal: name.trim() }] : [];
    const shaped = Object.fromEntries(
      Object.entries(name as Record<string, unknown>).filter(([part, text]) => (NAME_PARTS.includes(part) && typeof text === 'string' && text.trim() !== '') || (part !== 'literal' && typeof text === 'boolean')),
    );
    return NAME_PARTS.some((part) => part in shaped) ? [shaped] : [];
  });
  return names.length > 0 ? names : undefined;
}

function shapeDate(value: unknown): object | undefined {
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() ? { literal: String(value).trim() } : undefined;
  if (!value || typeof value !== 'object') return undefined;
  const date = value as { 'date-parts'?: unknown; literal?: unknown; raw?: unknown; circa?: unknown; season?: unknown };
  const circa = date.circa === true || date.circa === 1 || date.circa === 'true' ? { circa: true } : {};
  const parts = Array.isArray(date['date-parts']) ? date['date-parts'].slice(0, 2).map(datePart) : [];
  const [start, end] = parts;
  if (start && start.length > 0) {
    if (!end) return { 'date-parts': [start], ...circa };
    // An open range ends in zeros; otherwise both ends give only the precision they share.
    if (end.length === 0 || end[0] === 0) return { 'date-parts': [start, start.map(() => 0)], ...circa };
    const length = Math.min(start.length, end.length);
    return { 'date-parts': [start.slice(0, length), end.slice(0, length)], ...circa };
  }
  for (const text of [date.literal, date.raw]) if (typeof text === 'string' && text.trim()) return { literal: text.trim(), ...circa };
  return undefined;
}

function datePart(part: unknown): number[] | undefined {
  if (!Array.isArray(part)) return undefined;
  const numbers: number[] = [];
  for (const value of part.slice(0, 3)) {
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isInteger(number)) break;
    numbers.push(number);
  }
  return numbers;
}

function shapeValue(variable: string, value: unknown): string | number | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (variable !== 'language' && Array.isArray(value) && value.every((part) => typeof part === 'string' || typeof part === 'number')) {
    return value.join(', ') || undefined;
  }
  return undefined;
}
