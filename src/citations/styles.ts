import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BriefwrightError } from '../errors.js';
import { PACKAGE_ROOT } from '../project/package-root.js';
import { didYouMean } from '../project/suggest.js';

/** Folders where an operating system keeps CSL styles (Debian: citation-style-language-styles). */
export const SYSTEM_STYLE_DIRS = ['/usr/share/citation-style-language/styles'];

/** Current styles from the CSL styles repository, shipped with briefwright (CC BY-SA 3.0; see csl/README.md). */
export const BUNDLED_STYLE_DIR = path.join(PACKAGE_ROOT, 'csl');

/** Ids users know a bundled style by, where the repository's id differs. */
const BUNDLED_ALIASES: Record<string, string> = { vancouver: 'vancouver-nlm' };

/** A CSL style ready for citeproc. */
export interface CslStyle {
  /** What the user named: an id or a path. */
  name: string;
  xml: string;
  /** Where it came from: "bundled", or the file it was read from. */
  origin: string;
}

/** Where styles are looked up, in order. */
export interface StyleSearch {
  /** The project folder: `styles/csl/<id>.csl`, and paths relative to it. */
  root: string;
  systemDirs?: readonly string[];
}

/** Styles or locales bundled with citation-js (@citation-js/plugin-csl), by id. */
interface Bundled {
  get(id: string): string | undefined;
  list(): string[];
}

let bundledCsl: { styles: Bundled; locales: Bundled } | undefined;

/**
 * The styles and locales citation-js bundles. They are read from the plugin's
 * data files, as the plugin itself reads them, without loading citation-js.
 */
function csl(): { styles: Bundled; locales: Bundled } {
  if (!bundledCsl) {
    const dir = path.dirname(createRequire(import.meta.url).resolve('@citation-js/plugin-csl'));
    const read = (file: string): Bundled => {
      let data: Record<string, string> | undefined;
      const all = () => (data ??= JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>);
      return { get: (id) => (Object.hasOwn(all(), id) ? all()[id] : undefined), list: () => Object.keys(all()) };
    };
    bundledCsl = { styles: read('styles.json'), locales: read('locales.json') };
  }
  return bundledCsl;
}

/**
 * Finds a style by name: a path to a `.csl` file; an id in the project's
 * `styles/csl/`; an id bundled with briefwright (apa, chicago-author-date,
 * modern-language-association, vancouver, harvard-cite-them-right, ieee); one
 * bundled with citation-js (harvard1); an id in a system style folder. A
 * dependent style is resolved to its parent the same way.
 */
export function resolveStyle(name: string, search: StyleSearch): CslStyle {
  const candidates: { file: string }[] = [];
  if (name.endsWith('.csl')) candidates.push({ file: path.resolve(search.root, name) });
  else candidates.push({ file: path.join(search.root, 'styles', 'csl', `${name}.csl`) });
  for (const { file } of candidates) {
    if (existsSync(file)) return checkStyle({ name, xml: readFileSync(file, 'utf8'), origin: file }, search);
  }
  if (name.endsWith('.csl')) throw new BriefwrightError(`style file not found: ${name}`);
  const own = path.join(BUNDLED_STYLE_DIR, `${BUNDLED_ALIASES[name] ?? name}.csl`);
  if (existsSync(own)) return checkStyle({ name, xml: readFileSync(own, 'utf8'), origin: 'bundled' }, search);
  const bundled = csl().styles.get(name);
  if (bundled) return checkStyle({ name, xml: bundled, origin: 'bundled' }, search);
  for (const dir of search.systemDirs ?? SYSTEM_STYLE_DIRS) {
    const file = path.join(dir, `${name}.csl`);
    if (existsSync(file)) return checkStyle({ name, xml: readFileSync(file, 'utf8'), origin: file }, search);
  }
  throw new BriefwrightError(`unknown citation style '${name}'${didYouMean(name, listStyles(search).map((s) => s.id))}`);
}

/** Every style a project can name, with where it comes from. */
export function listStyles(search: StyleSearch): { id: string; origin: string }[] {
  const found = new Map<string, string>();
  const projectDir = path.join(search.root, 'styles', 'csl');
  for (const file of safeList(projectDir)) if (file.endsWith('.csl')) found.set(file.slice(0, -4), path.join(projectDir, file));
  for (const file of safeList(BUNDLED_STYLE_DIR)) if (file.endsWith('.csl') && !found.has(file.slice(0, -4))) found.set(file.slice(0, -4), 'bundled');
  for (const id of Object.keys(BUNDLED_ALIASES)) if (!found.has(id)) found.set(id, 'bundled');
  for (const id of csl().styles.list()) if (!found.has(id)) found.set(id, 'bundled');
  for (const dir of search.systemDirs ?? SYSTEM_STYLE_DIRS) {
    for (const file of safeList(dir)) {
      const id = file.slice(0, -4);
      if (file.endsWith('.csl') && !found.has(id)) found.set(id, dir);
    }
  }
  return [...found].map(([id, origin]) => ({ id, origin }));
}

/** Folders where an operating system keeps CSL locales (Debian: citation-style-language-locales). */
export const SYSTEM_LOCALE_DIRS = ['/usr/share/citation-style-language/locales'];

/** The locale XML for a language tag such as en-US (bundled, else a system one), or undefined. */
export function findLocale(tag: string, systemDirs: readonly string[] = SYSTEM_LOCALE_DIRS): string | undefined {
  const locales = csl().locales;
  const bundled = locales.get(tag) ?? locales.get(tag.replace('_', '-')) ?? locales.get(tag.split('-')[0]!);
  if (bundled) return bundled;
  for (const dir of systemDirs) {
    const file = path.join(dir, `locales-${tag.replace('_', '-')}.xml`);
    if (/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*$/.test(tag) && existsSync(file)) return readFileSync(file, 'utf8');
  }
  return undefined;
}

/** Every locale tag there is: those bundled, then the system's own, sorted. */
export function listLocales(systemDirs: readonly string[] = SYSTEM_LOCALE_DIRS): string[] {
  return [...new Set([...csl().locales.list(), ...systemLocaleTags(systemDirs)])].sort();
}

/** The tags of the locale files in the system's CSL folders. */
function systemLocaleTags(systemDirs: readonly string[]): string[] {
  return systemDirs.flatMap((dir) => safeList(dir).flatMap((file) => /^locales-(.+)\.xml$/.exec(file)?.[1] ?? []));
}

/**
 * The CSL locale for a brief's language: the same tag when a locale exists for
 * it (es-MX), else the language's bundled one (es → es-ES, en → en-US), else a
 * system one of that language; undefined when there is none.
 */
export function localeForLanguage(lang: string, systemDirs: readonly string[] = SYSTEM_LOCALE_DIRS): string | undefined {
  const language = lang.split('-')[0]!.toLowerCase();
  if (lang.includes('-') && findLocale(lang, systemDirs)) return lang;
  const bundled = csl().locales.list();
  const ofLanguage = (tags: string[]) => tags.filter((tag) => tag.split('-')[0]!.toLowerCase() === language).sort();
  const system = systemLocaleTags(systemDirs);
  for (const tags of [ofLanguage(bundled), ofLanguage(system)]) {
    // The language's own country first (es-ES, fr-FR, de-DE), then en-US's like.
    const preferred = tags.find((tag) => tag.toLowerCase() === `${language}-${language}`) ?? tags.find((tag) => tag === 'en-US') ?? tags[0];
    if (preferred) return preferred;
  }
  return undefined;
}

function checkStyle(style: CslStyle, search: StyleSearch): CslStyle {
  const parent = /<link[^>]*rel="independent-parent"[^>]*>/.exec(style.xml)?.[0];
  if (parent) {
    const href = /href="[^"]*\/([^"/]+)"/.exec(parent)?.[1];
    if (!href) throw new BriefwrightError(`style '${style.name}' names a parent style that cannot be read`);
    return { ...resolveStyle(href, search), name: style.name };
  }
  if (/<style[^>]*class="note"/.test(style.xml)) {
    throw new BriefwrightError(
      `style '${style.name}' is a note style (footnote citations); briefs support in-text styles such as apa, harvard1 or vancouver`,
    );
  }
  if (!/<citation[\s>]/.test(style.xml)) throw new BriefwrightError(`style '${style.name}' is not a CSL style (no <citation>)`);
  return style;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
