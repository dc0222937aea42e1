import { IntlMessageFormat } from 'intl-messageformat';
import { BriefwrightError, type SourceLocation } from '../errors.js';

/**
 * Labels briefwright itself prints, not a template: kind headings, caption and
 * cross-reference words, note links, the page number, the logo's fallback
 * text and the title of a brief that names none. Every language a brief is
 * written in needs them.
 */
export const CODE_LABELS = [
  'kindBackground',
  'kindBarrier',
  'kindEvidence',
  'kindPractice',
  'kindRecommendation',
  'figureCaption',
  'tableCaption',
  'figureReference',
  'tableReference',
  'sectionReference',
  'sectionReferenceCapital',
  'noteReference',
  'backToNote',
  'pageOfPages',
  'logo',
  'titleForTopics',
  'titleAnyTopic',
  'allStudents',
] as const;

/** One label as a label file gives it. */
export interface LabelEntry {
  /** ICU message text: `Page {page} of {pages}`, `{count, plural, one {# work} other {# works}}`. */
  text: string;
  /** Where the text was set. */
  location: SourceLocation;
}

/**
 * The fixed words of a brief in one language. Texts are ICU messages, so a
 * label can have fields (`{number}`) and plural forms, formatted by the rules
 * of the language.
 */
export class Labels {
  private readonly formats = new Map<string, IntlMessageFormat>();
  private texts?: Record<string, string>;

  constructor(
    /** The language tag the labels are for. */
    readonly lang: string,
    private readonly entries: ReadonlyMap<string, LabelEntry>,
  ) {}

  /** Whether the language has a label of this name. */
  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Every label name, sorted. */
  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Where a label's text was set. */
  where(name: string): SourceLocation | undefined {
    return this.entries.get(name)?.location;
  }

  /** A label's text with its fields filled in. */
  text(name: string, fields: Record<string, string | number> = {}): string {
    const entry = this.entries.get(name);
    if (!entry) throw new BriefwrightError(`no label '${name}' in language '${this.lang}'`);
    let format = this.formats.get(name);
    if (!format) this.formats.set(name, (format = new IntlMessageFormat(entry.text, this.lang)));
    try {
      return String(format.format(fields));
    } catch (error) {
      throw new BriefwrightError(`label '${name}': ${(error as Error).message}`, { location: entry.location, cause: error });
    }
  }

  /**
   * Every label as text for templates (`{{labels.NAME}}`). A label with fields
   * keeps them unfilled; templates fill them with `{{label "NAME" field=value}}`.
   */
  strings(): Record<string, string> {
    if (!this.texts) {
      this.texts = {};
      for (const [name, entry] of this.entries) this.texts[name] = fieldsOf(entry.text).size === 0 ? this.text(name) : entry.text;
    }
    return this.texts;
  }
}

/**
 * The fields a label's message uses (`{page}`, the count of a plural), found in
 * its parsed form; a message that does not parse is an error at its location.
 */
export function fieldsOf(text: string, location?: SourceLocation): Set<string> {
  let elements: unknown;
  try {
    elements = new IntlMessageFormat(text, 'en').getAst();
  } catch (error) {
    throw new BriefwrightError(`label text is not a valid message: ${(error as Error).message}`, { location, cause: error });
  }
  const fields = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const element = node as { type?: number; value?: unknown; options?: Record<string, { value: unknown }>; children?: unknown };
    // Arguments, numbers, dates, times, selects and plurals (types 1–6) name a field in `value`.
    if (typeof element.type === 'number' && element.type >= 1 && element.type <= 6 && typeof element.value === 'string') fields.add(element.value);
    for (const option of Object.values(element.options ?? {})) visit(option.value);
    visit(element.children);
  };
  visit(elements);
  return fields;
}
