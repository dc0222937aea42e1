import { CitationEngines } from './citations/citation-engines.js';
import { resolveStyle } from './citations/styles.js';
import { numberBrief } from './compose/brief-numbering.js';
import { composeBrief } from './compose/compose-brief.js';
import { checkLabelFiles } from './compose/label-check.js';
import { SectionTrees } from './compose/section-trees.js';
import { thinReferenceWarnings } from './citations/thin-references.js';
import { unknownKeys } from './citations/unknown-keys.js';
import { loadStylesheet } from './compose/stylesheets.js';
import { TemplateSet } from './compose/templates.js';
import { listThemes, loadTheme } from './compose/theme.js';
import { BriefwrightError, ProblemCollector, ProblemList } from './errors.js';
import { mergeFields, resolveRequest } from './project/brief-request.js';
import { loadConfig } from './project/config.js';
import { readProject, type Project } from './project/load-project.js';
import type { Reference } from './citations/reference.js';
import { readRecipe } from './project/recipe.js';
import { selectInLanguage, versionsFor } from './sections/languages.js';
import { checkTranslations, type TranslationCoverage } from './sections/translation-checks.js';
import { allTranslations } from './sections/translations.js';

/** What `check` found: problems (errors) and warnings. */
export interface CheckReport {
  problems: BriefwrightError[];
  warnings: string[];
  /** How far the library is translated, per language. */
  translations: TranslationCoverage[];
}

/**
 * Validates a whole project without rendering: taxonomy, every section's front
 * matter and citations, bibliographies, templates, and every recipe composed as
 * `build` would. Reports every problem, not just the first.
 */
export async function check(options: { root: string }): Promise<CheckReport> {
  const problems = new ProblemCollector();
  const warnings: string[] = [];
  let project: Project;
  try {
    const read = await readProject(options);
    project = read.project;
    read.problems.forEach((problem) => problems.add(problem));
  } catch (error) {
    problems.add(error);
    return { problems: problems.problems, warnings, translations: [] };
  }
  const references = project.references.byId;
  const trees = new SectionTrees(project.root);
  const cited = new Set<string>();
  const allCitations = [...project.sections, ...allTranslations(project.sections)].flatMap((section) => {
    const { citations, problems: markdownProblems } = trees.get(section);
    markdownProblems.forEach((problem) => problems.add(problem));
    for (const { match } of citations) for (const item of match.items) cited.add(item.key);
    return citations;
  });
  unknownKeys(allCitations, references, project.references.unreadable).forEach((problem) => problems.add(problem));
  const templates = await TemplateSet.load({ layers: project.layers }).catch((error) => {
    problems.add(error);
    return undefined;
  });
  const translated = checkTranslations(project.sections, (section) => trees.get(section));
  warnings.push(...translated.warnings);
  const languages = new Set([project.taxonomy.lang, ...translated.coverage.map((language) => language.lang), ...project.taxonomy.languages()]);
  if (templates) {
    for (const file of templates.labelFiles.projectFiles()) languages.add(file.lang);
    // Labels and cross-references across the whole library, as if one brief picked every section, in each language.
    for (const lang of languages) {
      problems.attempt(() =>
        numberBrief(
          versionsFor(project.sections, [lang]).map((section) => ({ id: section.id, title: section.title, file: section.file, rendered: trees.get(section) })),
          templates.labels(lang),
        ),
      );
    }
  }
  // Every theme the project provides, whether or not a recipe uses it yet.
  for (const theme of listThemes(project.layers).filter((theme) => theme.origin === 'project')) {
    await loadTheme(project.layers, theme.name).catch((error) => problems.add(error));
  }
  const config = await loadConfig(project.root).catch((error) => {
    problems.add(error);
    return undefined;
  });
  if (templates && config) {
    const engines = new CitationEngines();
    for (const file of project.recipeFiles) {
      try {
        const recipe = await readRecipe(project.root, file);
        for (const key of Array.isArray(recipe.fields.nocite) ? recipe.fields.nocite : []) cited.add(key);
        const request = resolveRequest({
          fields: mergeFields(config.defaults, recipe.fields),
          taxonomy: project.taxonomy,
          recipe,
          today: '2000-01-01',
          labels: (lang) => templates.labels(lang),
        });
        const composed = composeBrief({
          request,
          sections: templates.settings(request.template).sections ? selectInLanguage(project.sections, request) : [],
          taxonomy: project.taxonomy,
          references,
          unreadable: project.references.unreadable,
          items: project.references.items,
          trees,
          style: resolveStyle(request.style, { root: project.root }),
          engines,
          templates,
          stylesheet: await loadStylesheet({ layers: project.layers, theme: request.theme }),
        });
        warnings.push(...composed.warnings.map((warning) => `${file}: ${warning}`));
      } catch (error) {
        if (error instanceof ProblemList) problems.add(error);
        else if (error instanceof BriefwrightError && !error.location) {
          problems.add(new BriefwrightError(error.message, { location: { file }, cause: error }));
        } else problems.add(error);
      }
    }
  }
  const byDoi = new Map<string, Reference>();
  for (const reference of references.values()) {
    const doi = typeof reference.item.DOI === 'string' ? reference.item.DOI.toLowerCase().replace(/^https?:\/\/(dx\.)?doi\.org\//, '') : '';
    if (!doi) continue;
    const first = byDoi.get(doi);
    if (first) {
      problems.add(
        new BriefwrightError(`references '${first.id}' (${first.file}:${first.line}) and '${reference.id}' have the same DOI ${doi}; keep one`, {
          location: { file: reference.file, line: reference.line },
        }),
      );
    } else byDoi.set(doi, reference);
  }
  warnings.push(...thinReferenceWarnings(references.values(), cited));
  const uncited = [...references.values()].filter((reference) => !cited.has(reference.id));
  for (const reference of uncited) {
    warnings.push(`${reference.file}:${reference.line}: reference '${reference.id}' is not cited by any section or recipe`);
  }
  if (templates) {
    const labels = checkLabelFiles(templates, languages);
    labels.problems.forEach((problem) => problems.add(problem));
    warnings.push(...labels.warnings);
  }
  return { problems: dedupe(problems.problems), warnings, translations: translated.coverage };
}

function dedupe(problems: BriefwrightError[]): BriefwrightError[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const text = problem.format();
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}
