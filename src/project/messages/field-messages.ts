import type { z } from 'zod';
import { shapeAt } from './schema-shape.js';
import { didYouMean, nearest } from '../suggest.js';

/**
 * The wording of every message about a YAML file or a field in one: recipes,
 * front matter, the taxonomy, settings files. Each says what is wrong in the
 * user's words and, where one exists, the fix, so every schema read through
 * YamlFile speaks alike.
 */

type Path = (string | number)[];

/** A problem with a field, and whether it is shown at the field's key or its value. */
export interface FieldProblem {
  message: string;
  path: Path;
  at: 'key' | 'value';
}

/** What a schema problem is explained against: the schema, the data it rejected, and what the file is. */
export interface IssueContext {
  schema: z.ZodType;
  data: unknown;
  /** What the document is, for messages about it as a whole: 'recipe', 'front matter'. */
  what: string;
}

/** Explains a schema's issues, one problem each; a missing field that a misspelled one explains is left out. */
export function explainIssues(issues: readonly z.core.$ZodIssue[], context: IssueContext): FieldProblem[] {
  const misspelled = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const parent = cleanPath(issue.path);
    const keys = shapeAt(context.schema, parent).keys ?? [];
    for (const key of issue.keys) {
      const guess = nearest(key, keys, 1)[0];
      if (guess) misspelled.add(JSON.stringify([...parent, guess]));
      const known = guess ? didYouMean(key, keys) : keys.length > 0 ? ` (known fields: ${keys.join(', ')})` : '';
      problems.push({ message: `unknown field '${key}'${known}`, path: [...parent, key], at: 'key' });
    }
  }
  for (const miss of looseMisspellings(context.schema, context.data, [])) {
    misspelled.add(JSON.stringify(miss.meant));
    problems.push(miss.problem);
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = cleanPath(issue.path);
    const value = valueAt(context.data, path);
    if (value === undefined && misspelled.has(JSON.stringify(path))) continue;
    problems.push(explainIssue(issue, path, value, context));
  }
  return problems;
}

function explainIssue(issue: z.core.$ZodIssue, path: Path, value: unknown, context: IssueContext): FieldProblem {
  const shape = shapeAt(context.schema, path);
  const field = subject(path, context.what);
  const hint = shape.hint ?? (shape.values ? `use one of: ${shape.values.join(', ')}` : undefined);
  const at = (message: string, where: FieldProblem['at'] = 'value'): FieldProblem => ({ message, path, at: where });
  const custom = !/^(Invalid|Too (small|big)|Unrecognized|Expected)/.test(issue.message);
  const expected = issue.code === 'invalid_type' ? issue.expected : (shape.kind ?? '');
  if (value === undefined && issue.code !== 'custom' && path.length > 0) {
    return at(`${owner(path.slice(0, -1), context)} has no '${field}'${colon(hint)}`, 'key');
  }
  if (value === null && path.length > 0) return at(`${field} is empty${colon(hint ?? fillIn(expected))}`, 'key');
  switch (issue.code) {
    case 'invalid_type':
      return at(`${field} should be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describe(value)}${typeFix(issue.expected, value, path) ?? ""}`);
    case 'invalid_value':
      if (typeof value === 'string' && issue.values.length > 1) {
        const values = issue.values.map(String);
        const suggestion = didYouMean(value, values);
        return at(`unknown ${field} '${value}'${suggestion || `; use one of: ${values.join(', ')}`}`);
      }
      return at(`${field} should be ${issue.values.map((v) => `'${String(v)}'`).join(' or ')}, not ${describe(value)}`);
    case 'too_small':
    case 'too_big': {
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (custom && issue.origin !== 'number') return at(`${field} ${isEmpty(value) ? 'is empty' : 'is too short'}: ${issue.message}`, isEmpty(value) ? 'key' : 'value');
      if (isEmpty(value) && issue.code === 'too_small') return at(`${field} is empty${colon(hint ?? fillIn(issue.origin))}`, 'key');
      return at(`${field} ${bound(issue.code, issue.origin, limit, issue.inclusive ?? true)}${issue.origin === 'number' ? `, not ${describe(value)}` : ''}${colon(hint)}`);
    }
    case 'invalid_format':
      return at(`${field} ${describe(value)}: ${custom ? issue.message : `is not written as expected${colon(hint)}`}`);
    case 'custom':
      return at(typeof value === 'string' ? `${field} '${value}': ${issue.message}` : path.length > 0 ? `${field}: ${issue.message}` : issue.message);
    case 'invalid_union':
      return at(`${field} cannot be ${describe(value)}${colon(custom ? issue.message : hint)}`);
    default:
      return at(`${field}: ${issue.message}`);
  }
}

/** Fields of loose objects (kept for templates) that look like a known field mistyped, and that field is absent. */
function looseMisspellings(schema: z.ZodType, data: unknown, path: Path): { problem: FieldProblem; meant: Path }[] {
  const shape = shapeAt(schema, path);
  const found: { problem: FieldProblem; meant: Path }[] = [];
  if (Array.isArray(data) && shape.kind === 'array') {
    data.forEach((item, index) => found.push(...looseMisspellings(schema, item, [...path, index])));
  } else if (isRecord(data) && shape.keys) {
    for (const [key, value] of Object.entries(data)) {
      if (shape.keys.includes(key)) found.push(...looseMisspellings(schema, value, [...path, key]));
      else if (shape.loose) {
        const guess = nearest(key, shape.keys.filter((known) => !(known in data)), 1)[0];
        if (guess) found.push({ problem: { message: `unknown field '${key}' (did you mean '${guess}'?)`, path: [...path, key], at: 'key' }, meant: [...path, guess] });
      }
    }
  }
  return found;
}

/** Fields of loose objects that look mistyped, as problems (a strict schema reports its own). */
export function misspelledFields(context: IssueContext): FieldProblem[] {
  return looseMisspellings(context.schema, context.data, []).map(({ problem }) => problem);
}

const EXPECTED: Record<string, string> = {
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: "fields written 'name: value', one a line",
};

function fillIn(kind: string): string {
  switch (kind) {
    case 'array':
      return 'list at least one value in brackets, such as [a, b]';
    case 'number':
    case 'int':
      return 'write a number';
    case 'boolean':
      return 'write true or false';
    case 'object':
      return 'add its fields on the lines below, indented';
    default:
      return "write a value after the ':'";
  }
}

/** A concrete fix for a value of the wrong type, when one is obvious. */
function typeFix(expected: string, value: unknown, path: Path): string | undefined {
  const key = path.at(-1);
  const name = typeof key === 'string' ? `${key}: ` : '';
  if (expected === 'array' && typeof value === 'string' && /^-\S/.test(value)) return "; a list item is a dash, a space, then the value ('- item')";
  if (expected === 'array' && (typeof value === 'string' || typeof value === 'number')) return `; write ${name}[${value}]`;
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return `; put it in quotes: ${name}"${value}"`;
  if (expected === 'string' && typeof value === 'object') return '; if it is text, put it in quotes';
  if ((expected === 'number' || expected === 'int') && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return '; remove the quotes';
  if (expected === 'boolean' && typeof value === 'string' && /^(yes|no|on|off|true|false)$/i.test(value)) return `; write ${name}${/^(yes|on|true)$/i.test(value)}`;
  if (expected === 'object' && typeof value === 'string' && /[^\s:]:[^\s:]/.test(value)) return "; put a space after each ':'";
  if (expected === 'object' && Array.isArray(value)) return "; remove the '- ' before each field";
  return undefined;
}

function bound(code: 'too_small' | 'too_big', origin: string, limit: number, inclusive: boolean): string {
  const unit = origin === 'array' ? ' entries' : origin === 'string' ? ' characters' : '';
  if (code === 'too_small') return inclusive ? `needs at least ${limit}${unit}` : `must be more than ${limit}${unit}`;
  return inclusive ? `allows at most ${limit}${unit}` : `must be less than ${limit}${unit}`;
}

/** The field a path names: its key, or for a list entry the list's name in the singular. */
function subject(path: Path, what: string): string {
  const last = path.at(-1);
  if (typeof last === 'number') {
    const list = path.at(-2);
    return typeof list === 'string' ? singular(list) : 'entry';
  }
  return last ?? what;
}

/** The object that holds a field: the document, or a list entry named by its id where it has one. */
function owner(path: Path, context: IssueContext): string {
  const last = path.at(-1);
  if (last === undefined) return context.what;
  if (typeof last === 'string') return last;
  const entry = valueAt(context.data, path);
  const id = isRecord(entry) ? (entry.id ?? entry.name) : undefined;
  const noun = subject(path, context.what);
  return typeof id === 'string' ? `${noun} '${id}'` : `${noun} ${last + 1}`;
}

/** A value as a message names it. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a group of fields';
  return String(value);
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(s|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

function colon(text: string | undefined): string {
  return text ? `: ${text}` : '';
}

function isEmpty(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'string' && value.trim() === '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

function cleanPath(path: readonly PropertyKey[]): Path {
  return path.filter((part): part is string | number => typeof part !== 'symbol');
}
