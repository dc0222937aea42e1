import { sameLanguage } from './language-tags.js';
import type { Taxonomy } from './taxonomy.js';

/** The labels a default title is made from (a brief's Labels). */
export interface TitleLabels {
  text(name: string, fields?: Record<string, string>): string;
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/**
 * The title of a brief that names none, from its picks, in its language:
 * "Technology Access for English Learners", "Acceso a la tecnología para
 * estudiantes que aprenden inglés". English titles are in title case; other
 * languages keep their labels' sentence case. Without labels, English.
 */
export function defaultTitle(options: {
  populations: string[];
  topics: string[];
  taxonomy: Taxonomy;
  lang: string;
  /** Whether the request asked for all populations ("… for All Students"), not named each of them. */
  everyone: boolean;
  labels?: TitleLabels;
}): string {
  const { populations, topics, taxonomy } = options;
  const lang = options.labels ? options.lang : 'en';
  const english = sameLanguage(lang, 'en');
  const list = (ids: string[], facet: 'population' | 'topic') =>
    new Intl.ListFormat(lang, { type: 'conjunction' }).format(ids.map((id) => (english ? titleCase : inSentence)(taxonomy.label(facet, id, lang))));
  const text = (name: string, fallback: string, fields: Record<string, string>) => options.labels?.text(name, fields) ?? fallback.replace(/\{(\w+)\}/g, (_, key: string) => fields[key]!);
  const who = options.everyone ? text('allStudents', 'All Students', {}) : list(populations, 'population');
  if (topics.length === 0) return text('titleAnyTopic', 'What the Evidence Says for {populations}', { populations: who });
  const title = text('titleForTopics', '{topics} for {populations}', { topics: list(topics, 'topic'), populations: who });
  return title.charAt(0).toUpperCase() + title.slice(1);
}

function titleCase(label: string): string {
  return label
    .split(' ')
    .map((word, index) => (index > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}

/** A label inside a sentence: its first letter lowered, unless it starts an acronym ("DUA y ..."). */
function inSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
