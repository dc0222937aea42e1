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
  /** The entry's own text, so a build record can tell when this one entry changed. */
  source: string;
}
