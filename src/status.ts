import path from 'node:path';
import { SectionTrees } from './compose/section-trees.js';
import { TemplateSet } from './compose/templates.js';
import { BriefwrightError } from './errors.js';
import { planBrief, resolveJob, type RunContext } from './plan.js';
import { loadConfig } from './project/config.js';
import { planJobs, type JobRequest } from './project/jobs.js';
import { LAYOUT, loadProject } from './project/load-project.js';
import { FileHashes } from './record/build-record.js';
import { defaultDate } from './project/brief-request.js';

/** One brief's state: current, or stale with the reasons. */
export interface BriefStatus {
  name: string;
  /** The output files this brief makes (project-relative). */
  outputs: string[];
  stale: boolean;
  reasons: string[];
}

/**
 * Says which outputs are stale and which change made each one stale, without
 * building anything. A brief that cannot even be planned is stale, with the error
 * as its reason.
 */
export async function status(options: JobRequest & { root: string; outputDir?: string; today?: string }): Promise<BriefStatus[]> {
  const project = await loadProject({ root: options.root });
  const run: RunContext = {
    project,
    config: await loadConfig(project.root),
    templates: await TemplateSet.load({ dir: project.templatesDir, displayRoot: project.root }),
    fields: options.fields,
    outputDir: path.resolve(project.root, options.outputDir ?? LAYOUT.output),
    today: options.today ?? defaultDate(),
    hashes: new FileHashes(project.root),
    styles: new Map(),
    stylesheets: new Map(),
    trees: new SectionTrees(project.root),
  };
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
        });
      }
    } catch (error) {
      if (!(error instanceof BriefwrightError)) throw error;
      const name = job.recipeFile ? path.basename(job.recipeFile).replace(/\.ya?ml$/, '') : 'brief';
      statuses.push({ name, outputs: [], stale: true, reasons: [`cannot be built: ${error.format()}`] });
    }
  }
  return statuses;
}
