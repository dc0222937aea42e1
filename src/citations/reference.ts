/** A bibliography entry as CSL-JSON (the shape citeproc reads). */
export type CslItem = { id: string; type: string; [field: string]: unknown };

/** One bibliography entry and where it was written. */
export interface Reference {
  id: string;
  item: CslItem;
  /** Project-relative file the entry came from. */
  file: string;
  /** Line of the entry's first character (1-based). */
  line: number;
  /** The entry's own text, as written. */
  source: string;
  /**
   * What the entry says, as canonical JSON of its item: a build record compares
   * this, so re-spacing or reordering an entry's fields changes nothing.
   */
  content: string;
}

/** The canonical JSON of an item: keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
