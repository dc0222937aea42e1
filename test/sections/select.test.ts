import { beforeAll, describe, expect, it } from 'vitest';
import { brokenPicks, selectSections } from '../../src/sections/select.js';
import type { BrokenSection } from '../../src/sections/section.js';
import { loadProject, type Project } from '../../src/project/load-project.js';
import { resolveRequest } from '../../src/project/brief-request.js';
import type { RecipeFields } from '../../src/project/recipe.js';
import { FIXTURES } from '../helpers/fixture.js';
import path from 'node:path';

let project: Project;
beforeAll(async () => {
  project = await loadProject({ root: path.join(FIXTURES, 'basic') });
});

function pick(fields: RecipeFields): string[] {
  const request = resolveRequest({ fields, taxonomy: project.taxonomy, today: '2026-01-01' });
  return selectSections(project.sections, request).map((section) => section.id);
}

describe('selectSections', () => {
  it('picks sections sharing a population and a topic, ordered by kind then weight', () => {
    expect(pick({ populations: ['english-learners'], topics: ['technology-access'] })).toEqual(['el-context', 'device-gaps']);
  });

  it('accepts aliases for populations and topics', () => {
    expect(pick({ populations: ['els'], topics: ['technology-access'] })).toEqual(['el-context', 'device-gaps']);
  });

  it('treats no topics as any topic, and includes sections tagged all', () => {
    expect(pick({ populations: ['swds'] })).toEqual(['learning-plans', 'udl']);
  });

  it('orders by kind: background, barrier, evidence, practice, recommendation', () => {
    expect(pick({ populations: ['all'] })).toEqual(['el-context', 'device-gaps', 'poverty-plans', 'learning-plans', 'udl']);
  });

  it('adds included and removes excluded sections', () => {
    expect(pick({ populations: ['english-learners'], topics: ['technology-access'], include: ['udl'], exclude: ['el-context'] })).toEqual([
      'device-gaps',
      'udl',
    ]);
  });

  it('names an unknown section id with a suggestion', () => {
    expect(() => pick({ populations: ['els'], exclude: ['device-gap'] })).toThrow("unknown section 'device-gap' in exclude (did you mean 'device-gaps'?)");
  });

  it('says which topics do have content when nothing matches', () => {
    const request = resolveRequest({ fields: { populations: ['students-in-poverty'], topics: ['technology-access'] }, taxonomy: project.taxonomy, today: '2026-01-01' });
    const sections = project.sections.filter((section) => section.id !== 'device-gaps');
    expect(() => selectSections(sections, request)).toThrowError(
      /no section matches population students-in-poverty with topic technology-access[\s\S]*students-in-poverty has sections on: learning-plans/,
    );
  });

  it('says when every match was excluded, and by which ids', () => {
    expect(() => pick({ populations: ['students-in-poverty'], topics: ['technology-access'], exclude: ['device-gaps'] })).toThrowError(
      'every section that matches is excluded: device-gaps; remove it from exclude, or ask for other populations or topics',
    );
  });
});

describe('brokenPicks', () => {
  const broken = (id: string, populations?: string[], topics?: string[]): BrokenSection => ({ id, file: `${id}.md`, problems: [], populations, topics, source: '' });
  const request = (fields: RecipeFields) => resolveRequest({ fields, taxonomy: project.taxonomy, today: '2026-01-01' });
  const sections = [
    broken('el-tech', ['english-learners'], ['technology-access']),
    broken('everyone', ['all'], ['learning-plans']),
    broken('unknown-who', undefined, ['technology-access']),
    broken('unreadable'),
  ];
  const ids = (fields: RecipeFields) => brokenPicks(sections, request(fields)).map((section) => section.id);

  it('finds the broken sections a request could pick; unreadable tags match anything', () => {
    expect(ids({ populations: ['els'], topics: ['technology-access'] })).toEqual(['el-tech', 'unknown-who', 'unreadable']);
    expect(ids({ populations: ['students-in-poverty'], topics: ['learning-plans'] })).toEqual(['everyone', 'unreadable']);
  });

  it('follows include and exclude', () => {
    expect(ids({ populations: ['students-in-poverty'], topics: ['learning-plans'], exclude: ['unreadable'], include: ['el-tech'] })).toEqual(['el-tech', 'everyone']);
  });
});
