import { BIBSTRINGS } from './latex-commands.js';

/** The CSL type of each biblatex (and BibTeX) entry type. */
const TYPES: Record<string, string> = {
  article: 'article-journal', book: 'book', booklet: 'pamphlet', bookinbook: 'book', collection: 'book',
  dataset: 'dataset', electronic: 'webpage', inbook: 'chapter', incollection: 'chapter', inreference: 'entry-encyclopedia',
  inproceedings: 'paper-conference', conference: 'paper-conference', manual: 'book', mastersthesis: 'thesis', misc: 'document',
  mvbook: 'book', mvcollection: 'book', mvproceedings: 'book', mvreference: 'book', online: 'webpage', patent: 'patent',
  periodical: 'article-journal', phdthesis: 'thesis', proceedings: 'book', reference: 'book', report: 'report',
  software: 'software', suppbook: 'chapter', suppcollection: 'chapter', suppperiodical: 'article-journal',
  techreport: 'report', thesis: 'thesis', unpublished: 'manuscript', www: 'webpage', artwork: 'graphic', audio: 'song',
  commentary: 'book', image: 'graphic', jurisdiction: 'legal_case', legislation: 'legislation', legal: 'treaty',
  letter: 'personal_communication', movie: 'motion_picture', music: 'song', performance: 'speech', review: 'review',
  standard: 'standard', video: 'motion_picture', data: 'dataset', letters: 'personal_communication',
  newsarticle: 'article-newspaper', set: 'document', xdata: 'document',
};

/** Entry types whose `number` is the number in a series. */
export const SERIES_NUMBERED = new Set([
  'book', 'collection', 'proceedings', 'reference', 'mvbook', 'mvcollection', 'mvproceedings', 'mvreference',
  'bookinbook', 'inbook', 'incollection', 'inproceedings', 'inreference', 'suppbook', 'suppcollection',
]);

/** Entry types printed as a part of a larger work (a chapter, an entry, a paper in proceedings). */
export const CHAPTER_LIKE = new Set(['inbook', 'incollection', 'inproceedings', 'inreference', 'bookinbook']);

/** Entry types that are articles of a periodical. */
export const ARTICLE_LIKE = new Set(['article', 'periodical', 'suppperiodical', 'review']);

/** The words a `type` field or a localisation key stands for ("phdthesis" → "PhD thesis"). */
export function typeWords(value: string): string {
  return BIBSTRINGS[value.trim().toLowerCase()] ?? value;
}

/**
 * The CSL type and genre of an entry. Theses get the genre their entry type
 * implies ("PhD thesis", "Master's thesis") unless a `type` field says otherwise;
 * a `type` field naming a localisation key becomes its words.
 */
export function cslTypeOf(entryType: string, fields: { type?: string; entrysubtype?: string; isEvent: boolean }): { type: string; genre?: string } {
  const subtype = fields.entrysubtype?.trim().toLowerCase();
  let type = TYPES[entryType] ?? 'document';
  if (type === 'article-journal' && subtype === 'magazine') type = 'article-magazine';
  if (type === 'article-journal' && subtype === 'newspaper') type = 'article-newspaper';
  if (entryType === 'unpublished' && fields.isEvent) type = 'speech';
  const written = fields.type?.trim();
  if (written) return { type, genre: typeWords(written) };
  if (entryType === 'mastersthesis') return { type, genre: BIBSTRINGS.mathesis };
  if (entryType === 'phdthesis') return { type, genre: BIBSTRINGS.phdthesis };
  return { type };
}

const LANGUAGES: Record<string, string> = {
  english: 'en-US', american: 'en-US', usenglish: 'en-US', british: 'en-GB', ukenglish: 'en-GB', canadian: 'en-CA',
  australian: 'en-AU', newzealand: 'en-NZ', german: 'de-DE', ngerman: 'de-DE', austrian: 'de-AT', naustrian: 'de-AT',
  swissgerman: 'de-CH', nswissgerman: 'de-CH', french: 'fr-FR', italian: 'it-IT', spanish: 'es-ES', latin: 'la',
  greek: 'el-GR', dutch: 'nl-NL', portuguese: 'pt-PT', portuges: 'pt-PT', brazil: 'pt-BR', brazilian: 'pt-BR',
  russian: 'ru-RU', polish: 'pl-PL', czech: 'cs-CZ', danish: 'da-DK', finnish: 'fi-FI', swedish: 'sv-SE',
  norsk: 'nb-NO', norwegian: 'nb-NO', nynorsk: 'nn-NO', hungarian: 'hu-HU', magyar: 'hu-HU', turkish: 'tr-TR',
  catalan: 'ca-AD', croatian: 'hr-HR', slovak: 'sk-SK', slovene: 'sl-SI', slovenian: 'sl-SI', ukrainian: 'uk-UA',
  hebrew: 'he-IL', japanese: 'ja-JP', chinese: 'zh-CN', korean: 'ko-KR', arabic: 'ar', icelandic: 'is-IS',
  estonian: 'et-EE', latvian: 'lv-LV', lithuanian: 'lt-LT', bulgarian: 'bg-BG', serbian: 'sr-RS', romanian: 'ro-RO',
  galician: 'gl-ES', basque: 'eu-ES', irish: 'ga-IE', welsh: 'cy-GB', afrikaans: 'af-ZA', vietnamese: 'vi-VN',
};

/** The BCP 47 tag of a biblatex language name (`ngerman`, `british`, `langfrench`) or tag (`en-US`); undefined if unknown. */
export function languageTag(name: string, variant?: string): string | undefined {
  const value = name.trim().toLowerCase().replace(/^lang(?=[a-z]{4,})/, '');
  if (value === 'english' && variant) {
    const chosen = /variant\s*=\s*(\w+)/.exec(variant)?.[1]?.toLowerCase();
    const byVariant: Record<string, string> = { british: 'en-GB', uk: 'en-GB', american: 'en-US', us: 'en-US', usmax: 'en-US', australian: 'en-AU', newzealand: 'en-NZ', canadian: 'en-CA' };
    if (chosen && byVariant[chosen]) return byVariant[chosen];
  }
  if (LANGUAGES[value]) return LANGUAGES[value];
  const tag = /^([a-z]{2,3})(?:[-_]([a-z]{2}|\d{3}|[a-z]{4}))?$/.exec(value);
  if (!tag) return undefined;
  return tag[2] ? `${tag[1]}-${tag[2].length === 2 ? tag[2].toUpperCase() : tag[2]}` : tag[1];
}

/** Whether a language tag is English (en, en-US, eng). */
export function isEnglish(tag: string): boolean {
  return /^(en|eng)(-|$)/i.test(tag);
}
