import path from 'node:path';
import { BriefwrightError } from './errors.js';
import { openRun, planBrief, resolveJob } from './plan.js';
import { planJobs, type JobRequest } from './project/jobs.js';
import { behindMessage, isBehind } from './sections/translations.js';

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
 * building anything. A brief that cannot even be planned is stale, with the error
 * as its reason.
 */
export async function status(options: JobRequest & { root: string; outputDir?: string; today?: string }): Promise<BriefStatus[]> {
  const run = await openRun(options);
  const { project } = run;
  const relativeOutput = path.relative(project.root, run.outputDir).split(path.sep).join('/');
  const statuses: BriefStatus[] = [];
  for (const job of await planJobs(project, options)) {
    try {
      for (const request of await resolveJob(run, job)) {
        const plan = await planBrief(run, request);
        statuses.push({
          name: request.name,
          outputs: request.formats.map((format) => `${relativeOutput}/${request.name}.${format}`),
          stale: plan.reasons.length > 0,
          reasons: plan.reasons,
          warnings: plan.sections.filter(isBehind).map(behindMessage),
          recipe: job.recipeFile,
          template: request.template,
          formats: request.formats,
        });
      }
    } catch (error) {
      if (!(error instanceof BriefwrightError)) throw error;
      const name = job.recipeFile ? path.basename(job.recipeFile).replace(/\.ya?ml$/, '') : 'brief';
      statuses.push({ name, outputs: [], stale: true, reasons: [`cannot be built: ${error.format()}`], warnings: [], recipe: job.recipeFile });
    }
  }
  return statuses;
}
