/**
 * Every fixed word the built-in templates print, in one table, so that a brief
 * in another language can swap the table whole. Templates read them as
 * `{{labels.NAME}}`; `{page}`, `{pages}` and `{number}` are filled in where the
 * label is used.
 */
export const ENGLISH_LABELS = {
  skipLink: 'Skip to main content',
  policyBrief: 'Policy brief',
  report: 'Report',
  annotatedBibliography: 'Annotated bibliography',
  factSheet: 'Fact sheet',
  keyTakeaways: 'Key takeaways',
  keyPoints: 'Key points',
  contents: 'Contents',
  /** Read before a page number in a table of contents, by screen readers only. */
  tocPage: 'page',
  preparedFor: 'Prepared for',
  for: 'For',
  date: 'Date',
  students: 'Students',
  topics: 'Topics',
  notes: 'Notes',
  references: 'References',
  sources: 'Sources',
  annotatedReferences: 'Annotated references',
  backToCitation: 'Back to the first citation of this work',
  /** The accessible name of a note's number in the text. */
  noteReference: 'Note {number}',
  backToNote: 'Back to the text of note {number}',
  figureCaption: 'Figure {number}.',
  tableCaption: 'Table {number}.',
  /** Cross-references: "Figure 2", "Table 1", "the section Title" ("The section" at the start of a sentence). */
  figureReference: 'Figure {number}',
  tableReference: 'Table {number}',
  sectionReference: 'the section {title}',
  sectionReferenceCapital: 'The section {title}',
  /** The page foot of a brief of more than one page; a one-page brief has no page number. */
  pageOfPages: 'Page {page} of {pages}',
} as const;

/** The labels a template can use. */
export type Labels = { readonly [K in keyof typeof ENGLISH_LABELS]: string };

/** A label with its `{name}` fields filled. */
export function fillLabel(label: string, fields: Record<string, string | number>): string {
  return label.replace(/\{(\w+)\}/g, (whole, name: string) => (name in fields ? String(fields[name]) : whole));
}
