import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { ExitCode } from '../src/errors.js';
import { captureConsole, copyFixture, withEdits, type FileEdits } from './helpers/fixture.js';

// The mistakes a new user makes on a fresh project (test/fixtures/new-user, as
// `briefwright init` makes it, with two recipes): each is run through `check`
// and `build` as the command line runs them. Each gets one message, in plain
// words, at the file, line and column of the mistake; the documented exit code;
// and the outputs of the last good build stay exactly as they were.

const SECTION = 'content/sections/barriers/devices-are-not-access.md';
const PRACTICE = 'content/sections/practices/plan-for-every-learner.md';
const RECIPE = 'briefs/technology-access.yaml';
const OTHER_RECIPE = 'briefs/universal-design.yaml';
const TAXONOMY = 'content/taxonomy.yaml';
const SETTINGS = 'briefwright.yaml';

/** What the user did, and what they should be told. */
interface Mistake {
  /** The files as the user left them: each changed from the fixture's text ('' for a new file). */
  files: FileEdits;
  /** Every problem `check` reports, in order, as `file:line:col: message`. */
  check: string[];
  /**
   * What `build` says: the briefs that fail (the rest are built), or 'project'
   * when the project cannot be read at all; and the brief's own message when it
   * is not one of `check`'s (a brief that picks a broken section).
   */
  build: { failed: string[] | 'project'; brief?: string };
}

const replace = (from: string | RegExp, to: string) => (text: string) => {
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`fixture has no ${String(from)}`);
  return changed;
};
const append = (line: string) => (text: string) => `${text}${line}\n`;
const write = (text: string) => () => text;

const picksBroken = `${SECTION}: this section has an error and this brief picks it; fix the section to build the brief`;
const unreadable = (what: string) => `${SECTION}: this section's ${what} cannot be read, so this brief may pick it; fix the section to build the brief`;

const MISTAKES: Record<string, Mistake> = {
  'a misspelled template in a recipe': {
    files: { [RECIPE]: replace('template: brief', 'template: breif') },
    check: [`${RECIPE}:4:11: unknown template 'breif' (did you mean 'brief'?) (have: annotated-bibliography, brief, handout, report)`],
    build: { failed: ['technology-access'] },
  },
  'a misspelled theme in a recipe': {
    files: { [RECIPE]: replace('theme: default', 'theme: defualt') },
    check: [`${RECIPE}:6:8: unknown theme 'defualt' (did you mean 'default'?) (have: default, partner)`],
    build: { failed: ['technology-access'] },
  },
  'a misspelled kind in a section': {
    files: { [SECTION]: replace('kind: barrier', 'kind: evidense') },
    check: [`${SECTION}:5:7: unknown kind 'evidense' (did you mean 'evidence'?)`],
    build: { failed: ['technology-access'], brief: picksBroken },
  },
  'a kind in capitals': {
    files: { [SECTION]: replace('kind: barrier', 'kind: Barrier') },
    check: [`${SECTION}:5:7: unknown kind 'Barrier' (did you mean 'barrier'?)`],
    build: { failed: ['technology-access'], brief: picksBroken },
  },
  'populations: with no value in a section': {
    files: { [SECTION]: replace(/^populations: .*$/m, 'populations:') },
    check: [`${SECTION}:3:1: populations is empty: list at least one population id, or [all]`],
    build: { failed: ['technology-access'], brief: unreadable('populations') },
  },
  'an empty list of topics in a section': {
    files: { [SECTION]: replace(/^topics: .*$/m, 'topics: []') },
    check: [`${SECTION}:4:1: topics is empty: list at least one topic id`],
    build: { failed: ['technology-access', 'universal-design'], brief: unreadable('topics') },
  },
  'topic: instead of topics: in a recipe': {
    files: { [RECIPE]: replace('topics:', 'topic:') },
    check: [`${RECIPE}:3:1: unknown field 'topic' (did you mean 'topics'?)`],
    build: { failed: ['technology-access'] },
  },
  'topic: instead of topics: in a section': {
    files: { [SECTION]: replace('topics:', 'topic:') },
    check: [`${SECTION}:4:1: unknown field 'topic' (did you mean 'topics'?)`],
    build: { failed: ['technology-access', 'universal-design'], brief: unreadable('topics') },
  },
  'a misspelled optional field in a section': {
    files: { [SECTION]: replace('summary:', 'summery:') },
    check: [`${SECTION}:7:1: unknown field 'summery' (did you mean 'summary'?)`],
    build: { failed: ['technology-access'], brief: picksBroken },
  },
  'an unquoted section title containing ": "': {
    files: { [SECTION]: replace(/^title: .*$/m, 'title: Access: a device is not enough') },
    check: [`${SECTION}:2:8: the title contains ': ', which YAML reads as the start of another field; put the title in quotes: title: "Access: a device is not enough"`],
    build: { failed: ['technology-access'], brief: picksBroken },
  },
  'an unquoted recipe title containing ": "': {
    files: { [RECIPE]: replace(/^title: .*$/m, 'title: Technology access: what the research says') },
    check: [`${RECIPE}:1:8: the title contains ': ', which YAML reads as the start of another field; put the title in quotes: title: "Technology access: what the research says"`],
    build: { failed: ['technology-access'] },
  },
  'a title that starts with a quoted phrase': {
    files: { [SECTION]: replace(/^title: .*$/m, 'title: "Access" is more than a device') },
    check: [`${SECTION}:2:8: the title goes on after its closing quote; put the whole title in quotes: title: '"Access" is more than a device'`],
    build: { failed: ['technology-access'], brief: picksBroken },
  },
  'a title that starts with @': {
    files: { [SECTION]: replace(/^title: .*$/m, 'title: @home learning') },
    check: [`${SECTION}:2:8: a value cannot start with '@' unless it is in quotes: title: "@home learning"`],
    build: { failed: ['technology-access'], brief: picksBroken },
  },
  'a quote that is never closed': {
    files: { [SECTION]: replace(/^title: .*$/m, 'title: "A device is not access') },
    check: [`${SECTION}:2:8: this " opens a quoted title that is never closed; end the title with "`],
    build: { failed: ['technology-access'], brief: picksBroken },
  },
  'a list that is never closed': {
    files: { [SECTION]: replace(/^topics: .*$/m, 'topics: [technology-access') },
    check: [`${SECTION}:4:9: the list opened with '[' is never closed; end it with ']' on the same line`],
    build: { failed: ['technology-access', 'universal-design'], brief: unreadable('populations and topics') },
  },
  'a tab indenting a recipe line': {
    files: { [RECIPE]: replace('theme: default', '\ttheme: default') },
    check: [`${RECIPE}:6:1: this line is indented with a tab; YAML indents with spaces only`],
    build: { failed: ['technology-access'] },
  },
  'a field given twice in a recipe': {
    files: { [RECIPE]: append('template: handout') },
    check: [`${RECIPE}:8:1: 'template' is set twice (also on line 4); keep one`],
    build: { failed: ['technology-access'] },
  },
  'no space after a colon': {
    files: { [SECTION]: replace('kind: barrier', 'kind:barrier') },
    check: [`${SECTION}:5:5: put a space after the ':' (kind: barrier)`],
    build: { failed: ['technology-access', 'universal-design'], brief: unreadable('populations and topics') },
  },
  'a line without a colon': {
    files: { [RECIPE]: replace('formats: [html]', 'formats [html]') },
    check: [`${RECIPE}:5:1: this line has no ':'; write a field as 'name: value'`],
    build: { failed: ['technology-access'] },
  },
  'a taxonomy field indented too far': {
    files: { [TAXONOMY]: replace('    label: English learners', '      label: English learners') },
    check: [`${TAXONOMY}:6:7: 'label' is indented more than 'id' on line 5; the fields of one entry start in the same column`],
    build: { failed: 'project' },
  },
  'a taxonomy field not lined up': {
    files: { [TAXONOMY]: replace('    label: English learners', '   label: English learners') },
    check: [`${TAXONOMY}:6:4: 'label' is not lined up with 'id' on line 5; the fields of one entry start in the same column (indent with spaces)`],
    build: { failed: 'project' },
  },
  'a misspelled taxonomy field': {
    files: { [TAXONOMY]: replace('    label: English learners', '    lable: English learners') },
    check: [`${TAXONOMY}:6:5: unknown field 'lable' (did you mean 'label'?)`],
    build: { failed: 'project' },
  },
  'a taxonomy field that does not exist': {
    files: { [TAXONOMY]: replace('    label: English learners', '    label: English learners\n    colour: blue') },
    check: [`${TAXONOMY}:7:5: unknown field 'colour' (known fields: id, label, aliases, description)`],
    build: { failed: 'project' },
  },
  'an id in capitals in the taxonomy': {
    files: { [TAXONOMY]: replace('id: english-learners', 'id: English-Learners') },
    check: [`${TAXONOMY}:5:9: id 'English-Learners': must be lowercase words joined by hyphens, such as english-learners`],
    build: { failed: 'project' },
  },
  'formats written without brackets': {
    files: { [RECIPE]: replace('formats: [html]', 'formats: html') },
    check: [`${RECIPE}:5:10: formats should be a list, not 'html'; write formats: [html]`],
    build: { failed: ['technology-access'] },
  },
  'a misspelled format': {
    files: { [RECIPE]: replace('formats: [html]', 'formats: [html, pfd]') },
    check: [`${RECIPE}:5:17: unknown format 'pfd' (did you mean 'pdf'?)`],
    build: { failed: ['technology-access'] },
  },
  'a weight that is not a number': {
    files: { [SECTION]: replace('weight: 10', 'weight: ten') },
    check: [`${SECTION}:6:9: weight should be a number, not 'ten'`],
    build: { failed: ['technology-access'], brief: picksBroken },
  },
  'a weight in quotes': {
    files: { [SECTION]: replace('weight: 10', 'weight: "10"') },
    check: [`${SECTION}:6:9: weight should be a number, not '10'; remove the quotes`],
    build: { failed: ['technology-access'], brief: picksBroken },
  },
  'a section title that is a number': {
    files: { [SECTION]: replace(/^title: .*$/m, 'title: 2024') },
    check: [`${SECTION}:2:8: title should be text, not 2024; put it in quotes: title: "2024"`],
    build: { failed: ['technology-access'], brief: picksBroken },
  },
  'a section without its closing ---': {
    files: { [SECTION]: replace(/^---\nA school/m, 'A school') },
    check: [`${SECTION}:1:1: the front matter is never closed: end it with a line of three dashes (---) before the text`],
    build: { failed: ['technology-access', 'universal-design'], brief: unreadable('populations and topics') },
  },
  'a section without front matter lines': {
    files: { [SECTION]: (text) => text.replace(/^---\n/, '').replace(/^---\n/m, '\n') },
    check: [`${SECTION}:1:1: a section starts with YAML front matter between '---' lines: add a line '---' above 'title:' and another after the last field`],
    build: { failed: ['technology-access', 'universal-design'], brief: unreadable('populations and topics') },
  },
  'an image that is not where the section says': {
    files: { [SECTION]: append('\n![Share of students with a device at home](images/devices.png)') },
    check: [`${SECTION}:18:1: image 'images/devices.png' not found: looked for content/sections/barriers/images/devices.png (an image path is relative to the section file)`],
    build: { failed: ['technology-access'] },
  },
  'an image path written from the project folder': {
    files: {
      'images/devices.svg': write('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>\n'),
      [SECTION]: append('\n![Share of students with a device at home](images/devices.svg)'),
    },
    check: [
      `${SECTION}:18:1: image 'images/devices.svg' not found: looked for content/sections/barriers/images/devices.svg (an image path is relative to the section file); it is at images/devices.svg in the project, so write ../../../images/devices.svg`,
    ],
    build: { failed: ['technology-access'] },
  },
  'an exclude that removes every match': {
    files: { [OTHER_RECIPE]: append('exclude: [plan-for-every-learner]') },
    check: [`${OTHER_RECIPE}:6:1: every section that matches is excluded: plan-for-every-learner; remove it from exclude, or ask for other populations or topics`],
    build: { failed: ['universal-design'] },
  },
  'a misspelled section id in include': {
    files: { [OTHER_RECIPE]: append('include: [devices-are-not-acess]') },
    check: [`${OTHER_RECIPE}:6:11: unknown section 'devices-are-not-acess' in include (did you mean 'devices-are-not-access'?)`],
    build: { failed: ['universal-design'] },
  },
  'a misspelled population in a recipe': {
    files: { [RECIPE]: replace('students-with-disabilities]', 'students-with-disabilites]') },
    check: [`${RECIPE}:2:33: unknown population 'students-with-disabilites' (did you mean 'students-with-disabilities'?)`],
    build: { failed: ['technology-access'] },
  },
  'topics: [all] in a recipe': {
    files: { [RECIPE]: replace('topics: [technology-access]', 'topics: [all]') },
    check: [`${RECIPE}:3:10: 'all' is not a topic: a brief asks for any topic by leaving topics out (or []); a section lists the topics it is about`],
    build: { failed: ['technology-access'] },
  },
  'a date written day first': {
    files: { [RECIPE]: replace('date: 2026-11-23', 'date: 23/11/2026') },
    check: [`${RECIPE}:7:7: date '23/11/2026': write the date as YYYY-MM-DD, such as 2026-11-23`],
    build: { failed: ['technology-access'] },
  },
  'a language name instead of its code': {
    files: { [RECIPE]: append('lang: Spanish') },
    check: [`${RECIPE}:8:7: lang 'Spanish': must be a language code, such as en or es`],
    build: { failed: ['technology-access'] },
  },
  'a paper size in capitals': {
    files: { [RECIPE]: append('paper: A4') },
    check: [`${RECIPE}:8:8: unknown paper 'A4' (did you mean 'a4'?)`],
    build: { failed: ['technology-access'] },
  },
  'a recipe written as a list': {
    files: { [OTHER_RECIPE]: (text) => text.replace(/^/gm, '- ').replace(/- $/, '') },
    check: [`${OTHER_RECIPE}:1:1: recipe should be fields written 'name: value', one a line, not a list; remove the '- ' before each field`],
    build: { failed: ['universal-design'] },
  },
  'default: instead of defaults: in the project settings': {
    files: { [SETTINGS]: write('default:\n  theme: partner\n') },
    check: [`${SETTINGS}:1:1: unknown field 'default' (did you mean 'defaults'?)`],
    build: { failed: 'project' },
  },
  'a misspelled theme in the project settings': {
    files: { [SETTINGS]: write('defaults:\n  theme: partnr\n') },
    check: [`${SETTINGS}:2:10: unknown theme 'partnr' (did you mean 'partner'?) (have: default, partner)`],
    build: { failed: ['universal-design'] },
  },
};

let root: string;
let cleanup: () => Promise<void>;
let outputs: Map<string, string>;

async function run(...args: string[]) {
  const console = captureConsole();
  const code = await main([...args, '--root', root], console.io);
  return { code, err: console.err, out: console.out };
}

/** Every file under output/ (records included) with its content. */
async function snapshotOutputs(): Promise<Map<string, string>> {
  const dir = path.join(root, 'output');
  const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const entries = await Promise.all(
    files.map(async (entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(dir, file), await readFile(file, 'utf8')] as const;
    }),
  );
  return new Map(entries.sort(([a], [b]) => a.localeCompare(b)));
}

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('new-user'));
  const first = await run('build');
  expect(first.code, first.err.join('\n')).toBe(ExitCode.ok);
  expect((await run('check')).code).toBe(ExitCode.ok);
  outputs = await snapshotOutputs();
  expect([...outputs.keys()]).toEqual(expect.arrayContaining(['technology-access.html', 'universal-design.html']));
});
afterAll(async () => {
  await cleanup();
});

describe('a new user’s mistakes', () => {
  it.each(Object.entries(MISTAKES))('%s', async (_, mistake) => {
    await withEdits(root, mistake.files, async () => {
      const checked = await run('check');
      expect(checked.err.filter((line) => line.startsWith('error: '))).toEqual(mistake.check.map((problem) => `error: ${problem}`));
      expect(checked.err.at(-1)).toBe(`${mistake.check.length} problem${mistake.check.length === 1 ? '' : 's'} found`);
      expect(checked.code).toBe(ExitCode.input);

      const built = await run('build');
      expect(built.code, built.err.join('\n')).toBe(ExitCode.input);
      const { failed, brief } = mistake.build;
      if (failed === 'project') {
        expect(built.err).toEqual(mistake.check.length === 1 ? [`error: ${mistake.check[0]}`] : [...mistake.check.map((p) => `error: ${p}`), `${mistake.check.length} problems found`]);
      } else {
        expect(built.err.at(-1)).toBe(`failed: ${failed.join(', ')}`);
        for (const name of failed) {
          const at = built.err.indexOf(`✗ ${name}`);
          expect(at, built.err.join('\n')).toBeGreaterThanOrEqual(0);
          expect(built.err[at + 1]).toBe(`  ${brief ?? mistake.check[0]}`);
        }
        // A section's problems are printed once, before the briefs; a brief's own problem only under the brief.
        const printed = built.err.filter((line) => line.startsWith('error: '));
        expect(printed).toEqual(brief ? mistake.check.map((problem) => `error: ${problem}`) : []);
        expect(built.out.at(-1)).toMatch(new RegExp(`^0 rebuilt, ${2 - failed.length} up to date, ${failed.length} failed in `));
      }
      expect(await snapshotOutputs()).toEqual(outputs);
    });
  });
});

describe('what is not a mistake', () => {
  it.each([
    ['a byte order mark at the start of a section', { [SECTION]: (text: string) => `\uFEFF${text}` }],
    ['Windows line endings', { [SECTION]: (text: string) => text.replace(/\n/g, '\r\n'), [RECIPE]: (text: string) => text.replace(/\n/g, '\r\n') }],
    ['populations separated by commas without brackets', { [RECIPE]: replace(/^populations: .*$/m, 'populations: english-learners, students-with-disabilities') }],
    ['a field for templates that is not a near miss of a known one', { [PRACTICE]: replace('weight: 10', 'weight: 10\nreviewed-by: J. Doe') }],
  ])('%s', async (_, files) => {
    await withEdits(root, files, async () => {
      const checked = await run('check');
      expect(checked.err.filter((line) => line.startsWith('error: '))).toEqual([]);
      expect(checked.code).toBe(ExitCode.ok);
    });
  });

  it('a section or recipe where briefwright does not look is not read, and check says so', async () => {
    const files = {
      'content/sections/practices/extra.markdown': write('---\ntitle: Extra\n---\n'),
      'content/loose.md': write('---\ntitle: Loose\n---\n'),
      'content/README.md': write('Notes on our sources.\n'),
      'briefs/drafts/later.yaml': write('populations: [els]\n'),
    };
    await withEdits(root, files, async () => {
      const checked = await run('check');
      expect(checked.code).toBe(ExitCode.ok);
      expect(checked.err.filter((line) => line.startsWith('warning: ') && !line.includes('is not cited'))).toEqual([
        'warning: content/loose.md: not read as a section; sections go in content/sections/',
        'warning: content/sections/practices/extra.markdown: not read as a section, since section files end in .md; rename it extra.md',
        'warning: briefs/drafts/later.yaml: not read as a recipe; recipes go directly in briefs/',
      ]);
    });
  });
});

describe('the briefwright executable on a mistake', () => {
  const BIN = fileURLToPath(new URL('../bin/briefwright.js', import.meta.url));
  const exec = promisify(execFile);

  it('exits 3, prints the message, and builds the briefs a broken section cannot be in', async () => {
    await withEdits(root, MISTAKES['a misspelled kind in a section']!.files, async () => {
      const failure = await exec(process.execPath, [BIN, 'build', '--force', '--root', root]).catch((error: { code: number; stderr: string; stdout: string }) => error);
      expect(failure).toMatchObject({ code: ExitCode.input });
      const { stderr, stdout } = failure as { stderr: string; stdout: string };
      expect(stderr).toContain(`error: ${MISTAKES['a misspelled kind in a section']!.check[0]}\n`);
      expect(stderr).toContain(`✗ technology-access\n  ${picksBroken}\n`);
      expect(stdout).toMatch(/^✓ universal-design: output\/universal-design\.html\n1 rebuilt, 0 up to date, 1 failed in /m);
    });
    // The forced rebuild wrote the same bytes for the brief it could build.
    expect(await snapshotOutputs()).toEqual(outputs);
  });
});
