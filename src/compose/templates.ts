import Handlebars from 'handlebars';
import { BriefwrightError, ProblemList } from '../errors.js';
import type { FileLayers, Origin } from '../project/file-layers.js';
import { didYouMean } from '../project/suggest.js';
import { LabelFiles } from './label-files.js';
import { missingLabels, templateUses, type LabelUse } from './label-uses.js';
import type { Labels } from './labels.js';
import { registerHelpers } from './template-helpers.js';
import { readLayouts, readPartials, type LayoutSettings, type TemplateFile } from './template-files.js';

export type { LayoutSettings } from './template-files.js';

/** The Handlebars layouts and partials of a project, compiled once. */
export class TemplateSet {
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();
  /** Layouts and languages whose labels were checked and found complete. */
  private readonly labelsChecked = new Set<string>();

  private constructor(
    private readonly handlebars: typeof Handlebars,
    private readonly layouts: Map<string, TemplateFile & { settings: LayoutSettings }>,
    private readonly partials: TemplateFile[],
    /** The label files (`templates/labels/<lang>.yaml`), built in and the project's. */
    readonly labelFiles: LabelFiles,
  ) {}

  /**
   * Reads `templates/*.hbs` as layouts and `templates/partials/*.hbs` as partials,
   * each from the project if it has that file, else built in, and the label
   * files of `templates/labels/`; checks their syntax.
   */
  static async load(options: { layers: FileLayers }): Promise<TemplateSet> {
    const { layers } = options;
    const handlebars = Handlebars.create();
    registerHelpers(handlebars);
    const [layouts, partials] = await Promise.all([readLayouts(layers), readPartials(layers)]);
    for (const template of [...layouts.values(), ...partials]) template.uses = templateUses(checkSyntax(handlebars, template), template.file, template.firstLine);
    // Compiled here: a partial registered as text is compiled again at every use.
    for (const partial of partials) handlebars.registerPartial(partial.name, handlebars.compile(partial.text, { strict: false, noEscape: false }));
    return new TemplateSet(handlebars, layouts, partials, await LabelFiles.load(layers));
  }

  /** The layout names, sorted. */
  names(): string[] {
    return [...this.layouts.keys()].sort();
  }

  /** Where a layout comes from: the project or briefwright's built-ins. */
  origin(name: string): Origin {
    return this.layout(name).origin;
  }

  /** The names of the partials the project provides itself (its own or overriding built-in ones), sorted. */
  projectPartials(): string[] {
    return this.partials.filter((partial) => partial.origin === 'project').map((partial) => partial.name);
  }

  /** A layout's declared settings; an unknown name is an error with a suggestion. */
  settings(name: string): LayoutSettings {
    return this.layout(name).settings;
  }

  /** Every file a layout may use (itself and all partials, and the label files of `lang`), for the build record. */
  files(name: string, lang?: string): { file: string }[] {
    return [this.layout(name), ...this.partials, ...(lang ? this.labelFiles.files(lang).map((file) => ({ file })) : [])];
  }

  /** The labels of a language (an error when it has no label file). */
  labels(lang: string): Labels {
    return this.labelFiles.forLanguage(lang);
  }

  /** Every label a layout prints, itself or through the partials it includes. */
  labelUses(name: string): LabelUse[] {
    const byName = new Map(this.partials.map((partial) => [partial.name, partial]));
    const seen = new Set<TemplateFile>();
    const pending: TemplateFile[] = [this.layout(name)];
    for (let template = pending.pop(); template; template = pending.pop()) {
      if (seen.has(template)) continue;
      seen.add(template);
      const uses = template.uses!;
      pending.push(...(uses.dynamicPartials ? this.partials : uses.partials.flatMap((partial) => byName.get(partial) ?? [])));
    }
    return [...seen].flatMap((template) => template.uses!.labels);
  }

  /** Fails when a layout, or briefwright itself, prints a label that has no text in `labels`' language. */
  checkLabels(name: string, labels: Labels): void {
    if (this.labelsChecked.has(`${name}|${labels.lang}`)) return;
    const known = new Set(this.labelFiles.languages().flatMap((lang) => this.labelFiles.forLanguage(lang).names()));
    const problems = missingLabels(this.labelUses(name), labels, known);
    if (problems.length === 1) throw problems[0];
    if (problems.length > 1) throw new ProblemList(problems);
    this.labelsChecked.add(`${name}|${labels.lang}`);
  }

  /** Renders a layout with a context; `labels` serve the `label` helper. */
  render(name: string, context: object, labels?: Labels): string {
    const layout = this.layout(name);
    let template = this.compiled.get(name);
    if (!template) {
      template = this.handlebars.compile(layout.text, { strict: false, noEscape: false });
      this.compiled.set(name, template);
    }
    try {
      return template(context, { data: { labels } });
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

function checkSyntax(handlebars: typeof Handlebars, template: TemplateFile): hbs.AST.Program {
  try {
    return handlebars.parse(template.text);
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
