import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { defaultDate } from '../project/default-date.js';
import { planJobs, type Job, type JobRequest } from '../project/jobs.js';
import { LAYOUT, listRecipeFiles, type Project } from '../project/load-project.js';
import { readRecord, RECORD_DIR, withVerification, writeRecord, type BuildRecord, type Verification } from './build-record.js';
import { hash } from './content-hash.js';
import { FileStamps } from './file-stamps.js';
import { isShared, projectState } from './project-state.js';

/** What a build or status run asks for. */
export interface RunRequest extends JobRequest {
  root: string;
  outputDir?: string;
  /** Output base name for a one-off brief. */
  name?: string;
  today?: string;
}

/** A brief whose outputs are current, known from its record alone. */
export interface UnchangedBrief {
  name: string;
  /** The recipe file it comes from. */
  recipe?: string;
  template?: string;
  formats: string[];
  /** Its output files, project-relative. */
  outputs: string[];
  /** What `status` shows without calling it stale: translations behind their originals. */
  warnings: string[];
}

/**
 * What the build records say of a run's jobs, found before the project is
 * loaded: the briefs whose outputs were found current for the same shared
 * files (by content), the same recipe and the same flags. Only the other jobs
 * need the project loaded and planned; with none, nothing is parsed at all.
 */
export class RecordCheck {
  /** Records read in this run, by brief name: a job with `--each` looks at each twice. */
  private readonly records = new Map<string, BuildRecord | undefined>();

  private constructor(
    readonly root: string,
    readonly outputDir: string,
    readonly today: string,
    readonly stamps: FileStamps,
    /** The hash of the project's shared files (see `projectState`). */
    readonly state: string,
    readonly jobs: Job[],
    private readonly request: RunRequest,
  ) {}

  /**
   * Reads the records for a run's jobs. Undefined when the records cannot
   * answer for any job (not a project, an unknown recipe): the full path then
   * reports why.
   */
  static async open(request: RunRequest): Promise<RecordCheck | undefined> {
    const root = path.resolve(request.root);
    if (!existsSync(path.join(root, LAYOUT.taxonomy))) return undefined;
    const outputDir = path.resolve(root, request.outputDir ?? LAYOUT.output);
    let jobs: Job[];
    try {
      // Planning jobs takes only the project folder and its recipe files' names.
      const listing = { root, recipeFiles: await listRecipeFiles(root) };
      jobs = await planJobs(listing as Project, request);
    } catch {
      return undefined;
    }
    const stamps = FileStamps.open(outputDir);
    const state = projectState({ root, outputDir, stamps });
    return new RecordCheck(root, outputDir, request.today ?? defaultDate(), stamps, state, jobs, request);
  }

  /** Per job (in order), its briefs when the records show all of them current; undefined for a job to be planned. */
  unchanged(): (UnchangedBrief[] | undefined)[] {
    const recordNames = lazy(() => listRecords(this.outputDir));
    return this.jobs.map((job) => this.unchangedJob(job, recordNames));
  }

  /** The key a job's briefs are verified under: the project state, the recipe's content, the flags and the date. */
  key(job: Job): string {
    const recipe = job.recipeFile ? this.stamps.hash(path.join(this.root, job.recipeFile)) : null;
    const { fields, name } = this.request;
    return hash(JSON.stringify([this.state, job.recipeFile ?? null, recipe, job.each ?? null, fields ?? {}, name ?? null, this.today]));
  }

  /** Hashes of the files among `files` (absolute) that the project state does not cover. */
  external(files: readonly string[]): Record<string, string> {
    const outside = [...new Set(files)].filter((file) => !isShared(file, this.root)).sort();
    return Object.fromEntries(outside.map((file) => [file, this.stamps.hash(file)]));
  }

  /** Adds a verification to a brief's record, unless it has it already; a record that cannot be written is left as it is. */
  async verify(name: string, verification: Verification): Promise<void> {
    const record = readRecord(this.outputDir, name);
    const updated = record && withVerification(record, verification);
    if (updated) await writeRecord(this.outputDir, updated).catch(() => undefined);
  }

  /** Keeps the file stamps for the next run. */
  save(): Promise<void> {
    return this.stamps.save();
  }

  private record(name: string): BuildRecord | undefined {
    if (!this.records.has(name)) this.records.set(name, readRecord(this.outputDir, name));
    return this.records.get(name);
  }

  private unchangedJob(job: Job, recordNames: () => string[]): UnchangedBrief[] | undefined {
    // A one-off brief's name comes from its resolved picks: it is planned.
    if (!job.recipeFile) return undefined;
    const base = path.basename(job.recipeFile).replace(/\.ya?ml$/, '');
    const key = this.key(job);
    const candidates = job.each ? recordNames().filter((name) => name.startsWith(`${base}-`)) : [base];
    for (const candidate of candidates) {
      const note = this.record(candidate)?.verified?.find((verification) => verification.key === key);
      if (!note) continue;
      const briefs = note.briefs.map((name) => this.unchangedBrief(name, key, note.briefs, job));
      return briefs.every((brief) => brief !== undefined) ? briefs : undefined;
    }
    return undefined;
  }

  private unchangedBrief(name: string, key: string, siblings: string[], job: Job): UnchangedBrief | undefined {
    const record = this.record(name);
    const note = record?.verified?.find((verification) => verification.key === key);
    if (!record || !note || JSON.stringify(note.briefs) !== JSON.stringify(siblings)) return undefined;
    if (Object.entries(note.external).some(([file, content]) => this.stamps.hash(file) !== content)) return undefined;
    const outputs = note.formats.map((format) => record.outputs[format]?.file);
    if (!outputs.every((file): file is string => file !== undefined && existsSync(path.join(this.root, file)))) return undefined;
    const template = record.request.template;
    return {
      name,
      recipe: job.recipeFile,
      template: typeof template === 'string' ? template : undefined,
      formats: note.formats,
      outputs,
      warnings: note.warnings,
    };
  }
}

function listRecords(outputDir: string): string[] {
  try {
    return readdirSync(path.join(outputDir, RECORD_DIR))
      .filter((file) => file.endsWith('.json') && !file.startsWith('.'))
      .map((file) => file.slice(0, -'.json'.length));
  } catch {
    return [];
  }
}

function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
