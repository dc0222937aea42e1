import { describe, expect, it } from 'vitest';
import { parseTaxonomy } from '../../src/project/taxonomy.js';
import { BriefwrightError } from '../../src/errors.js';

const TEXT = `populations:
  - id: english-learners
    label: English learners
    aliases: [els, ells]
  - id: students-with-disabilities
    label: Students with disabilities
    aliases: [swds]
topics:
  - id: technology-access
    label: Technology access
`;

function errorOf(task: () => unknown): string {
  try {
    task();
  } catch (error) {
    if (error instanceof BriefwrightError) return error.format();
    throw error;
  }
  throw new Error('expected an error');
}

describe('Taxonomy', () => {
  const taxonomy = parseTaxonomy(TEXT, 'content/taxonomy.yaml');

  it('resolves ids and aliases to canonical ids', () => {
    expect(taxonomy.resolve('population', 'els')).toBe('english-learners');
    expect(taxonomy.resolve('population', 'ELLS')).toBe('english-learners');
    expect(taxonomy.resolve('population', 'all')).toBe('all');
    expect(taxonomy.resolve('topic', 'technology-access')).toBe('technology-access');
  });

  it('suggests the nearest id for a misspelling', () => {
    expect(errorOf(() => taxonomy.resolve('population', 'english-learner'))).toBe(
      "unknown population 'english-learner' (did you mean 'english-learners'?)",
    );
    expect(errorOf(() => taxonomy.resolve('topic', 'tech-acess', { file: 'briefs/x.yaml', line: 4, column: 12 }))).toBe(
      "briefs/x.yaml:4:12: unknown topic 'tech-acess' (did you mean 'technology-access'?)",
    );
  });

  it('says nothing is close when nothing is', () => {
    expect(errorOf(() => taxonomy.resolve('topic', 'zzz'))).toBe("unknown topic 'zzz'");
  });

  it('reports a missing label at its line', () => {
    expect(errorOf(() => parseTaxonomy('populations:\n  - id: a\ntopics:\n  - id: b\n    label: B\n', 't.yaml'))).toMatch(
      "t.yaml:2:5: population 'a' has no 'label': write the name readers see",
    );
  });

  it('reports an alias that names two populations', () => {
    const text = 'populations:\n  - {id: a, label: A, aliases: [x]}\n  - {id: b, label: B, aliases: [x]}\ntopics:\n  - {id: t, label: T}\n';
    expect(errorOf(() => parseTaxonomy(text, 't.yaml'))).toMatch(/^t\.yaml:3:5: 'x' names two populations/);
  });

  it('reports malformed YAML with line and column', () => {
    expect(errorOf(() => parseTaxonomy('populations:\n  - id: [a\n', 't.yaml'))).toBe(
      "t.yaml:2:9: the list opened with '[' is never closed; end it with ']' on the same line",
    );
  });
});
