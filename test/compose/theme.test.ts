import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contrastFailures, completePalette } from '../../src/compose/palette.js';
import { loadStylesheet } from '../../src/compose/stylesheets.js';
import { brandTextIn, listThemes, loadTheme } from '../../src/compose/theme.js';
import { BriefwrightError, ProblemList } from '../../src/errors.js';
import { FileLayers } from '../../src/project/file-layers.js';
import { PACKAGE_ROOT } from '../../src/project/package-root.js';
import { FIXTURES } from '../helpers/fixture.js';

let root: string;
let layers: FileLayers;

async function theme(name: string, files: Record<string, string>) {
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(root, 'styles/themes', name, file);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, text);
  }
}

function problemsOf(error: unknown): string[] {
  if (error instanceof ProblemList) return error.problems.map((problem) => problem.format());
  if (error instanceof BriefwrightError) return [error.format()];
  throw error;
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'briefwright-theme-'));
  layers = new FileLayers({ project: root, builtIn: PACKAGE_ROOT });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('themes', () => {
  it('start from the default theme and change only what they set', async () => {
    await theme('civic', { 'theme.yaml': 'organization: Civic Lab\npalette:\n  primary: "#6a1b4d"\n' });
    const civic = await loadTheme(layers, 'civic');
    expect(civic.palette).toMatchObject({ primary: '#6a1b4d', text: '#1b1f24', background: '#ffffff', label: '#6a1b4d', link: '#6a1b4d' });
    expect(civic.brand.organization).toBe('Civic Lab');
    expect(civic.settingsCss).toContain('--primary: #6a1b4d;');
    expect(civic.origin).toBe('project');
  });

  it('extend another theme, inheriting its logo and brand', async () => {
    await theme('partner-2027', { 'theme.yaml': 'extends: partner\nfooter: A new tagline\n' });
    const child = await loadTheme(layers, 'partner-2027');
    expect(child.brand).toMatchObject({ organization: 'Learning Equity Alliance', footer: 'A new tagline' });
    // Brand texts may be given per language; a brief takes its language's, else English.
    expect(['en', 'es-MX', 'fr'].map((lang) => brandTextIn(child.brand.logoAlt, lang))).toEqual(['Learning Equity Alliance logo', 'Logotipo de Learning Equity Alliance', 'Learning Equity Alliance logo']);
    expect(child.logo).toBe(path.join(PACKAGE_ROOT, 'styles/themes/partner/logo.svg'));
    expect(child.palette.primary).toBe('#0e5e5a');
    expect(child.sheets).toEqual([path.join(PACKAGE_ROOT, 'styles/themes/partner/theme.css')]);
  });

  it('are overridden file by file: a project theme.css replaces the built-in one, the built-in settings stay', async () => {
    await theme('partner', { 'theme.css': '.mine { color: var(--primary); }\n' });
    const sheet = await loadStylesheet({ layers, theme: 'partner' });
    expect(sheet.css).toContain('.mine { color: var(--primary); }');
    expect(sheet.css).not.toContain('@bottom-left { color: var(--primary); font-weight: 600; }');
    expect(sheet.brand.organization).toBe('Learning Equity Alliance');
    expect(listThemes(layers)).toEqual(expect.arrayContaining([{ name: 'partner', origin: 'project' }, { name: 'default', origin: 'built-in' }]));
  });

  it('keep every built-in stylesheet when a project adds only a theme, and the built-in themes', async () => {
    await cp(path.join(FIXTURES, 'brand-theme/styles'), path.join(root, 'styles'), { recursive: true });
    const sheet = await loadStylesheet({ layers, theme: 'every-day-counts' });
    for (const rule of ['.layout-handout main', '.layout-report .report-cover', '.layout-brief main', '.layout-bibliography', '@font-face { font-family: "Public Sans"']) {
      expect(sheet.css).toContain(rule);
    }
    expect(sheet.css).toMatch(/@font-face \{ font-family: "Lora"; font-style: normal; font-weight: 700; font-display: block; src: url\("data:font\/woff2;base64,/);
    expect(sheet.css).toContain('--font-headings: "Lora", "Helvetica Neue", Arial, sans-serif;');
    expect(sheet.css).toContain('--page-margin: 0.8in 0.8in 0.75in;');
    expect(sheet.logo).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await loadStylesheet({ layers, theme: 'default' })).brand.organization).toBeUndefined();
  });

  it('take a font from an @fontsource package', async () => {
    await theme('serif', { 'theme.yaml': 'fonts:\n  headings: "@fontsource/lora"\n' });
    const serif = await loadTheme(layers, 'serif');
    expect(serif.settingsCss).toContain('font-family: "Lora"; font-style: italic; font-weight: 700;');
    expect(serif.files.some((file) => file.endsWith('lora-latin-400-normal.woff2'))).toBe(true);
  });

  it('refuse an unknown key, an unknown font and an unknown parent, at the line', async () => {
    await theme('typo', { 'theme.yaml': 'organization: X\npallete:\n  primary: "#000"\n' });
    await expect(loadTheme(layers, 'typo')).rejects.toThrow(/pallete/);
    await theme('font', { 'theme.yaml': 'fonts:\n  body: Comic Sans\n' });
    expect(await loadTheme(layers, 'font').catch(problemsOf)).toEqual([
      "styles/themes/font/theme.yaml:2:9: unknown font 'Comic Sans': name a bundled family (Source Serif 4, Public Sans), an @fontsource package such as '@fontsource/lora', or font files in the theme folder",
    ]);
    await theme('orphan', { 'theme.yaml': '# a child\nextends: parnter\n' });
    expect(await loadTheme(layers, 'orphan').catch(problemsOf)).toEqual([
      "styles/themes/orphan/theme.yaml:2:10: theme 'orphan' extends unknown theme 'parnter' (did you mean 'partner'?) (have: default, font, orphan, partner, typo)",
    ]);
    await expect(loadTheme(layers, 'defualt')).rejects.toThrow("unknown theme 'defualt' (did you mean 'default'?)");
  });

  it('refuse a loop of themes extending each other', async () => {
    await theme('a', { 'theme.yaml': 'extends: b\n' });
    await theme('b', { 'theme.yaml': 'extends: a\n' });
    await expect(loadTheme(layers, 'a')).rejects.toThrow('themes extend each other in a loop (a → b → a)');
  });

  it('refuse a palette below WCAG AA, naming the pair, its ratio and the line that set it', async () => {
    await theme('pale', { 'theme.yaml': 'palette:\n  primary: "#1d4e89"\n  text: "#777777"\n' });
    expect(await loadTheme(layers, 'pale').catch(problemsOf)).toEqual([
      "styles/themes/pale/theme.yaml:3:9: theme 'pale': palette.text #777777 on palette.background #ffffff has contrast 4.47:1; WCAG AA needs 4.5:1 (choose a darker or lighter colour)",
      "styles/themes/pale/theme.yaml:3:9: theme 'pale': palette.text #777777 on palette.callout #eef3f9 has contrast 4.01:1; WCAG AA needs 4.5:1 (choose a darker or lighter colour)",
    ]);
  });

  it('pass for every built-in palette', async () => {
    for (const name of ['default', 'partner']) expect(contrastFailures((await loadTheme(layers, name)).palette)).toEqual([]);
    const palette = completePalette({ primary: '#0e5e5a', accent: '#e07a4f', text: '#17201f', background: '#ffffff', callout: '#f6f1e7' });
    expect(palette.onPrimary).toBe('#ffffff');
    expect(contrastFailures(palette)).toEqual([]);
    expect(contrastFailures({ ...palette, label: '#e07a4f' }).map((failure) => `${failure.text}/${failure.ground} ${failure.ratio}`)).toEqual(['label/background 2.97', 'label/callout 2.63']);
  });
});
