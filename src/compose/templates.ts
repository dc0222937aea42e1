import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { BriefwrightError } from '../errors.js';
import { didYouMean } from '../project/suggest.js';
import { YamlFile } from '../project/yaml-file.js';
import { registerHelpers } from './template-helpers.js';

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

interface TemplateFile {
  name: string;
  /** Path shown in messages (relative to the project, or to the package for built-ins). */
  file: string;
  text: string;
  /** Line of the file on which `text` starts. */
  firstLine: number;
}

/** The Handlebars layouts and partials of a project, compiled once. */
export class TemplateSet {
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();

  private constructor(
    private readonly handlebars: typeof Handlebars,
    private readonly layouts: Map<string, TemplateFile & { settings: LayoutSettings }>,
    private readonly partials: TemplateFile[],
  ) {}

  /** Reads `DIR/*.hbs` as layouts and `DIR/partials/*.hbs` as partials; checks their syntax. */
  static async load(options: { dir: string; displayRoot: string }): Promise<TemplateSet> {
    const read = async (folder: string): Promise<TemplateFile[]> => {
      if (!existsSync(folder)) return [];
      const names = (await readdir(folder)).filter((name) => name.endsWith('.hbs')).sort();
      return Promise.all(
        names.map(async (name) => {
          const full = path.join(folder, name);
          const raw = await readFile(full, 'utf8');
          const match = FRONT_MATTER.exec(raw);
          const head = match?.[0] ?? '';
          return {
            name: name.slice(0, -4),
            file: path.relative(options.displayRoot, full).split(path.sep).join('/'),
            text: raw.slice(head.length),
            firstLine: head === '' ? 1 : head.split('\n').length,
            head: match?.[1],
          };
        }),
      );
    };
    const handlebars = Handlebars.create();
    registerHelpers(handlebars);
    const layoutFiles = await read(options.dir);
    const partials = await read(path.join(options.dir, 'partials'));
    const layouts = new Map<string, TemplateFile & { settings: LayoutSettings }>();
    for (const layout of layoutFiles as (TemplateFile & { head?: string })[]) {
      const settings = layout.head
        ? YamlFile.parse(layout.head, layout.file, 1).validate(layoutSettingsSchema, 'template settings')
        : layoutSettingsSchema.parse({});
      layouts.set(layout.name, { ...layout, settings });
    }
    for (const template of [...layouts.values(), ...partials]) checkSyntax(handlebars, template);
    // Compiled here: a partial registered as text is compiled again at every use.
    for (const partial of partials) handlebars.registerPartial(partial.name, handlebars.compile(partial.text, { strict: false, noEscape: false }));
    return new TemplateSet(handlebars, layouts, partials);
  }

  /** The layout names, sorted. */
  names(): string[] {
    return [...this.layouts.keys()].sort();
  }

  /** A layout's declared settings; an unknown name is an error with a suggestion. */
  settings(name: string): LayoutSettings {
    return this.layout(name).settings;
  }

  /** Every file a layout may use (itself and all partials), for the build record. */
  files(name: string): { file: string; text: string }[] {
    return [this.layout(name), ...this.partials];
  }

  /** Renders a layout with a context. */
  render(name: string, context: object): string {
    const layout = this.layout(name);
    let template = this.compiled.get(name);
    if (!template) {
      template = this.handlebars.compile(layout.text, { strict: false, noEscape: false });
      this.compiled.set(name, template);
    }
    try {
      return template(context);
    } catch (error) {
      const message = (error as Error).message;
      const partial = /The partial (\S+) could not be found/.exec(message)?.[1];
      throw new BriefwrightError(
        partial
          ? `missing partial '${partial}'${didYouMean(partial, this.partials.map((p) => p.name))}; partials live in templates/partials/`
          : `template failed: ${message}`,
        { location: { file: layout.file }, cause: error },
      );
    }
  }

  private layout(name: string) {
    const layout = this.layouts.get(name);
    if (!layout) {
      throw new BriefwrightError(`unknown template '${name}'${didYouMean(name, this.layouts.keys())} (have: ${this.names().join(', ')})`);
    }
    return layout;
  }
}

function checkSyntax(handlebars: typeof Handlebars, template: TemplateFile): void {
  try {
    handlebars.parse(template.text);
  } catch (error) {
    const message = (error as Error).message;
    const line = Number(/on line (\d+)/.exec(message)?.[1] ?? 1);
    const reason = message.split('\n').at(-1) ?? message;
    throw new BriefwrightError(`template syntax error: ${reason}`, {
      location: { file: template.file, line: line + template.firstLine - 1 },
      cause: error,
    });
  }
}
