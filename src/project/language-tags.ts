/** Names of languages in English, for messages ("Spanish", "Mexican Spanish"). */
const NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * The canonical form of a BCP 47 language tag (`es-mx` → `es-MX`), or undefined
 * when it is not a well-formed tag of a language Unicode's data knows, so that
 * `draft` or `v2` in a file name is never taken for a language.
 */
export function languageTag(value: string): string | undefined {
  let tag: string;
  try {
    [tag = ''] = Intl.getCanonicalLocales(value);
  } catch {
    return undefined;
  }
  try {
    return NAMES.of(tag) === undefined ? undefined : tag;
  } catch {
    return undefined;
  }
}

/** The language part of a tag: `es-MX` → `es`. */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

/** Whether two tags are the same language, whatever their regions (`es`, `es-MX`). */
export function sameLanguage(a: string, b: string): boolean {
  return primaryLanguage(a) === primaryLanguage(b);
}

/** A language's English name for messages: "Spanish (es)". */
export function languageName(tag: string): string {
  let name: string | undefined;
  try {
    name = NAMES.of(tag);
  } catch {
    name = undefined;
  }
  return name ? `${name} (${tag})` : `'${tag}'`;
}

/** A language's English name alone ("Spanish"), or the tag when it has none. */
export function languageWord(tag: string): string {
  try {
    return NAMES.of(primaryLanguage(tag)) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * The best of `available` tags for a reader of `wanted`: the same tag, else the
 * bare language (`es` for `es-MX`), else any region of it; undefined when none
 * is the same language.
 */
export function bestLanguageMatch(wanted: string, available: Iterable<string>): string | undefined {
  const candidates = [...available].filter((tag) => sameLanguage(tag, wanted));
  return (
    candidates.find((tag) => tag.toLowerCase() === wanted.toLowerCase()) ??
    candidates.find((tag) => tag.toLowerCase() === primaryLanguage(wanted)) ??
    candidates.sort()[0]
  );
}
