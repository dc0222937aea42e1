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
import { BriefwrightError, located, ProblemCollector, withLocation } from './errors.js';
import { layoutFor, pickSections } from './plan.js';
import { fieldLocator, mergeFields, resolveRequest } from './project/brief-request.js';
import { loadConfig } from './project/config.js';
import { LAYOUT, listFiles, readProject, type Project } from './project/load-project.js';
import { intendedSectionName } from './sections/load-sections.js';
import type { Reference } from './citations/reference.js';
import { readRecipe } from './project/recipe.js';
import { versionsFor } from './sections/languages.js';
import { checkTranslations, type TranslationCoverage } from './sections/translation-checks.js';
import { allTranslations } from './sections/translations.js';
import { brokenPicks } from './sections/select.js';

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
  warnings.push(...(await unreadFiles(project.root)));
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
          where: fieldLocator({ config, recipe }),
          today: '2000-01-01',
          labels: (lang) => templates.labels(lang),
        });
        // A recipe that picks a section with errors is only as wrong as that section, reported above.
        if (brokenPicks(project.brokenSections, request).length > 0) continue;
        const layout = layoutFor(templates, request);
        const composed = composeBrief({
          request,
          sections: layout.sections ? pickSections(project, request) : [],
          taxonomy: project.taxonomy,
          references,
          unreadable: project.references.unreadable,
          items: project.references.items,
          trees,
          style: located(() => resolveStyle(request.style, { root: project.root }), request.where('style')),
          engines,
          templates,
          stylesheet: await loadStylesheet({ layers: project.layers, theme: request.theme }).catch((error: unknown) => {
            throw withLocation(error, request.where('theme'));
          }),
        });
        warnings.push(...composed.warnings.map((warning) => `${file}: ${warning}`));
      } catch (error) {
        problems.add(withLocation(error, { file }));
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
  // A section that could not be loaded may cite a reference: it is not called uncited then.
  const mentioned = (id: string) => project.brokenSections.some((section) => section.source.includes(`@${id}`));
  const uncited = [...references.values()].filter((reference) => !cited.has(reference.id) && !mentioned(reference.id));
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

/** Files that look meant as sections or recipes but sit where briefwright does not read them. */
async function unreadFiles(root: string): Promise<string[]> {
  const warnings: string[] = [];
  for (const file of await listFiles(root, LAYOUT.content)) {
    const name = intendedSectionName(file);
    if (file.startsWith(`${LAYOUT.sections}/`)) {
      if (name) warnings.push(`${file}: not read as a section, since section files end in .md; rename it ${name}`);
    } else if ((file.endsWith('.md') || name) && !/(^|\/)readme\.md$/i.test(file)) warnings.push(`${file}: not read as a section; sections go in ${LAYOUT.sections}/`);
  }
  for (const file of await listFiles(root, LAYOUT.briefs)) {
    if (/\.ya?ml$/.test(file) && file.split('/').length > 2) warnings.push(`${file}: not read as a recipe; recipes go directly in ${LAYOUT.briefs}/`);
  }
  return warnings;
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
