import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BriefResult } from '../src/build.js';
import { check } from '../src/check.js';
import { mergeFields, resolveRequest } from '../src/project/brief-request.js';
import { loadProject, type Project } from '../src/project/load-project.js';
import { PACKAGE_ROOT } from '../src/project/package-root.js';
import { readRecipe } from '../src/project/recipe.js';
import { KINDS } from '../src/sections/section.js';
import { selectInLanguage } from '../src/sections/languages.js';
import { pdfPages } from './helpers/read-output.js';

// The shipped content library and recipes, as a new user gets them.
let project: Project;
beforeAll(async () => {
  project = await loadProject({ root: PACKAGE_ROOT });
});

async function picks(recipe: string) {
  const read = await readRecipe(PACKAGE_ROOT, `briefs/${recipe}.yaml`);
  const request = resolveRequest({ fields: mergeFields(read.fields), taxonomy: project.taxonomy, recipe: read, today: '2026-01-01' });
  return selectInLanguage(project.sections, request);
}

describe('the shipped library', () => {
  it('passes check with no problems', async () => {
    const report = await check({ root: PACKAGE_ROOT });
    expect(report.problems.map((problem) => problem.format())).toEqual([]);
    expect(report.warnings.filter((warning) => warning.includes('.es.md'))).toEqual([]);
    expect(report.translations).toEqual([{ lang: 'es', translated: 3, total: project.sections.length, behind: 0 }]);
  });

  it('covers every population with background, barrier, practice and recommendation sections', () => {
    for (const population of project.taxonomy.populations) {
      const kinds = new Set(project.sections.filter((s) => s.populations.includes(population.id)).map((s) => s.kind));
      for (const kind of ['background', 'barrier', 'practice', 'recommendation'] as const) {
        expect(kinds.has(kind), `${population.id} has a ${kind} section`).toBe(true);
      }
    }
  });

  it('gives the English-learner brief its technology and learning-plan sections, and no trauma-only section', async () => {
    const sections = await picks('english-learners');
    const ids = sections.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['el-connectivity', 'plps-for-english-learners', 'plan-for-technology-access']));
    expect(sections.some((s) => s.topics.includes('technology-access'))).toBe(true);
    expect(sections.some((s) => s.topics.includes('learning-plans'))).toBe(true);
    const traumaOnly = project.sections.filter((s) => s.populations.length === 1 && s.populations[0] === 'students-experiencing-trauma');
    expect(traumaOnly.length).toBeGreaterThan(0);
    for (const section of traumaOnly) expect(ids).not.toContain(section.id);
    expect(sections.map((s) => KINDS.indexOf(s.kind))).toEqual([...sections.map((s) => KINDS.indexOf(s.kind))].sort((a, b) => a - b));
  });

  it('has a recipe per population, and the technology, handout, report and bibliography recipes', () => {
    const names = project.recipeFiles.map((file) => path.basename(file, '.yaml'));
    for (const population of project.taxonomy.populations) expect(names).toContain(population.id);
    expect(names).toEqual(expect.arrayContaining(['technology-access', 'advocacy-handout', 'familias-aprendices-de-ingles', 'full-report', 'rel-annotated-bibliography']));
  });

  it('translates every section of the Spanish handout for families, citing what the originals cite', async () => {
    const spanish = await picks('familias-aprendices-de-ingles');
    expect(spanish.map((section) => `${section.lang} ${section.id}`)).toEqual((await picks('advocacy-handout')).map((section) => `es ${section.id}`));
    expect(spanish.every((section) => section.translationOf?.madeFrom === section.translationOf?.current)).toBe(true);
  });
});

describe('page budgets of the shipped designs', () => {
  const outputDir = path.join(os.tmpdir(), `briefwright-library-${process.pid}`);
  let results: BriefResult[];
  beforeAll(async () => {
    results = await build({ root: PACKAGE_ROOT, recipes: ['advocacy-handout', 'familias-aprendices-de-ingles', 'english-learners'], outputDir, force: true, strict: true });
  });
  afterAll(async () => {
    await rm(outputDir, { recursive: true, force: true });
  });

  it('prints the handouts, English and Spanish, on exactly one page and the brief within four', () => {
    expect(results.map((r) => [r.name, r.status, r.error?.format()])).toEqual([
      ['advocacy-handout', 'built', undefined],
      ['familias-aprendices-de-ingles', 'built', undefined],
      ['english-learners', 'built', undefined],
    ]);
    expect(pdfPages(path.join(outputDir, 'advocacy-handout.pdf'))).toHaveLength(1);
    expect(pdfPages(path.join(outputDir, 'familias-aprendices-de-ingles.pdf'))).toHaveLength(1);
    expect(pdfPages(path.join(outputDir, 'english-learners.pdf')).length).toBeLessThanOrEqual(4);
  });
});
