import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTaxonomy } from '../../src/project/taxonomy.js';
import { selectInLanguage, versionsFor } from '../../src/sections/languages.js';
import { loadSections } from '../../src/sections/load-sections.js';
import { withVersion } from '../../src/sections/mark-translation.js';
import { isBehind, sectionVersion } from '../../src/sections/translations.js';
import type { BriefRequest } from '../../src/project/brief-request.js';

const taxonomy = parseTaxonomy(
  [
    'populations:',
    '  - {id: english-learners, label: {en: English learners, es: Estudiantes que aprenden inglés}, aliases: [els]}',
    '  - {id: newcomers, label: Newcomers}',
    'topics:',
    '  - {id: technology-access, label: {en: Technology access, es: Acceso a la tecnología}}',
    '  - {id: family-engagement, label: Family engagement}',
  ].join('\n'),
  'content/taxonomy.yaml',
);

const ORIGINAL = '---\ntitle: Devices\npopulations: [els]\ntopics: [technology-access]\nkind: barrier\nweight: 5\nsummary: Few have devices.\n---\nBody text.\n';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'briefwright-translations-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function load(files: Record<string, string>) {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  const { sections, broken } = await loadSections({ root, files: Object.keys(files).sort(), taxonomy });
  return { sections, broken, problems: broken.flatMap((section) => section.problems).map((problem) => problem.format()) };
}

describe('translated sections', () => {
  it('sit beside their original or name it, take its tags unless they set their own, and are no sections of their own', async () => {
    const { sections, problems } = await load({
      'content/sections/devices.md': ORIGINAL,
      'content/sections/devices.es.md': '---\ntitle: Dispositivos\nsummary: Pocos tienen dispositivos.\n---\nTexto.\n',
      'content/sections/fr/appareils.md': '---\nlang: fr\ntranslates: devices\ntitle: Appareils\ntopics: [family-engagement]\n---\nTexte.\n',
      'content/sections/notes.draft.md': '---\ntitle: Draft\npopulations: [els]\ntopics: [technology-access]\nkind: evidence\n---\nA section whose name has a dot.\n',
    });
    expect(problems).toEqual([]);
    expect(sections.map((section) => `${section.id} ${section.lang}`)).toEqual(['devices en', 'notes.draft en']);
    const devices = sections[0]!;
    expect([...devices.translations.keys()]).toEqual(['es', 'fr']);
    expect(devices.translations.get('es')).toMatchObject({ id: 'devices', title: 'Dispositivos', populations: ['english-learners'], topics: ['technology-access'], kind: 'barrier', weight: 5, body: 'Texto.\n', bodyLine: 5 });
    expect(devices.translations.get('fr')).toMatchObject({ file: 'content/sections/fr/appareils.md', topics: ['family-engagement'], summary: '' });
  });

  it('are picked instead of the original in a brief of their language, matched on their own tags', async () => {
    const { sections } = await load({
      'content/sections/devices.md': ORIGINAL,
      'content/sections/devices.es.md': '---\ntitle: Dispositivos\n---\nTexto.\n',
      'content/sections/devices.fr.md': '---\ntitle: Appareils\ntopics: [family-engagement]\n---\nTexte.\n',
    });
    expect(versionsFor(sections, ['es-MX']).map((section) => section.file)).toEqual(['content/sections/devices.es.md']);
    expect(versionsFor(sections, ['de', 'en']).map((section) => section.file)).toEqual(['content/sections/devices.md']);
    const request = (lang: string, fallback?: string) => ({ lang, fallback, populations: ['english-learners'], topics: ['technology-access'], include: [], exclude: [], nocite: [] }) as unknown as BriefRequest;
    expect(selectInLanguage(sections, request('es')).map((section) => section.title)).toEqual(['Dispositivos']);
    // The French translation is tagged for another topic, so a French brief on technology access does not pick it.
    expect(() => selectInLanguage(sections, request('fr'))).toThrow(/^no section matches/);
    expect(() => selectInLanguage(sections, request('de'))).toThrow(/^the brief is in German \(de\), but a section it picks has no German translation:\n {2}content\/sections\/devices\.md\n/);
    expect(selectInLanguage(sections, request('de', 'en')).map((section) => section.lang)).toEqual(['en']);
  });

  it('are refused when they translate no section, say two languages, or repeat a language', async () => {
    const { problems } = await load({
      'content/sections/devices.md': ORIGINAL,
      'content/sections/devics.es.md': '---\ntitle: Dispositivos\n---\nTexto.\n',
      'content/sections/a.md': '---\nlang: de\ntranslates: devices\ntitle: Geräte\n---\nText.\n',
      'content/sections/devices.fr.md': '---\nlang: es\ntitle: Appareils\n---\nTexte.\n',
      'content/sections/b.md': '---\nlang: en\ntranslates: devices\ntitle: Devices again\n---\nText.\n',
      'content/sections/c.md': '---\nlang: de\ntranslates: devices\ntitle: Geräte\n---\nText.\n',
    });
    expect(problems).toEqual([
      "content/sections/devices.fr.md:2:7: front matter 'lang' says es, but the file name says fr; make them agree",
      'content/sections/b.md:3:13: translation into English (en), the language content/sections/devices.md is written in already',
      "content/sections/c.md:3:13: a second German (de) translation of 'devices' (also content/sections/a.md); keep one",
      "content/sections/devics.es.md:2:1: translation of 'devics', but there is no such section (did you mean 'devices'?)",
    ]);
  });
});

describe('the version of an original', () => {
  const base = { title: 'Devices', summary: 'Few have devices.', body: 'Body text.\nSecond line.\n' };

  it('changes with its title, summary or body, but not with line endings or trailing spaces', () => {
    const version = sectionVersion(base);
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(sectionVersion({ ...base, body: 'Body text.  \r\nSecond line.\r\n' })).toBe(version);
    expect(sectionVersion({ ...base, summary: 'Few have a device.' })).not.toBe(version);
    expect(sectionVersion({ ...base, title: 'Computers' })).not.toBe(version);
    expect(sectionVersion({ ...base, body: 'Body text.\n' })).not.toBe(version);
  });

  it('is written into the front matter, replacing an older one and leaving the rest of the file as it was', () => {
    const text = '---\ntitle: Dispositivos   # mine\n---\nTexto.\n';
    expect(withVersion(text, '0123456789abcdef')).toBe('---\ntitle: Dispositivos   # mine\ntranslated-from: "0123456789abcdef"\n---\nTexto.\n');
    expect(withVersion(withVersion(text, '0123456789abcdef'), 'fedcba9876543210')).toBe('---\ntitle: Dispositivos   # mine\ntranslated-from: "fedcba9876543210"\n---\nTexto.\n');
    expect(withVersion('---\r\ntitle: A\r\n---\r\nB\r\n', '0123456789abcdef')).toBe('---\r\ntitle: A\r\ntranslated-from: "0123456789abcdef"\r\n---\r\nB\r\n');
  });

  it('tells a translation made from an older original', async () => {
    const marked = (version: string) => `---\ntitle: Dispositivos\ntranslated-from: "${version}"\n---\nTexto.\n`;
    const current = sectionVersion({ title: 'Devices', summary: 'Few have devices.', body: 'Body text.\n' });
    const now = await load({ 'content/sections/devices.md': ORIGINAL, 'content/sections/devices.es.md': marked(current) });
    expect(isBehind(now.sections[0]!.translations.get('es')!)).toBe(false);
    const before = await load({ 'content/sections/devices.md': ORIGINAL, 'content/sections/devices.es.md': marked('0000000000000000') });
    expect(isBehind(before.sections[0]!.translations.get('es')!)).toBe(true);
  });
});

describe('a taxonomy in several languages', () => {
  it('gives each term its label in a language, and its own where it has none', () => {
    expect(taxonomy.label('population', 'english-learners', 'es-MX')).toBe('Estudiantes que aprenden inglés');
    expect(taxonomy.labelIn('population', 'newcomers', 'es')).toEqual({ text: 'Newcomers', lang: 'en' });
    expect(taxonomy.label('topic', 'technology-access')).toBe('Technology access');
    expect(taxonomy.languages()).toEqual(['es']);
  });

  it('needs a label in its own language', () => {
    expect(() => parseTaxonomy('lang: es\npopulations:\n  - id: a\n    label: {en: A}\ntopics:\n  - {id: t, label: T}\n', 'content/taxonomy.yaml')).toThrow(
      "'a' needs a label in Spanish (es), the taxonomy's language (set lang: at the top of the file to change it)",
    );
    expect(() => parseTaxonomy('populations:\n  - id: a\n    label: {english: A}\ntopics:\n  - {id: t, label: T}\n', 'content/taxonomy.yaml')).toThrow(/one text per language such as \{en: \.\.\., es: \.\.\.\}/);
  });
});
