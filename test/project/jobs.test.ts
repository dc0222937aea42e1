import { beforeAll, describe, expect, it } from 'vitest';
import { planJobs, parseShard } from '../../src/project/jobs.js';
import { loadProject, type Project } from '../../src/project/load-project.js';
import { PACKAGE_ROOT } from '../../src/project/package-root.js';

let project: Project;
beforeAll(async () => {
  // The shipped project: several recipes in briefs/.
  project = await loadProject({ root: PACKAGE_ROOT });
});

describe('planJobs', () => {
  it('builds every recipe when none is named', async () => {
    const jobs = await planJobs(project, {});
    expect(jobs.map((job) => job.recipeFile)).toEqual(project.recipeFiles);
    expect(jobs.length).toBeGreaterThan(3);
  });

  it('splits recipes into shards that cover each exactly once', async () => {
    for (const count of [1, 2, 3, 4, 7]) {
      const shards = await Promise.all(
        Array.from({ length: count }, (_, index) => planJobs(project, { shard: { index: index + 1, count } })),
      );
      const all = shards.flat().map((job) => job.recipeFile);
      expect([...all].sort()).toEqual([...project.recipeFiles].sort());
      expect(new Set(all).size).toBe(all.length);
      const sizes = shards.map((jobs) => jobs.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('gives a one-off job when populations come from flags', async () => {
    expect(await planJobs(project, { fields: { populations: ['els'] } })).toEqual([{}]);
  });
});

describe('parseShard', () => {
  it('reads K/N and refuses nonsense', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/3', '4/3', 'x', '1/0']) expect(() => parseShard(bad)).toThrow(/--shard takes K\/N/);
  });

  it('reads auto from the runner the environment names, with --shards as the total where it gives none', () => {
    expect(parseShard('auto', { env: { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' } })).toEqual({ index: 3, count: 3 });
    expect(parseShard('auto', { env: { JOB_COMPLETION_INDEX: '1' }, shards: 4 })).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('auto', { env: {} })).toThrow(/--shard auto found no parallel runner/);
  });

  it('takes --shards only with auto', () => {
    expect(() => parseShard('1/2', { shards: 2 })).toThrow('--shards goes with --shard auto');
  });
});

