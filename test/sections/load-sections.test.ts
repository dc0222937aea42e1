import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSections, parseSection } from '../../src/sections/load-sections.js';
import { parseTaxonomy } from '../../src/project/taxonomy.js';
import { BriefwrightError, ProblemList } from '../../src/errors.js';

const taxonomy = parseTaxonomy(
  'populations:\n  - {id: english-learners, label: EL, aliases: [els]}\ntopics:\n  - {id: technology-access, label: T}\n',
  'taxonomy.yaml',
);

function messages(task: () => unknown): string[] {
  try {
    task();
  } catch (error) {
    if (error instanceof ProblemList) return error.problems.map((p) => p.format());
    if (error instanceof BriefwrightError) return [error.format()];
    throw error;
  }
  throw new Error('expected an error');
}

describe('parseSection', () => {
  it('reads front matter, resolves aliases and knows where the body starts', () => {
    const section = parseSection(
      '---\ntitle: Devices\npopulations: [els]\ntopics: [technology-access]\nkind: barrier\nauthor: Jo\n---\nBody text.\n',
      'content/sections/devices.md',
      taxonomy,
    );
    expect(section).toMatchObject({
      id: 'devices',
      title: 'Devices',
      populations: ['english-learners'],
      kind: 'barrier',
      weight: 100,
      summary: '',
      extra: { author: 'Jo' },
      body: 'Body text.\n',
      bodyLine: 8,
    });
  });

  it('names the file and line of malformed YAML', () => {
    expect(messages(() => parseSection('---\ntitle: A\npopulations: [els\n---\nx', 'content/sections/a.md', taxonomy))).toEqual([
      "content/sections/a.md:3:14: the list opened with '[' is never closed; end it with ']' on the same line",
    ]);
  });

  it('reports every front matter problem at its line', () => {
    const text = '---\npopulations: [english-learner]\ntopics: [technology-access]\nkind: barier\n---\nx';
    expect(messages(() => parseSection(text, 's.md', taxonomy))).toEqual([
      "s.md:2:1: front matter has no 'title': write the section's heading",
      "s.md:4:7: unknown kind 'barier' (did you mean 'barrier'?)",
    ]);
  });

  it('suggests a population for a misspelled one, at its position', () => {
    const text = '---\ntitle: A\npopulations: [english-learner]\ntopics: [technology-access]\nkind: barrier\n---\nx';
    expect(messages(() => parseSection(text, 's.md', taxonomy))).toEqual([
      "s.md:3:15: unknown population 'english-learner' (did you mean 'english-learners'?)",
    ]);
  });

  it('requires front matter', () => {
    expect(messages(() => parseSection('# Just markdown', 's.md', taxonomy))[0]).toMatch(/^s\.md:1:1: a section starts with YAML front matter/);
  });
});

describe('loadSections', () => {
  async function load(files: Record<string, string>) {
    const root = await mkdtemp(path.join(os.tmpdir(), 'briefwright-sections-'));
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    }
    return loadSections({ root, files: Object.keys(files), taxonomy });
  }
  const good = '---\ntitle: A\npopulations: [els]\ntopics: [technology-access]\nkind: barrier\n---\nx\n';

  it('keeps a section it cannot load aside, with its problems and the tags it can still read', async () => {
    const { sections, broken } = await load({
      'a.md': good,
      'kind.md': good.replace('kind: barrier', 'kind: barier'),
      'colon.md': good.replace('title: A', 'title: A: b'),
      'list.md': good.replace('topics: [technology-access]', 'topics: [technology-access'),
      'alias.md': good.replace('populations: [els]', 'populations: [english-learner]'),
    });
    expect(sections.map((section) => section.id)).toEqual(['a']);
    const tags = Object.fromEntries(broken.map((section) => [section.id, [section.populations, section.topics, section.problems.length]]));
    expect(tags).toEqual({
      kind: [['english-learners'], ['technology-access'], 1],
      // The title's line is read without it: it cannot change the tags.
      colon: [['english-learners'], ['technology-access'], 1],
      // An unclosed list may swallow the lines after it: nothing can be trusted.
      list: [undefined, undefined, 1],
      // An unknown id may be meant for any population.
      alias: [undefined, ['technology-access'], 1],
    });
  });

  it('keeps the second of two sections with one id aside', async () => {
    const { sections, broken } = await load({ 'a/x.md': good, 'b/x.md': good });
    expect(sections.map((section) => section.file)).toEqual(['a/x.md']);
    expect(broken.map((section) => section.problems[0]!.format())).toEqual(["b/x.md:1:1: duplicate section id 'x' (also a/x.md); rename one file"]);
  });
});
