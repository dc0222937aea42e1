import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { BriefwrightError, type SourceLocation } from '../errors.js';
import { PACKAGE_ROOT } from '../project/package-root.js';
import { cssString } from './template-helpers.js';

/** The families that ship with briefwright (styles/fonts.css). */
export const BUNDLED_FAMILIES = ['Source Serif 4', 'Public Sans'] as const;

const fontFile = z.strictObject({
  /** A .woff2, .woff, .ttf or .otf file in the theme folder. */
  file: z.string().regex(/\.(woff2?|ttf|otf)$/i, 'a font file ends in .woff2, .woff, .ttf or .otf'),
  weight: z.number().int().min(100).max(900).default(400),
  style: z.enum(['normal', 'italic']).default('normal'),
});

/** A font as a theme names it: a bundled family, an `@fontsource/...` package, or files in the theme folder. */
export const fontSchema = z.union([
  z.string().min(1),
  z.strictObject({ family: z.string().min(1), files: z.array(fontFile).min(1) }),
]);

/** The fonts a theme sets: one for body text, one for headings, labels, tables and captions. */
export const fontsSchema = z.strictObject({ body: fontSchema.optional(), headings: fontSchema.optional() });

/** A theme's font setting as written. */
export type FontSetting = z.output<typeof fontSchema>;

/** A font made ready for the stylesheet. */
export interface ResolvedFont {
  /** The family name, as a word processor names the font. */
  family: string;
  /** The CSS font-family value, with fallbacks. */
  stack: string;
  /** @font-face rules with the files embedded as data URIs ('' for a bundled family). */
  faces: string;
  /** Absolute paths of the font files read. */
  files: string[];
}

// Fontsource packages ship many subsets and weights; a brief needs the Latin
// files of the weights its stylesheets use.
const WEIGHTS = [400, 600, 700, 800];
const ITALIC_WEIGHTS = [400, 700];

const FALLBACK = {
  body: 'Georgia, "Times New Roman", serif',
  headings: '"Helvetica Neue", Arial, sans-serif',
};

/**
 * Resolves a theme's font for `role`. `folder` is the theme folder (files are
 * read relative to it); `project` is the project root, where an `@fontsource`
 * package is looked for before briefwright's own.
 */
export function resolveFont(options: {
  setting: FontSetting;
  role: 'body' | 'headings';
  folder: string;
  project: string;
  location: SourceLocation;
}): ResolvedFont {
  const { setting, role, location } = options;
  const fallback = FALLBACK[role];
  if (typeof setting === 'object') {
    const files: string[] = [];
    const faces = setting.files.map((face) => {
      if (path.isAbsolute(face.file) || face.file.split(/[\\/]/).includes('..')) {
        throw new BriefwrightError(`font file '${face.file}' must be inside the theme folder`, { location });
      }
      const file = path.join(options.folder, face.file);
      if (!existsSync(file)) throw new BriefwrightError(`font file '${face.file}' not found in ${options.folder}`, { location });
      files.push(file);
      return fontFace(setting.family, file, face.weight, face.style);
    });
    return { family: setting.family, stack: `${cssString(setting.family)}, ${fallback}`, faces: faces.join('\n'), files };
  }
  if ((BUNDLED_FAMILIES as readonly string[]).includes(setting)) return { family: setting, stack: `${cssString(setting)}, ${fallback}`, faces: '', files: [] };
  if (/^@fontsource(-variable)?\//.test(setting)) return fontsource(setting, fallback, options.project, location);
  throw new BriefwrightError(
    `unknown font '${setting}': name a bundled family (${BUNDLED_FAMILIES.join(', ')}), an @fontsource package such as '@fontsource/lora', or font files in the theme folder`,
    { location },
  );
}

function fontsource(name: string, fallback: string, project: string, location: SourceLocation): ResolvedFont {
  const metadataFile = [project, PACKAGE_ROOT]
    .map((root) => {
      try {
        return createRequire(path.join(root, 'package.json')).resolve(`${name}/metadata.json`);
      } catch {
        return undefined;
      }
    })
    .find((file) => file !== undefined);
  if (!metadataFile) {
    throw new BriefwrightError(`font package '${name}' is not installed; run 'npm install ${name}' in the project folder`, { location });
  }
  const metadata = JSON.parse(readFileSync(metadataFile, 'utf8')) as { id: string; family: string; defSubset?: string };
  const folder = path.join(path.dirname(metadataFile), 'files');
  const subset = metadata.defSubset ?? 'latin';
  const files: string[] = [];
  const faces: string[] = [];
  for (const [style, weights] of [['normal', WEIGHTS], ['italic', ITALIC_WEIGHTS]] as const) {
    for (const weight of weights) {
      const file = path.join(folder, `${metadata.id}-${subset}-${weight}-${style}.woff2`);
      if (!existsSync(file)) continue;
      files.push(file);
      faces.push(fontFace(metadata.family, file, weight, style));
    }
  }
  if (files.length === 0) throw new BriefwrightError(`font package '${name}' has no ${subset} .woff2 files in ${folder}`, { location });
  return { family: metadata.family, stack: `${cssString(metadata.family)}, ${fallback}`, faces: faces.join('\n'), files };
}

function fontFace(family: string, file: string, weight: number, style: string): string {
  const format = { '.woff2': 'woff2', '.woff': 'woff', '.ttf': 'truetype', '.otf': 'opentype' }[path.extname(file).toLowerCase()] ?? 'woff2';
  const mime = format === 'truetype' ? 'font/ttf' : format === 'opentype' ? 'font/otf' : `font/${format}`;
  const data = readFileSync(file).toString('base64');
  return `@font-face { font-family: ${cssString(family)}; font-style: ${style}; font-weight: ${weight}; font-display: block; src: url("data:${mime};base64,${data}") format("${format}"); }`;
}
