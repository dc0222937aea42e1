import { execFile } from 'node:child_process';
import { cp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../src/errors.js';
import { copyFixture } from './helpers/fixture.js';

const exec = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/briefwright.js', import.meta.url));

/** Runs the executable in `root` with extra environment variables; never throws, returns the exit code too. */
async function run(root: string, args: string[], env: Record<string, string> = {}) {
  // A runner's variables from the machine running the tests must not leak in.
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(JOB_COMPLETION_INDEX|CIRCLE_NODE_|CI_NODE_|BUILDKITE_PARALLEL_|BRIEFWRIGHT_SHARDS)/.test(name)));
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, ...args, '--root', root], { env: { ...base, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

const projects: { root: string; cleanup: () => Promise<void> }[] = [];
beforeAll(async () => {
  for (let i = 0; i < 3; i += 1) projects.push(await copyFixture('basic'));
});
afterAll(async () => {
  for (const project of projects) await project.cleanup();
});

describe('build --shard auto on parallel machines', () => {
  it('builds one part per machine, and the merged outputs and records are all up to date', async () => {
    const [first, second, merged] = projects.map((project) => project.root) as [string, string, string];
    // Two GitLab CI jobs of one parallel build (CI_NODE_INDEX counts from 1), each in its own checkout.
    const one = await run(first, ['build', '--shard', 'auto', '--format', 'html'], { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '2' });
    const two = await run(second, ['build', '--shard', 'auto', '--format', 'html'], { CI_NODE_INDEX: '2', CI_NODE_TOTAL: '2' });
    expect(one).toMatchObject({ code: ExitCode.ok });
    expect(two).toMatchObject({ code: ExitCode.ok });
    expect(one.stdout).toMatch(/^1 rebuilt, 0 up to date/m);
    expect(two.stdout).toMatch(/^1 rebuilt, 0 up to date/m);

    // Each machine alone has only its own part.
    const alone = await run(first, ['status', '--format', 'html']);
    expect(alone.code).toBe(ExitCode.failed);
    expect(alone.stdout).toContain('1 of 2 briefs stale');

    // Collect both machines' output/ (outputs and output/.records/) into one output/.
    for (const machine of [first, second]) await cp(path.join(machine, 'output'), path.join(merged, 'output'), { recursive: true });
    expect((await readdir(path.join(merged, 'output', '.records'))).filter((name) => !name.startsWith('.') && name.endsWith('.json')).sort()).toEqual(['el-tech.json', 'swd.json']);
    const after = await run(merged, ['status', '--format', 'html']);
    expect(after.stdout).toContain('all 2 briefs are up to date');
    expect(after.code).toBe(ExitCode.ok);
  });

  it('refuses, naming the variables it reads, where no runner sets them', async () => {
    const result = await run(projects[0]!.root, ['build', '--shard', 'auto', '--format', 'html']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain('error: --shard auto found no parallel runner: none of JOB_COMPLETION_INDEX, CIRCLE_NODE_INDEX, CI_NODE_INDEX, BUILDKITE_PARALLEL_JOB is set');
  });

  it('takes the total from --shards for a Kubernetes Indexed Job', async () => {
    const result = await run(projects[0]!.root, ['build', '--shard', 'auto', '--shards', '2', '--format', 'html'], { JOB_COMPLETION_INDEX: '0' });
    expect(result.code).toBe(ExitCode.ok);
  });
});
