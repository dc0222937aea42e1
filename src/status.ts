import path from 'node:path';
import { BriefwrightError } from './errors.js';
import type { BriefPlan } from './plan.js';
import { planJobs, type Job } from './project/jobs.js';
import { RecordCheck, type RunRequest } from './record/unchanged-briefs.js';

/** One brief's state: current, or stale with the reasons. */
export interface BriefStatus {
  name: string;
  /** The output files this brief makes (project-relative). */
  outputs: string[];
  stale: boolean;
  reasons: string[];
  /** What does not make the outputs stale but should be seen to: a translation whose original has changed. */
  warnings: string[];
  /** The recipe file it comes from, and its template and formats (unknown when it cannot be planned). */
  recipe?: string;
  template?: string;
  formats?: string[];
}

/**
 * Says which outputs are stale and which change made each one stale, without
 * building anything. The build records answer for the briefs found current
 * before with the same project and flags; only the others are planned. A brief
 * that cannot even be planned is stale, with the error as its reason.
 */
export async function status(options: RunRequest): Promise<BriefStatus[]> {
  const check = await RecordCheck.open(options);
  const known = check?.unchanged() ?? [];
  const current = known.map((briefs) => briefs?.map((brief): BriefStatus => ({ ...brief, stale: false, reasons: [] })));
  if (check && current.length > 0 && current.every((briefs) => briefs !== undefined)) {
    await check.save();
    return current.flat() as BriefStatus[];
  }
  const { noteCurrent, openRun, planBrief, planWarnings, resolveJob } = await import('./plan.js');
  const run = await openRun({ ...options, check });
  const { project } = run;
  const relativeOutput = path.relative(project.root, run.outputDir).split(path.sep).join('/');
  const jobs = check?.jobs ?? (await planJobs(project, options));
  const statuses: BriefStatus[] = [];
  const found: { job: Job; plans: BriefPlan[] }[] = [];
  for (const [index, job] of jobs.entries()) {
    const briefs = current[index];
    if (briefs) {
      statuses.push(...briefs);
      continue;
    }
    try {
      const plans: BriefPlan[] = [];
      for (const request of await resolveJob(run, job)) {
        const plan = await planBrief(run, request);
        plans.push(plan);
        statuses.push({
          name: request.name,
          outputs: request.formats.map((format) => `${relativeOutput}/${request.name}.${format}`),
          stale: plan.reasons.length > 0,
          reasons: plan.reasons,
          warnings: planWarnings(plan),
          recipe: job.recipeFile,
          template: request.template,
          formats: request.formats,
        });
      }
      found.push({ job, plans });
    } catch (error) {
      if (!(error instanceof BriefwrightError)) throw error;
      const name = job.recipeFile ? path.basename(job.recipeFile).replace(/\.ya?ml$/, '') : 'brief';
      statuses.push({ name, outputs: [], stale: true, reasons: [`cannot be built: ${error.format()}`], warnings: [], recipe: job.recipeFile });
    }
  }
  // Jobs whose briefs are all current are noted so in their records, unless
  // some job could not be planned: a run with errors leaves the records as they were.
  if (found.length === jobs.filter((_, index) => !current[index]).length) {
    await noteCurrent(
      run,
      found.filter(({ plans }) => plans.every((plan) => plan.reasons.length === 0)),
    );
  }
  return statuses;
}
