import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOutputs } from '../src/audit/audit-outputs.js';
import { build, type BriefResult } from '../src/build.js';
import { main } from '../src/cli.js';
import { LabelFiles } from '../src/compose/label-files.js';
import { ExitCode } from '../src/errors.js';
import { FileLayers } from '../src/project/file-layers.js';
import { PACKAGE_ROOT } from '../src/project/package-root.js';
import { captureConsole, copyFixture } from './helpers/fixture.js';
import { hasJava } from './helpers/java.js';
import { pdfFacts, pdfPages, readHtml } from './helpers/read-output.js';

const SPANISH = ['espanol', 'espanol-breve', 'bibliografia'];

let root: string;
let cleanup: () => Promise<void>;
let results: BriefResult[];
let englishWords: RegExp[];

const html = (name: string) => readHtml(path.join(root, 'output', `${name}.html`));
const pdfText = (name: string) => pdfPages(path.join(root, 'output', `${name}.pdf`)).join('\n').replace(/\s+/g, ' ');

/** What a reader meets in a page: its text, and the words screen readers say from attributes. */
function readerText(page: Root): string {
  const said = selectAll('[aria-label], [alt], [title]', page).flatMap((node) => ['ariaLabel', 'alt', 'title'].map((key) => String(node.properties[key] ?? '')));
  return [toString(select('body', page)!), ...said].join(' ').replace(/\s+/g, ' ');
}

async function cli(...args: string[]) {
  const console = captureConsole();
  const code = await main([...args, '--root', root], console.io);
  return { code, out: console.out.join('\n'), err: console.err.join('\n') };
}

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('languages'));
  results = await build({ root, jobs: 2 });
  // Every word of the built-in English labels, with their fields taken out ("Page", "of" from "Page {page} of {pages}"),
  // in any case: layouts print some labels in capitals.
  const english = (await LabelFiles.load(new FileLayers({ project: PACKAGE_ROOT, builtIn: PACKAGE_ROOT }))).forLanguage('en');
  const fields = { number: '|', page: '|', pages: '|', title: '|', topics: '|', populations: '|', count: 2 };
  const phrases = english.names().flatMap((name) => english.text(name, fields).split(/\||\d+/).map((part) => part.trim().replace(/[.:]$/, '')));
  englishWords = [...new Set(phrases.filter((phrase) => phrase.length >= 3))].map((phrase) => new RegExp(`(?<![\\p{L}])${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu'));
}, 240_000);

afterAll(async () => {
  await cleanup();
});

describe('an English and a Spanish brief from the same sections', () => {
  it('builds every brief, English and Spanish', () => {
    expect(results.map((result) => `${result.name} ${result.status} ${result.error?.format() ?? ''}`.trim()).sort()).toEqual([
      'bibliografia built',
      'con-respaldo built',
      'english built',
      'espanol built',
      'espanol-breve built',
    ]);
  });

  it('prints the English brief in English and the Spanish one from the translations', async () => {
    const english = readerText(await html('english'));
    for (const phrase of ['Key takeaways', 'Background', 'Connection at home', 'December 1, 2026', 'Figure 1.']) expect(english).toContain(phrase);
    const spanish = readerText(await html('espanol-breve'));
    for (const phrase of ['Ideas clave', 'Contexto', 'La conexión en casa', 'Enlaces familiares bilingües', '1 de diciembre de 2026', 'Figura 1.', 'La figura 1 muestra', 'Preparado para', 'Referencias', 'Nota 1']) {
      expect(spanish).toContain(phrase);
    }
    expect(spanish).not.toContain('Lend devices');
  });

  it('leaves no English label in the Spanish HTML or PDF', async () => {
    for (const name of SPANISH) {
      const texts = { html: readerText(await html(name)), pdf: pdfText(name) };
      for (const [where, text] of Object.entries(texts)) {
        const found = englishWords.filter((word) => word.test(text)).map((word) => word.source);
        expect(found, `${name}.${where}`).toEqual([]);
      }
    }
    // The same search finds the English labels in the English brief.
    expect(englishWords.filter((word) => word.test(pdfText('english'))).length).toBeGreaterThan(8);
    expect(pdfText('espanol')).toMatch(/Página 2 de 6/);
    expect(pdfText('espanol')).toContain('Contenido');
    const css = selectAll('style', await html('espanol')).map((node) => toString(node)).join('\n');
    expect(css).toContain('"Página " counter(page) " de " counter(pages)');
    expect(pdfText('bibliografia')).toContain('Esta bibliografía reúne 3 obras.');
  });

  it('prints the references in the Spanish CSL locale', () => {
    expect(pdfText('espanol')).toContain('Rural Broadband Council. (s. f.).');
    expect(pdfText('english')).toContain('Rural Broadband Council. (n.d.).');
  });

  it('sets the language of the page, of every section printed in another, and of the PDF', async () => {
    expect(select('html', await html('espanol'))?.properties.lang).toBe('es');
    expect(select('html', await html('english'))?.properties.lang).toBe('en');
    const fallback = await html('con-respaldo');
    expect(selectAll('section.section', fallback).map((node) => `${node.properties.id} ${node.properties.lang ?? '-'}`)).toEqual([
      'section-home-connectivity -',
      'section-family-liaisons -',
      'section-lend-devices en',
    ]);
    expect(selectAll('.takeaways li[lang]', fallback).map((node) => toString(node))).toEqual(['Budget for repairs, data and help in the family\'s language, not only for the devices.']);
    expect(selectAll('.meta span[lang="en"]', fallback).map((node) => toString(node))).toEqual(['Newcomer students']);
    const facts = await pdfFacts(path.join(root, 'output', 'espanol.pdf'));
    expect(facts.language).toBe('es');
    expect(facts.keywords).toBe('Estudiantes que aprenden inglés');
  });

  it('warns when sections and labels of terms stand in for missing translations', () => {
    const warnings = results.find((result) => result.name === 'con-respaldo')!.warnings;
    expect(warnings).toEqual([
      "content/taxonomy.yaml: population 'newcomers' has no label in Spanish (es); printed in English (fallback: en)",
      'a section has no Spanish translation and is printed in English (fallback: en): content/sections/recommendations/lend-devices.md',
    ]);
  });

  it('refuses a Spanish brief with an untranslated section unless it names a fallback', async () => {
    const [failed] = await build({ root, fields: { lang: 'es', populations: ['english-learners'], formats: ['html'] }, name: 'sin-respaldo' });
    expect(failed!.status).toBe('failed');
    expect(failed!.error?.format()).toBe(
      [
        'the brief is in Spanish (es), but a section it picks has no Spanish translation:',
        '  content/sections/recommendations/lend-devices.md',
        'translate it (lend-devices.es.md beside lend-devices.md), or pass --fallback en to print the English original',
      ].join('\n'),
    );
  });

  it.skipIf(!hasJava)('keeps the Spanish briefs valid HTML and free of accessibility failures', async () => {
    const files = [...SPANISH, 'con-respaldo'].map((name) => path.join(root, 'output', `${name}.html`));
    expect((await auditOutputs({ root, files })).map((problem) => problem.format())).toEqual([]);
  });
});

describe('keeping translations in step with their originals', () => {
  const original = 'content/sections/background/home-connectivity.md';
  const translation = 'content/sections/background/home-connectivity.es.md';
  const behind = `${translation}: the English original changed since this translation was made`;

  it('says so in status and check once the English original changes, until the translation is marked again', async () => {
    expect((await cli('status')).out).not.toContain(behind);
    const file = path.join(root, original);
    await writeFile(file, (await readFile(file, 'utf8')).replace('reach the internet only through a phone', 'reach the internet only through a mobile phone'));
    const status = await cli('status');
    expect(status.out).toContain(`warning: ${behind}`);
    expect(status.out).toContain('english.html, english.pdf: section home-connectivity.md changed');
    const check = await cli('check');
    expect(check.code).toBe(ExitCode.ok);
    expect(check.err).toContain(`warning: ${behind}`);
    expect(check.out).toContain('translations: Spanish (es): 2 of 3 sections translated (67%), 1 behind its original');
    expect((await cli('translate', 'mark', translation)).out).toContain(`${translation}: marked as translated from the current ${original}`);
    expect((await cli('check')).err).not.toContain(behind);
  });

  it('makes the Spanish briefs stale when a translation is edited', async () => {
    const file = path.join(root, translation);
    await writeFile(file, (await readFile(file, 'utf8')).replace('desde el teléfono', 'desde el teléfono móvil'));
    const status = await cli('status');
    expect(status.out).toContain('espanol.html, espanol.pdf: section home-connectivity.es.md changed');
    expect(status.out).not.toMatch(/^english\.html.*home-connectivity\.es\.md/m);
  });
});
