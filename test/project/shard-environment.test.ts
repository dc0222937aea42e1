import { describe, expect, it } from 'vitest';
import { shardFromEnvironment } from '../../src/project/shard-environment.js';

describe('shardFromEnvironment', () => {
  it('reads a Kubernetes Indexed Job, counted from 0, with the total from --shards or BRIEFWRIGHT_SHARDS', () => {
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '0' }, 3)).toEqual({ index: 1, count: 3 });
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '2', BRIEFWRIGHT_SHARDS: '3' })).toEqual({ index: 3, count: 3 });
    expect(shardFromEnvironment({ JOB_COMPLETION_INDEX: '1', BRIEFWRIGHT_SHARDS: '9' }, 2)).toEqual({ index: 2, count: 2 });
  });

  it('asks for the total where Kubernetes gives only an index', () => {
    expect(() => shardFromEnvironment({ JOB_COMPLETION_INDEX: '0' })).toThrow(
      '--shard auto needs the number of shards: Kubernetes Indexed Job gives only JOB_COMPLETION_INDEX; pass --shards N or set BRIEFWRIGHT_SHARDS',
    );
  });

  it('reads CircleCI and Buildkite, counted from 0, and GitLab, counted from 1', () => {
    expect(shardFromEnvironment({ CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '4' })).toEqual({ index: 1, count: 4 });
    expect(shardFromEnvironment({ BUILDKITE_PARALLEL_JOB: '3', BUILDKITE_PARALLEL_JOB_COUNT: '4' })).toEqual({ index: 4, count: 4 });
    expect(shardFromEnvironment({ CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2' })).toEqual({ index: 1, count: 2 });
    expect(shardFromEnvironment({ CI_NODE_INDEX: '2', CI_NODE_TOTAL: '2' })).toEqual({ index: 2, count: 2 });
  });

  it('refuses, naming the variables it reads, where no runner is found', () => {
    expect(() => shardFromEnvironment({ CI: 'true', CI_NODE_INDEX: ' ' })).toThrow(
      '--shard auto found no parallel runner: none of JOB_COMPLETION_INDEX, CIRCLE_NODE_INDEX, CI_NODE_INDEX, BUILDKITE_PARALLEL_JOB is set; pass --shard K/N instead',
    );
  });

  it('refuses an index outside the total, a value that is not a number, and a --shards that disagrees', () => {
    expect(() => shardFromEnvironment({ CI_NODE_INDEX: '0', CI_NODE_TOTAL: '2' })).toThrow('CI_NODE_INDEX=0 does not fit 2 shards (GitLab CI counts from 1)');
    expect(() => shardFromEnvironment({ CIRCLE_NODE_INDEX: '4', CIRCLE_NODE_TOTAL: '4' })).toThrow('CIRCLE_NODE_INDEX=4 does not fit 4 shards (CircleCI counts from 0)');
    expect(() => shardFromEnvironment({ BUILDKITE_PARALLEL_JOB: 'one', BUILDKITE_PARALLEL_JOB_COUNT: '2' })).toThrow("BUILDKITE_PARALLEL_JOB must be a whole number (got 'one')");
    expect(() => shardFromEnvironment({ CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '4' }, 3)).toThrow('--shards 3 disagrees with CIRCLE_NODE_TOTAL=4 (CircleCI)');
  });

  it('asks for the total where a runner sets an index without one', () => {
    expect(() => shardFromEnvironment({ CIRCLE_NODE_INDEX: '0' })).toThrow('CIRCLE_NODE_TOTAL is not set');
  });
});
