import { BriefwrightError } from '../errors.js';
import type { RecipeFields } from '../project/recipe.js';

/** Recipe fields that can be given as flags, with their help text. */
export const RECIPE_FLAGS = {
  population: { type: 'string', array: true, describe: 'Population id or alias (repeat or comma-separate); "all" for every population' },
  topic: { type: 'string', array: true, describe: 'Topic id or alias (repeat or comma-separate); none means any topic' },
  template: { type: 'string', describe: 'Layout: brief, handout, report, annotated-bibliography, or any in templates/' },
  format: { type: 'string', describe: 'Outputs to write: html, pdf, docx, or several (html,pdf,docx)' },
  style: { type: 'string', describe: 'Citation style: apa, vancouver, harvard1, a .csl file, or a CSL style id' },
  locale: { type: 'string', describe: 'Citation locale, such as en-US or es-MX (default: one that suits --lang)' },
  lang: { type: 'string', describe: 'The brief\'s language, such as en, es or es-MX: labels, dates, translated sections' },
  fallback: { type: 'string', describe: 'Language whose sections stand in for missing translations, such as en' },
  theme: { type: 'string', describe: 'Theme folder under styles/themes/' },
  title: { type: 'string', describe: 'Brief title' },
  subtitle: { type: 'string', describe: 'Brief subtitle' },
  audience: { type: 'string', describe: 'Who the brief is for' },
  author: { type: 'string', describe: 'Author shown in the PDF metadata' },
  organization: { type: 'string', describe: 'Organization shown in the title block' },
  date: { type: 'string', describe: 'Publication date, YYYY-MM-DD' },
  include: { type: 'string', array: true, describe: 'Section id to add regardless of tags' },
  exclude: { type: 'string', array: true, describe: 'Section id to leave out' },
  paper: { type: 'string', choices: ['letter', 'a4'], describe: 'Paper size of the PDF (default: the theme\'s, else letter)' },
  toc: { type: 'boolean', describe: 'Add a table of contents (with page numbers in the PDF) to any template' },
} as const;

/** The recipe flags as parsed. */
export type RecipeFlagValues = Partial<Record<keyof typeof RECIPE_FLAGS, unknown>>;

/** Command-line recipe flags as recipe fields; a flag not given stays undefined. */
export function flagsToFields(args: RecipeFlagValues): RecipeFields {
  const list = (value: unknown) =>
    Array.isArray(value) ? value.flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter(Boolean) : undefined;
  const text = (value: unknown) => (value === undefined ? undefined : String(value));
  const formats = list(args.format === undefined ? undefined : [args.format]);
  for (const format of formats ?? []) {
    if (format !== 'html' && format !== 'pdf' && format !== 'docx') {
      throw new BriefwrightError(`unknown format '${format}' (use html, pdf, docx, or several: html,pdf,docx)`, { kind: 'usage' });
    }
  }
  return {
    populations: list(args.population),
    topics: list(args.topic),
    template: text(args.template),
    formats: formats as RecipeFields['formats'],
    style: text(args.style),
    locale: text(args.locale),
    lang: text(args.lang),
    fallback: text(args.fallback),
    theme: text(args.theme),
    title: text(args.title),
    subtitle: text(args.subtitle),
    audience: text(args.audience),
    author: text(args.author),
    organization: text(args.organization),
    date: text(args.date),
    include: list(args.include),
    exclude: list(args.exclude),
    paper: text(args.paper) as RecipeFields['paper'],
    toc: args.toc as boolean | undefined,
  };
}
