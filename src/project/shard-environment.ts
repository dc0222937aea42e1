import { BriefwrightError } from '../errors.js';

/** Part K of N of the recipes (K from 1). */
export interface Shard {
  index: number;
  count: number;
}

/** A parallel runner's variables: which one holds this machine's index, whether it counts from 0 or 1, and which the total. */
interface Runner {
  name: string;
  index: string;
  base: 0 | 1;
  /** The variable with the number of parallel machines; none where the runner gives only an index. */
  total?: string;
}

/** The runners `--shard auto` understands, tried in this order. */
const RUNNERS: readonly Runner[] = [
  { name: 'Kubernetes Indexed Job', index: 'JOB_COMPLETION_INDEX', base: 0 },
  { name: 'CircleCI', index: 'CIRCLE_NODE_INDEX', base: 0, total: 'CIRCLE_NODE_TOTAL' },
  { name: 'GitLab CI', index: 'CI_NODE_INDEX', base: 1, total: 'CI_NODE_TOTAL' },
  { name: 'Buildkite', index: 'BUILDKITE_PARALLEL_JOB', base: 0, total: 'BUILDKITE_PARALLEL_JOB_COUNT' },
];

/** The variable that gives the number of shards where the runner does not (Kubernetes). */
export const SHARDS_VARIABLE = 'BRIEFWRIGHT_SHARDS';

/**
 * This machine's shard, from the variables a parallel runner sets: Kubernetes
 * Indexed Jobs (JOB_COMPLETION_INDEX, counted from 0, with the total from
 * `shards` or BRIEFWRIGHT_SHARDS), CircleCI, GitLab CI (CI_NODE_INDEX counts
 * from 1) or Buildkite. `shards`, when given, is the total and must agree with
 * the runner's own.
 */
export function shardFromEnvironment(env: NodeJS.ProcessEnv, shards?: number): Shard {
  const runner = RUNNERS.find((candidate) => present(env[candidate.index]));
  if (!runner) {
    const names = RUNNERS.map((candidate) => candidate.index).join(', ');
    throw new BriefwrightError(
      `--shard auto found no parallel runner: none of ${names} is set; pass --shard K/N instead`,
      { kind: 'usage' },
    );
  }
  const position = whole(env[runner.index]!, runner.index);
  const index = position + 1 - runner.base;
  let count: number;
  if (runner.total && present(env[runner.total])) {
    count = whole(env[runner.total]!, runner.total);
    if (shards !== undefined && shards !== count) {
      throw new BriefwrightError(`--shards ${shards} disagrees with ${runner.total}=${count} (${runner.name}); leave --shards out`, { kind: 'usage' });
    }
  } else if (shards !== undefined) {
    count = shards;
  } else if (present(env[SHARDS_VARIABLE])) {
    count = whole(env[SHARDS_VARIABLE]!, SHARDS_VARIABLE);
  } else {
    const where = runner.total ? `${runner.total} is not set` : `${runner.name} gives only ${runner.index}`;
    throw new BriefwrightError(`--shard auto needs the number of shards: ${where}; pass --shards N or set ${SHARDS_VARIABLE}`, { kind: 'usage' });
  }
  if (count < 1 || index < 1 || index > count) {
    throw new BriefwrightError(
      `${runner.index}=${position} does not fit ${count} shard${count === 1 ? '' : 's'} (${runner.name} counts from ${runner.base})`,
      { kind: 'usage' },
    );
  }
  return { index, count };
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function whole(value: string, variable: string): number {
  if (!/^\s*\d+\s*$/.test(value)) throw new BriefwrightError(`${variable} must be a whole number (got '${value}')`, { kind: 'usage' });
  return Number(value);
}
