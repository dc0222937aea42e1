import { BriefwrightError, type SourceLocation } from '../errors.js';
import { languageName } from '../project/language-tags.js';
import { didYouMean } from '../project/suggest.js';
import { CODE_LABELS, type Labels } from './labels.js';

/** A label a template prints, and where. */
export interface LabelUse {
  name: string;
  location: SourceLocation;
}

/** What a template's text uses: labels, and the partials it includes by name. */
export interface TemplateUses {
  labels: LabelUse[];
  /** Names of partials included by a fixed name. */
  partials: string[];
  /** Whether it includes a partial whose name is computed, so any partial may be used. */
  dynamicPartials: boolean;
}

// `labels.NAME`, `@root.labels.NAME` and `../labels.NAME` all read the brief's labels.
const LABEL_PATH = /^(?:@root\.|(?:\.\.\/)+)?labels\.([A-Za-z][A-Za-z0-9]*)$/;

interface Node {
  type?: string;
  original?: string;
  loc?: { start: { line: number; column: number } };
  path?: Node;
  params?: Node[];
  name?: Node;
  value?: unknown;
}

/**
 * Finds, in a parsed template, every label it prints (`{{labels.NAME}}`, as a
 * partial's argument too, or `{{label "NAME"}}`) and every partial it includes,
 * so a missing label can be reported before anything is rendered.
 */
export function templateUses(program: hbs.AST.Program, file: string, firstLine: number): TemplateUses {
  const uses: TemplateUses = { labels: [], partials: [], dynamicPartials: false };
  const at = (node: Node): SourceLocation => ({ file, line: (node.loc?.start.line ?? 1) + firstLine - 1, column: (node.loc?.start.column ?? 0) + 1 });
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const node = value as Node;
    if (node.type === 'PathExpression') {
      const name = LABEL_PATH.exec(node.original ?? '')?.[1];
      if (name) uses.labels.push({ name, location: at(node) });
    }
    if ((node.type === 'MustacheStatement' || node.type === 'SubExpression') && node.path?.original === 'label') {
      const [first] = node.params ?? [];
      if (first?.type === 'StringLiteral' && typeof first.value === 'string') uses.labels.push({ name: first.value, location: at(first) });
    }
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      if (node.name?.type === 'PathExpression' && node.name.original) uses.partials.push(node.name.original);
      else uses.dynamicPartials = true;
    }
    for (const child of Object.values(node)) if (child && typeof child === 'object') visit(child);
  };
  visit(program);
  return uses;
}

/**
 * Problems for every label a layout (with the partials it uses) or briefwright
 * itself needs that has no text in the brief's language, naming the template,
 * the label and the language.
 */
export function missingLabels(uses: readonly LabelUse[], labels: Labels, known: Iterable<string>): BriefwrightError[] {
  const problems: BriefwrightError[] = [];
  const where = `templates/labels/${labels.lang}.yaml`;
  const reported = new Set<string>();
  for (const use of uses) {
    if (labels.has(use.name) || reported.has(`${use.location.file}|${use.name}`)) continue;
    reported.add(`${use.location.file}|${use.name}`);
    const knownNames = [...known];
    const message = knownNames.includes(use.name)
      ? `label '${use.name}' has no text in ${languageName(labels.lang)}; add it to ${where}`
      : `unknown label '${use.name}'${didYouMean(use.name, knownNames)}; labels are set in templates/labels/<lang>.yaml`;
    problems.push(new BriefwrightError(message, { location: use.location }));
  }
  for (const name of CODE_LABELS) {
    if (!labels.has(name)) problems.push(new BriefwrightError(`label '${name}' (printed by briefwright in every brief) has no text in ${languageName(labels.lang)}; add it to ${where}`));
  }
  return problems;
}
