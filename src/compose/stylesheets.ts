import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BriefwrightError } from '../errors.js';
import { PACKAGE_ROOT } from '../project/package-root.js';
import { didYouMean } from '../project/suggest.js';
import { YamlFile } from '../project/yaml-file.js';
import { z } from 'zod';

const MIME: Record<string, string> = {
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

const requireFromPackage = createRequire(path.join(PACKAGE_ROOT, 'package.json'));

/** The CSS of one theme with every file it refers to embedded, and the files it was made from. */
export interface Stylesheet {
  css: string;
  /** Absolute paths of every file read (stylesheets, fonts, images). */
  files: string[];
  /** The theme's logo as a data URI, when it has `logo.svg` (or .png). */
  logo?: string;
  /** What the theme's `theme.yaml` says about the brand. */
  brand: ThemeBrand;
}

const brandSchema = z.strictObject({
  /** The organization that publishes under this theme (title block, footer, PDF author). */
  organization: z.string().optional(),
  /** A line printed at the foot of every page, such as a website or tagline. */
  footer: z.string().optional(),
  /** Alternative text for the logo (defaults to the organization's name). */
  logoAlt: z.string().optional(),
});

/** A theme's brand settings. */
export type ThemeBrand = z.output<typeof brandSchema>;

/**
 * Builds a brief's stylesheet: `base.css`, `print.css`, then the theme
 * (`themes/<name>/theme.css` or `themes/<name>.css`). Every `url(...)` is embedded
 * as a data URI, so the HTML stands alone and printing needs no network.
 * A url is read relative to its stylesheet, or else as a package path
 * (`@fontsource/public-sans/files/...`).
 */
export async function loadStylesheet(options: { stylesDir: string; theme: string }): Promise<Stylesheet> {
  const { stylesDir, theme } = options;
  const themeDir = path.join(stylesDir, 'themes', theme);
  const themeFile = existsSync(themeDir) ? path.join(themeDir, 'theme.css') : path.join(stylesDir, 'themes', `${theme}.css`);
  if (!existsSync(themeFile)) {
    const known = listThemes(stylesDir);
    throw new BriefwrightError(`unknown theme '${theme}'${didYouMean(theme, known)} (have: ${known.join(', ') || 'none'})`);
  }
  const sheets = [path.join(stylesDir, 'base.css'), path.join(stylesDir, 'print.css'), themeFile].filter(existsSync);
  const files: string[] = [];
  const parts: string[] = [];
  for (const sheet of sheets) parts.push(await readSheet(sheet, files));
  const logoFile = ['logo.svg', 'logo.png'].map((name) => path.join(themeDir, name)).find(existsSync);
  let logo: string | undefined;
  if (logoFile) {
    files.push(logoFile);
    logo = await dataUri(logoFile);
  }
  const brandFile = path.join(themeDir, 'theme.yaml');
  let brand: ThemeBrand = {};
  if (existsSync(brandFile)) {
    files.push(brandFile);
    brand = YamlFile.parse(await readFile(brandFile, 'utf8'), brandFile).validate(brandSchema, 'theme settings');
  }
  return { css: parts.join('\n'), files, logo, brand };
}

/** The themes a styles folder offers. */
export function listThemes(stylesDir: string): string[] {
  const dir = path.join(stylesDir, 'themes');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || entry.name.endsWith('.css'))
    .map((entry) => entry.name.replace(/\.css$/, ''))
    .sort();
}

/** Reads a stylesheet with its `@import`s inlined and its urls embedded. */
async function readSheet(sheet: string, files: string[], importing: string[] = []): Promise<string> {
  if (importing.includes(sheet)) {
    throw new BriefwrightError(`stylesheet imports itself (${[...importing, sheet].map((f) => path.basename(f)).join(' → ')})`, {
      location: { file: sheet },
    });
  }
  files.push(sheet);
  const css = await readFile(sheet, 'utf8');
  const pattern = /@import\s+(?:url\(\s*)?(['"])([^'"]+)\1\s*\)?\s*;/g;
  let result = '';
  let last = 0;
  for (const match of css.matchAll(pattern)) {
    const imported = resolveAsset(match[2]!, sheet);
    result += css.slice(last, match.index) + (await readSheet(imported, files, [...importing, sheet]));
    last = match.index + match[0].length;
  }
  return embedUrls(result + css.slice(last), sheet, files);
}

async function embedUrls(css: string, sheet: string, files: string[]): Promise<string> {
  const pattern = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;
  const replacements = new Map<string, string>();
  for (const [, , url] of css.matchAll(pattern)) {
    if (!url || replacements.has(url) || /^(data:|#)/.test(url)) continue;
    if (/^[a-z]+:/i.test(url)) {
      throw new BriefwrightError(`stylesheet refers to '${url}'; briefs never load from the network, so put the file beside the stylesheet`, {
        location: { file: sheet },
      });
    }
    const file = resolveAsset(url, sheet);
    files.push(file);
    replacements.set(url, await dataUri(file));
  }
  return css.replace(pattern, (whole, _quote: string, url: string) => {
    const data = replacements.get(url);
    return data ? `url("${data}")` : whole;
  });
}

function resolveAsset(url: string, sheet: string): string {
  const local = path.resolve(path.dirname(sheet), url);
  if (existsSync(local)) return local;
  try {
    return requireFromPackage.resolve(url);
  } catch {
    throw new BriefwrightError(`stylesheet refers to '${url}', which does not exist`, { location: { file: sheet } });
  }
}

async function dataUri(file: string): Promise<string> {
  const mime = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return `data:${mime};base64,${(await readFile(file)).toString('base64')}`;
}
