import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { BriefwrightError, ProblemList, type SourceLocation } from '../errors.js';
import type { FileLayers, LayeredFile, Origin } from '../project/file-layers.js';
import { bestLanguageMatch, languageTag } from '../project/language-tags.js';
import { didYouMean } from '../project/suggest.js';
import { YamlFile } from '../project/yaml-file.js';
import { completePalette, contrastFailures, paletteProperties, paletteSchema, PRIMARY_KEYS, type Palette, type PaletteSettings } from './palette.js';
import { fontsSchema, resolveFont, type FontSetting } from './theme-fonts.js';

const THEMES = 'styles/themes';
/** The colour a palette entry follows when no theme sets it (see completePalette). */
const DERIVED_FROM: Partial<Record<keyof Palette, keyof Palette>> = { muted: 'text', label: 'primary', link: 'primary', rule: 'primary' };
/** The theme every other theme starts from unless it extends another. */
export const ROOT_THEME = 'default';

const length = String.raw`(?:0|\d+(?:\.\d+)?(?:in|cm|mm|pt|px))`;
const margins = z.union([
  z.string().regex(new RegExp(`^${length}(?: ${length}){0,3}$`), 'margins are CSS lengths: "0.75in", "2cm 1.5cm" or "18mm 15mm 20mm 15mm"'),
  z.strictObject(Object.fromEntries(['top', 'right', 'bottom', 'left'].map((side) => [side, z.string().regex(new RegExp(`^${length}$`), 'a CSS length such as "0.75in" or "18mm"')])) as Record<'top' | 'right' | 'bottom' | 'left', z.ZodString>),
]);

/** A brand text: one for every language, or one per language (`{en: ..., es: ...}`). */
const brandText = z.union([z.string(), z.record(z.string().refine((key) => languageTag(key) !== undefined), z.string())], {
  error: 'write a text, or one text per language such as {en: ..., es: ...} (keys are language tags: en, es, es-MX)',
});

/** Everything `theme.yaml` may say (see README "Themes"). */
export const themeSchema = z.strictObject({
  /** The theme this one starts from (default: the default theme). */
  extends: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'a theme is named by letters, digits, - and _').optional(),
  /** The organization that publishes under this theme (title block, footer, PDF author). */
  organization: brandText.optional(),
  /** A line printed at the foot of every page, such as a website or tagline. */
  footer: brandText.optional(),
  /** The logo file in the theme folder (default: logo.svg or logo.png, if there is one). */
  logo: z.string().regex(/\.(svg|png|jpe?g|webp|gif)$/i, 'a logo is an .svg, .png, .jpg, .webp or .gif file').optional(),
  /** Alternative text for the logo (defaults to the organization's name). */
  logoAlt: brandText.optional(),
  palette: paletteSchema.optional(),
  fonts: fontsSchema.optional(),
  /** Paper for the PDF when the brief does not ask for one. */
  paper: z.enum(['letter', 'a4']).optional(),
  /** Page margins of every layout's ordinary pages. */
  margins: margins.optional(),
});

/** A theme's settings as written in its `theme.yaml`. */
export type ThemeSettings = z.output<typeof themeSchema>;

/** A brand text as a theme gives it: the same in every language, or per language. */
export type BrandText = string | Record<string, string>;

/** Page margins as CSS lengths, one per side. */
export type PageMargins = Record<'top' | 'right' | 'bottom' | 'left', string>;

/** The font families a theme sets for body text and for headings. */
export interface ThemeFonts {
  body: string;
  headings: string;
}

/** The brand facts templates show, and the settings other formats (Word) are styled from. */
export interface ThemeBrand {
  organization?: BrandText;
  footer?: BrandText;
  logoAlt?: BrandText;
  paper?: 'letter' | 'a4';
  palette: Palette;
  fonts: ThemeFonts;
  margins?: PageMargins;
}

/** A brand text in a brief's language: its own text, else the one of the same language, else English, else the first given. */
export function brandTextIn(text: BrandText | undefined, lang: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  const tag = bestLanguageMatch(lang, Object.keys(text)) ?? bestLanguageMatch('en', Object.keys(text)) ?? Object.keys(text)[0];
  return tag === undefined ? undefined : text[tag];
}

/** A theme with everything it inherits resolved. */
export interface Theme {
  name: string;
  origin: Origin;
  brand: ThemeBrand;
  palette: Palette;
  /** Custom properties and @font-face rules made from the settings. */
  settingsCss: string;
  /** The theme.css (or NAME.css) files of the theme and those it extends, the furthest ancestor first. */
  sheets: string[];
  logo?: string;
  /** Every file read: theme.yaml files, fonts, the logo. */
  files: string[];
}

interface ThemeLayer {
  name: string;
  origin: Origin;
  /** The theme folder (absolute) of its highest layer, for files it names. */
  folder: string;
  yaml?: YamlFile;
  settings: ThemeSettings;
  settingsFile?: string;
  sheet?: string;
  logo?: string;
}

/** The themes the layers offer, with where each comes from, sorted by name. */
export function listThemes(layers: FileLayers): { name: string; origin: Origin }[] {
  const found = new Map<string, Origin>();
  for (const entry of [...layers.list(THEMES, 'folder'), ...layers.list(THEMES).filter((file) => file.path.endsWith('.css'))]) {
    const name = path.posix.basename(entry.path).replace(/\.css$/, '');
    if (!found.has(name) || entry.origin === 'project') found.set(name, entry.origin);
  }
  return [...found].map(([name, origin]) => ({ name, origin })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Loads a theme and the themes it extends. Every file is looked up in layers:
 * a project's `styles/themes/NAME/theme.css` replaces the built-in one while the
 * built-in `theme.yaml` and logo still apply. A palette whose text colours do
 * not reach WCAG AA contrast on their grounds is refused.
 */
export async function loadTheme(layers: FileLayers, name: string): Promise<Theme> {
  const chain: ThemeLayer[] = [];
  for (let next: string | undefined = name; next !== undefined; ) {
    if (chain.some((layer) => layer.name === next)) {
      throw new BriefwrightError(`themes extend each other in a loop (${[...chain.map((layer) => layer.name), next].join(' → ')})`, {
        location: chain.at(-1)?.settingsFile ? { file: chain.at(-1)!.settingsFile! } : undefined,
      });
    }
    const layer = await readThemeLayer(layers, next, chain.at(-1));
    chain.push(layer);
    next = layer.settings.extends ?? (layer.name === ROOT_THEME ? undefined : ROOT_THEME);
  }
  const ancestry = [...chain].reverse();
  const merged = mergeSettings(ancestry);
  const palette = checkedPalette(ancestry);
  const files = ancestry.flatMap((layer) => [layer.settingsFile, layer.logo]).filter((file): file is string => Boolean(file));
  const { css, fontFiles, fonts, margins } = settingsCss(ancestry, palette, layers);
  const logoLayer = [...chain].find((layer) => layer.logo);
  return {
    name,
    origin: chain[0]!.origin,
    brand: {
      organization: merged.organization,
      footer: merged.footer,
      logoAlt: logoLayer?.settings.logoAlt ?? merged.organization,
      paper: merged.paper,
      palette,
      fonts,
      margins,
    },
    palette,
    settingsCss: css,
    sheets: ancestry.map((layer) => layer.sheet).filter((sheet): sheet is string => Boolean(sheet)),
    logo: logoLayer?.logo,
    files: [...files, ...fontFiles],
  };
}

async function readThemeLayer(layers: FileLayers, name: string, child?: ThemeLayer): Promise<ThemeLayer> {
  const dir = `${THEMES}/${name}`;
  const yamlFile = layers.find(`${dir}/theme.yaml`);
  const sheet = layers.find(`${dir}/theme.css`) ?? layers.find(`${THEMES}/${name}.css`);
  if (!yamlFile && !sheet) {
    const known = listThemes(layers).map((theme) => theme.name);
    const message = `unknown theme '${name}'${didYouMean(name, known)} (have: ${known.join(', ') || 'none'})`;
    throw new BriefwrightError(child ? `theme '${child.name}' extends ${message}` : message, {
      location: child?.yaml ? child.yaml.locate(['extends']) : undefined,
    });
  }
  const yaml = yamlFile ? YamlFile.parse(await readFile(yamlFile.file, 'utf8'), layers.display(yamlFile)) : undefined;
  const settings: ThemeSettings = yaml ? yaml.validate(themeSchema, 'theme settings') : {};
  const folder = path.dirname((yamlFile ?? sheet)!.file);
  const logo = settings.logo ? themeFile(layers, dir, settings.logo, yaml!.locate(['logo'])) : (layers.find(`${dir}/logo.svg`) ?? layers.find(`${dir}/logo.png`));
  return {
    name,
    origin: (yamlFile ?? sheet)!.origin,
    folder,
    yaml,
    settings,
    settingsFile: yamlFile?.file,
    sheet: sheet?.file,
    logo: logo?.file,
  };
}

function themeFile(layers: FileLayers, dir: string, relative: string, location: SourceLocation): LayeredFile {
  if (path.isAbsolute(relative) || relative.split(/[\\/]/).includes('..')) {
    throw new BriefwrightError(`'${relative}' must be a file in the theme folder`, { location });
  }
  const found = layers.find(`${dir}/${relative}`);
  if (!found) throw new BriefwrightError(`'${relative}' not found in ${dir}/`, { location });
  return found;
}

/** Later (nearer) themes win, key by key; palette and fonts merge colour by colour and role by role. */
function mergeSettings(ancestry: ThemeLayer[]): ThemeSettings {
  const merged: ThemeSettings = {};
  for (const { settings } of ancestry) {
    Object.assign(merged, settings, {
      palette: { ...merged.palette, ...settings.palette },
      fonts: { ...merged.fonts, ...settings.fonts },
    });
  }
  return merged;
}

function checkedPalette(ancestry: ThemeLayer[]): Palette {
  const settings: PaletteSettings = {};
  const setBy = new Map<keyof PaletteSettings, ThemeLayer>();
  for (const layer of ancestry) {
    for (const [key, value] of Object.entries(layer.settings.palette ?? {}) as [keyof PaletteSettings, string][]) {
      settings[key] = value;
      setBy.set(key, layer);
    }
  }
  const nearest = ancestry.at(-1)!;
  const where = (key: keyof PaletteSettings): SourceLocation | undefined => {
    const layer = setBy.get(key) ?? nearest;
    return layer.yaml?.locate(setBy.has(key) ? ['palette', key] : []);
  };
  const missing = PRIMARY_KEYS.filter((key) => !settings[key]);
  if (missing.length > 0) {
    throw new BriefwrightError(`theme '${nearest.name}' has no ${missing.map((key) => `palette.${key}`).join(', ')}; set it, or extend a theme that does`, {
      location: where(missing[0]!),
    });
  }
  const palette = completePalette(settings as Parameters<typeof completePalette>[0]);
  // A colour the themes leave out follows another (label follows primary): its
  // failures are the other's, reported once, at the line that set the other.
  const source = (key: keyof Palette): keyof Palette => (setBy.has(key) ? key : (DERIVED_FROM[key] ?? key));
  const failures = contrastFailures(palette);
  const seen = new Set<string>();
  const problems = failures.flatMap((failure) => {
    const pair = `${source(failure.text)}/${source(failure.ground)}`;
    if (seen.has(pair)) return [];
    seen.add(pair);
    // Point at whichever colour of the pair this theme set itself, the text first.
    const keys = [source(failure.text), source(failure.ground)];
    const key = keys.find((k) => setBy.get(k) === nearest) ?? keys.find((k) => setBy.has(k)) ?? keys[0]!;
    return [new BriefwrightError(`theme '${nearest.name}': ${failure.message}`, { location: where(key) ?? { file: nearest.settingsFile ?? nearest.folder } })];
  });
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1) throw new ProblemList(problems);
  return palette;
}

function settingsCss(ancestry: ThemeLayer[], palette: Palette, layers: FileLayers): { css: string; fontFiles: string[]; fonts: ThemeFonts; margins?: PageMargins } {
  const properties: Record<string, string> = paletteProperties(palette);
  const faces: string[] = [];
  const fontFiles: string[] = [];
  const fonts: ThemeFonts = { body: '', headings: '' };
  for (const role of ['body', 'headings'] as const) {
    const layer = [...ancestry].reverse().find((candidate) => candidate.settings.fonts?.[role] !== undefined);
    if (!layer) continue;
    const font = resolveFont({
      setting: layer.settings.fonts![role] as FontSetting,
      role,
      folder: layer.folder,
      project: layers.projectRoot,
      location: layer.yaml!.locate(['fonts', role]),
    });
    properties[role === 'body' ? '--font-body' : '--font-headings'] = font.stack;
    fonts[role] = font.family;
    if (font.faces && !faces.includes(font.faces)) faces.push(font.faces);
    fontFiles.push(...font.files);
  }
  const setting = [...ancestry].reverse().find((layer) => layer.settings.margins)?.settings.margins;
  const margins = setting === undefined ? undefined : typeof setting === 'string' ? marginSides(setting) : setting;
  if (margins) properties['--page-margin'] = typeof setting === 'string' ? setting : `${margins.top} ${margins.right} ${margins.bottom} ${margins.left}`;
  const declarations = Object.entries(properties)
    .map(([name, value]) => `  ${name}: ${value};`)
    .join('\n');
  return { css: `${faces.join('\n')}\n/* Theme settings (theme.yaml) */\n:root {\n${declarations}\n}\n`, fontFiles, fonts, margins };
}

/** CSS's margin shorthand ("0.8in 0.8in 0.75in") as one length per side. */
function marginSides(shorthand: string): PageMargins {
  const [top, right = top, bottom = top, left = right] = shorthand.split(' ') as [string, ...string[]];
  return { top, right, bottom, left };
}
