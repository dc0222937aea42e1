import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkLabelFiles } from '../../src/compose/label-check.js';
import { LabelFiles } from '../../src/compose/label-files.js';
import { TemplateSet } from '../../src/compose/templates.js';
import { BriefwrightError, ProblemList } from '../../src/errors.js';
import { FileLayers } from '../../src/project/file-layers.js';
import { PACKAGE_ROOT } from '../../src/project/package-root.js';

let project: string;
let layers: FileLayers;

async function put(file: string, text: string) {
  await mkdir(path.dirname(path.join(project, file)), { recursive: true });
  await writeFile(path.join(project, file), text);
}

function messages(error: unknown): string[] {
  if (error instanceof ProblemList) return error.problems.map((problem) => problem.format());
  if (error instanceof BriefwrightError) return [error.format()];
  throw error;
}

beforeEach(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'briefwright-labels-'));
  layers = new FileLayers({ project, builtIn: PACKAGE_ROOT });
});
afterEach(async () => {
  await rm(project, { recursive: true, force: true });
});

describe('label files', () => {
  it('fill fields and plural forms by the rules of the language', async () => {
    const labels = await LabelFiles.load(layers);
    const es = labels.forLanguage('es');
    expect(es.text('pageOfPages', { page: 2, pages: 4 })).toBe('Página 2 de 4');
    expect(es.text('bibliographyIntro', { count: 1 })).toMatch(/^Esta bibliografía reúne 1 obra\./);
    expect(es.text('bibliographyIntro', { count: 12 })).toMatch(/^Esta bibliografía reúne 12 obras\./);
    expect(labels.forLanguage('en').text('bibliographyIntro', { count: 1 })).toMatch(/^This bibliography lists 1 work\./);
  });

  it('let a project change one label, and a region change only what differs', async () => {
    await put('templates/labels/es.yaml', 'keyPoints: Lo esencial\n');
    await put('templates/labels/es-MX.yaml', 'skipLink: Saltar al contenido\n');
    const labels = await LabelFiles.load(layers);
    expect(labels.forLanguage('es').text('keyPoints')).toBe('Lo esencial');
    expect(labels.forLanguage('es').text('references')).toBe('Referencias');
    const mexico = labels.forLanguage('es-MX');
    expect([mexico.text('skipLink'), mexico.text('keyPoints'), mexico.text('notes')]).toEqual(['Saltar al contenido', 'Lo esencial', 'Notas']);
    expect(labels.files('es-MX').map((file) => path.relative(PACKAGE_ROOT, file).replace(/^.*?templates/, 'templates'))).toEqual([
      'templates/labels/es.yaml',
      'templates/labels/es.yaml',
      'templates/labels/es-MX.yaml',
    ]);
  });

  it('say which languages have labels when a brief asks for one that has none', async () => {
    const labels = await LabelFiles.load(layers);
    expect(() => labels.forLanguage('fr')).toThrow(/^no labels for French \(fr\): add templates\/labels\/fr\.yaml .*\(labels exist for: en, es\)$/);
  });

  it('refuse a field the label does not have, and a message that does not parse, at its line', async () => {
    await put('templates/labels/es.yaml', '# mine\nnotes: Notas\npageOfPages: Página {pagina} de {pages}\nreferences: "Referencias {"\n');
    const error = await LabelFiles.load(layers).catch((caught: unknown) => caught);
    expect(messages(error)).toEqual([
      expect.stringMatching(/^templates\/labels\/es\.yaml:4:13: label text is not a valid message: /),
    ]);
    await put('templates/labels/es.yaml', 'pageOfPages: Página {pagina} de {pages}\n');
    expect(messages(await LabelFiles.load(layers).catch((caught: unknown) => caught))).toEqual([
      "templates/labels/es.yaml:1:14: label 'pageOfPages' uses {pagina}, which is not one of its fields ({page}, {pages})",
    ]);
  });
});

describe('labels a template prints', () => {
  it('are found in the template and the partials it includes, and a missing one names template, label and language', async () => {
    await put('templates/flyer.hbs', '<!DOCTYPE html>\n<html lang="{{brief.lang}}">\n<body>\n<p>{{labels.callToAction}}</p>\n{{> flyer-foot}}\n</body></html>\n');
    await put('templates/partials/flyer-foot.hbs', '<footer>{{label "contactUs" phone=brief.phone}} {{labels.refrences}}</footer>\n');
    await put('templates/labels/en.yaml', 'callToAction: Come to the meeting\ncontactUs: "Call {phone}"\n');
    const templates = await TemplateSet.load({ layers });
    expect(templates.labelUses('flyer').map((use) => use.name).sort()).toEqual(['callToAction', 'contactUs', 'refrences']);
    expect(templates.labelUses('handout').map((use) => use.name)).toContain('sources');
    const problems = (() => {
      try {
        templates.checkLabels('flyer', templates.labels('es'));
        return [];
      } catch (error) {
        return messages(error);
      }
    })();
    expect(problems).toEqual([
      "templates/flyer.hbs:4:6: label 'callToAction' has no text in Spanish (es); add it to templates/labels/es.yaml",
      "templates/partials/flyer-foot.hbs:1:17: label 'contactUs' has no text in Spanish (es); add it to templates/labels/es.yaml",
      "templates/partials/flyer-foot.hbs:1:51: unknown label 'refrences' (did you mean 'references'?); labels are set in templates/labels/<lang>.yaml",
    ]);
    expect(() => templates.checkLabels('handout', templates.labels('es'))).not.toThrow();
  });

  it('are checked by check for every layout in each language, and a project label nothing prints is a warning', async () => {
    await put('templates/labels/es.yaml', 'keyPoint: Punto clave\n');
    await put('templates/labels/fr.yaml', 'references: Références\n');
    const templates = await TemplateSet.load({ layers });
    const report = checkLabelFiles(templates, ['en', 'es', 'fr']);
    expect(report.warnings).toEqual(["templates/labels/es.yaml:1: label 'keyPoint' is not printed by any template (did you mean 'keyPoints'?)"]);
    const french = report.problems.map((problem) => problem.format());
    expect(french).toContainEqual(expect.stringMatching(/templates\/partials\/takeaways\.hbs:3:\d+: label 'keyTakeaways' has no text in French \(fr\); add it to templates\/labels\/fr\.yaml$/));
    expect(french).toContain("label 'kindBackground' (printed by briefwright in every brief) has no text in French (fr); add it to templates/labels/fr.yaml");
    expect(french.every((line) => line.includes('(fr)'))).toBe(true);
  });
});
