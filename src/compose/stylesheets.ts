import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BriefwrightError } from '../errors.js';
import type { FileLayers, LayeredFile } from '../project/file-layers.js';
import { PACKAGE_ROOT } from '../project/package-root.js';
import { loadTheme, type ThemeBrand } from './theme.js';

export { listThemes, type ThemeBrand } from './theme.js';

const STYLES = 'styles';

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
  /** Absolute paths of every file read (stylesheets, fonts, images, theme settings). */
  files: string[];
  /** The theme's logo as a data URI, when it has one. */
  logo?: string;
  /** What the theme's `theme.yaml` (and those it extends) say about the brand. */
  brand: ThemeBrand;
}

/**
 * Builds a brief's stylesheet, each file looked up in layers (the project's
 * own, else built in): `styles/base.css`, `styles/print.css`, every
 * `styles/layouts/*.css` (each scoped by its layout's body class), the theme's
 * settings as custom properties, then the `theme.css` of each theme it extends
 * and its own. Every `url(...)` is embedded as a data URI, so the HTML stands
 * alone and printing needs no network. A url is read relative to its
 * stylesheet (through the layers), or else as a package path
 * (`@fontsource/public-sans/files/...`).
 */
export async function loadStylesheet(options: { layers: FileLayers; theme: string }): Promise<Stylesheet> {
  const { layers } = options;
  const theme = await loadTheme(layers, options.theme);
  const sheets = [layers.find(`${STYLES}/base.css`), layers.find(`${STYLES}/print.css`), ...layers.list(`${STYLES}/layouts`).filter((file) => file.path.endsWith('.css'))]
    .filter((file): file is LayeredFile => file !== undefined)
    .map((file) => file.file);
  const files: string[] = [...theme.files];
  const parts: string[] = [];
  for (const sheet of sheets) parts.push(await readSheet(sheet, files, layers));
  parts.push(theme.settingsCss);
  for (const sheet of theme.sheets) parts.push(await readSheet(sheet, files, layers));
  const logo = theme.logo ? await dataUri(theme.logo) : undefined;
  return { css: parts.join('\n'), files, logo, brand: theme.brand };
}

/** Reads a stylesheet with its `@import`s inlined and its urls embedded. */
async function readSheet(sheet: string, files: string[], layers: FileLayers, importing: string[] = []): Promise<string> {
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
    const imported = resolveAsset(match[2]!, sheet, layers);
    result += css.slice(last, match.index) + (await readSheet(imported, files, layers, [...importing, sheet]));
    last = match.index + match[0].length;
  }
  return embedUrls(result + css.slice(last), sheet, files, layers);
}

async function embedUrls(css: string, sheet: string, files: string[], layers: FileLayers): Promise<string> {
  const pattern = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;
  const replacements = new Map<string, string>();
  for (const [, , url] of css.matchAll(pattern)) {
    if (!url || replacements.has(url) || /^(data:|#)/.test(url)) continue;
    if (/^[a-z]+:/i.test(url)) {
      throw new BriefwrightError(`stylesheet refers to '${url}'; briefs never load from the network, so put the file beside the stylesheet`, {
        location: { file: sheet },
      });
    }
    const file = resolveAsset(url, sheet, layers);
    files.push(file);
    replacements.set(url, await dataUri(file));
  }
  return css.replace(pattern, (whole, _quote: string, url: string) => {
    const data = replacements.get(url);
    return data ? `url("${data}")` : whole;
  });
}

/**
 * A url in a stylesheet: beside the stylesheet in the highest layer that has it
 * (so a project's styles/fonts.css replaces the one base.css imports), else a
 * package path.
 */
function resolveAsset(url: string, sheet: string, layers: FileLayers): string {
  const layered = layers.locate(path.resolve(path.dirname(sheet), url));
  if (layered) return layered;
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
