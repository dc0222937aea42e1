import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { FileLayers, Origin } from '../project/file-layers.js';
import { YamlFile } from '../project/yaml-file.js';
import type { TemplateUses } from './label-uses.js';

const TEMPLATES = 'templates';
const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*\r?\n/;

const layoutSettingsSchema = z.strictObject({
  description: z.string().default(''),
  /** Most pages the PDF should have; more is reported (and an error with --strict). */
  pages: z.number().int().positive().optional(),
  /** Whether the layout shows sections; one that does not (a bibliography) needs no picks. */
  sections: z.boolean().default(true),
  /** Whether the layout has a table of contents that wants PDF page numbers (printed twice). */
  toc: z.boolean().default(false),
});

/** What a layout declares about itself in its front matter. */
export type LayoutSettings = z.output<typeof layoutSettingsSchema>;

/** One Handlebars file, a layout or a partial, as read from the layers. */
export interface TemplateFile {
  name: string;
  /** Path shown in messages (relative to the project, or to the package for built-ins). */
  file: string;
  /** Whether the project provides the file or it is built in. */
  origin: Origin;
  text: string;
  /** Line of the file on which `text` starts. */
  firstLine: number;
  /** The labels and partials it uses, found in its parsed form. */
  uses?: TemplateUses;
}

/** A layout with the settings its front matter declares. */
export type LayoutFile = TemplateFile & { settings: LayoutSettings };

/**
 * The layouts (`templates/*.hbs`), each from the project if it has that file,
 * else built in, with their front-matter settings validated. Reading them
 * needs no template engine, so listing layouts stays quick.
 */
export async function readLayouts(layers: FileLayers): Promise<Map<string, LayoutFile>> {
  const layouts = new Map<string, LayoutFile>();
  for (const layout of await readFolder(layers, TEMPLATES)) {
    const settings = layout.head
      ? YamlFile.parse(layout.head, layout.file, 1).validate(layoutSettingsSchema, 'template settings')
      : layoutSettingsSchema.parse({});
    const { head: _head, ...file } = layout;
    layouts.set(layout.name, { ...file, settings });
  }
  return layouts;
}

/** The partials (`templates/partials/*.hbs`), the project's over the built-in ones. */
export async function readPartials(layers: FileLayers): Promise<TemplateFile[]> {
  return (await readFolder(layers, `${TEMPLATES}/partials`)).map(({ head: _head, ...file }) => file);
}

function readFolder(layers: FileLayers, folder: string): Promise<(TemplateFile & { head?: string })[]> {
  return Promise.all(
    layers
      .list(folder)
      .filter((entry) => entry.path.endsWith('.hbs'))
      .map(async (entry) => {
        const raw = await readFile(entry.file, 'utf8');
        const match = FRONT_MATTER.exec(raw);
        const head = match?.[0] ?? '';
        return {
          name: path.posix.basename(entry.path, '.hbs'),
          file: layers.display(entry),
          origin: entry.origin,
          text: raw.slice(head.length),
          firstLine: head === '' ? 1 : head.split('\n').length,
          head: match?.[1],
        };
      }),
  );
}
