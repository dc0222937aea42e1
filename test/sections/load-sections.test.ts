import { describe, expect, it } from 'vitest';
import { parseSection } from '../../src/sections/load-sections.js';
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
