import path from 'node:path';
import { BriefwrightError } from '../errors.js';
import type { Facet } from './taxonomy.js';
import type { Project } from './load-project.js';
import { LAYOUT } from './load-project.js';
import { locateRecipes } from './locate-recipes.js';
import type { RecipeFields } from './recipe.js';
import { shardFromEnvironment, type Shard } from './shard-environment.js';

/** One brief to build: from a recipe file or the command line, maybe one value of `--each`. */
export interface Job {
  /** Project-relative recipe file; none for a one-off brief from flags. */
  recipeFile?: string;
  /** Build one brief per value of this facet of the request. */
  each?: Facet;
}

/** Which briefs to make, as the user asked. */
export interface JobRequest {
  recipes?: readonly string[];
  fields?: RecipeFields;
  each?: Facet;
  /** Build only shard K of N (`{ index: K, count: N }`, K from 1). */
  shard?: { index: number; count: number };
}

/**
 * Turns the command line into jobs: the named recipes; a one-off brief when
 * populations, topics or includes are given as flags; otherwise every recipe in
 * briefs/. A shard keeps every Nth recipe, the same ones on every machine.
 */
export async function planJobs(project: Project, request: JobRequest): Promise<Job[]> {
  let jobs: Job[];
  const fields = request.fields ?? {};
  if (request.recipes && request.recipes.length > 0) {
    jobs = (await locateRecipes(project, request.recipes)).map((recipeFile) => ({ recipeFile }));
  } else if (fields.populations !== undefined || fields.topics !== undefined || fields.include !== undefined) {
    jobs = [{}];
  } else if (project.recipeFiles.length === 0) {
    throw new BriefwrightError(
      `no recipes in ${LAYOUT.briefs}/; add one, or ask for a brief directly: briefwright build --population ID --topic ID`,
    );
  } else {
    jobs = project.recipeFiles.map((recipeFile) => ({ recipeFile }));
  }
  if (request.each) jobs = jobs.map((job) => ({ ...job, each: request.each }));
  if (request.shard) jobs = shard(jobs, request.shard);
  return jobs;
}

/**
 * Parses "K/N" (1 ≤ K ≤ N), or "auto": the shard a parallel runner's variables
 * give (see shardFromEnvironment), with `shards` as the total where it gives none.
 */
export function parseShard(text: string, options: { env?: NodeJS.ProcessEnv; shards?: number } = {}): Shard {
  if (text.trim() === 'auto') return shardFromEnvironment(options.env ?? process.env, options.shards);
  if (options.shards !== undefined) throw new BriefwrightError('--shards goes with --shard auto; with --shard K/N, N is the total', { kind: 'usage' });
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new BriefwrightError(`--shard takes K/N with 1 ≤ K ≤ N, such as 1/4, or auto (got '${text}')`, { kind: 'usage' });
  }
  return { index, count };
}

function shard(jobs: Job[], { index, count }: { index: number; count: number }): Job[] {
  const key = (job: Job) => (job.recipeFile ? path.basename(job.recipeFile) : '');
  return [...jobs].sort((a, b) => key(a).localeCompare(key(b))).filter((_, position) => position % count === index - 1);
}
