import { BriefwrightError, ProblemList } from '../errors.js';
import { didYouMean } from '../project/suggest.js';
import { CODE_LABELS } from './labels.js';
import type { TemplateSet } from './templates.js';

/**
 * Checks that every layout can be printed in each of `languages` (every label
 * it prints has a text), and warns of labels in the project's own label files
 * that nothing prints, which is usually a misspelt name.
 */
export function checkLabelFiles(templates: TemplateSet, languages: Iterable<string>): { problems: BriefwrightError[]; warnings: string[] } {
  const problems: BriefwrightError[] = [];
  for (const lang of new Set(languages)) {
    try {
      const labels = templates.labels(lang);
      for (const layout of templates.names()) {
        try {
          templates.checkLabels(layout, labels);
        } catch (error) {
          if (!(error instanceof BriefwrightError)) throw error;
          problems.push(...(error instanceof ProblemList ? error.problems : [error]));
        }
      }
    } catch (error) {
      if (!(error instanceof BriefwrightError)) throw error;
      problems.push(error);
    }
  }
  const used = new Set<string>([...CODE_LABELS, ...templates.names().flatMap((layout) => templates.labelUses(layout).map((use) => use.name))]);
  const warnings: string[] = [];
  for (const file of templates.labelFiles.projectFiles()) {
    for (const [name, entry] of file.entries) {
      if (used.has(name)) continue;
      const line = entry.location.line === undefined ? file.file : `${file.file}:${entry.location.line}`;
      warnings.push(`${line}: label '${name}' is not printed by any template${didYouMean(name, used)}`);
    }
  }
  return { problems, warnings };
}
