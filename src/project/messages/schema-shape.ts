import type { z } from 'zod';

/** What a schema expects at one place in a document, as far as messages need to know. */
export interface FieldShape {
  /** The field's `.describe()` text: how to fill it in, said as an instruction. */
  hint?: string;
  /** The fields of an object, when the place holds one. */
  keys?: string[];
  /** Whether an object keeps fields it does not declare (a loose object). */
  loose?: boolean;
  /** The allowed values of an enum or literal. */
  values?: string[];
  /** The basic kind of value: 'array', 'string', 'number', 'boolean', 'object'. */
  kind?: string;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** Reads what `schema` expects at `path` (keys and list indexes); empty when the path leaves the schema. */
export function shapeAt(schema: z.ZodType, path: readonly (string | number)[]): FieldShape {
  let current: z.ZodType | undefined = schema;
  for (const part of path) {
    const unwrapped = unwrap(current);
    if (!unwrapped) return {};
    const def = defOf(unwrapped.schema);
    if (def.type === 'object' && typeof part === 'string') current = def.shape?.[part];
    else if (def.type === 'array' && typeof part === 'number') current = def.element;
    else return {};
  }
  const unwrapped = unwrap(current);
  if (!unwrapped) return {};
  const def = defOf(unwrapped.schema);
  const shape: FieldShape = { hint: unwrapped.hint, kind: def.type };
  if (def.type === 'object') {
    shape.keys = Object.keys(def.shape ?? {});
    shape.loose = def.catchall !== undefined && defOf(def.catchall).type === 'unknown';
  } else if (def.type === 'enum') {
    shape.values = Object.values(def.entries ?? {}).map(String);
    shape.kind = 'string';
  } else if (def.type === 'literal') {
    shape.values = (def.values ?? []).map(String);
  }
  return shape;
}

/** Strips optional, default and preprocessing wrappers, keeping the first description met. */
function unwrap(schema: z.ZodType | undefined): { schema: z.ZodType; hint?: string } | undefined {
  let hint: string | undefined;
  let current = schema;
  for (let depth = 0; current && depth < 20; depth += 1) {
    hint ??= current.description;
    const def = defOf(current);
    if (WRAPPERS.has(def.type)) current = def.innerType;
    // A preprocess is a pipe from a transform into the real schema.
    else if (def.type === 'pipe') current = def.in && defOf(def.in).type === 'transform' ? def.out : def.in;
    else return { schema: current, hint };
  }
  return undefined;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}
