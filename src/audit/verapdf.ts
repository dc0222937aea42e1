import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** veraPDF's verdict on one file. */
export interface VeraPdfVerdict {
  file: string;
  compliant: boolean;
  /** The rules it found broken: clause-test and description. */
  failures: string[];
}

/**
 * The veraPDF executable to use: VERAPDF if set, else `verapdf` on PATH;
 * undefined when neither runs.
 */
export async function findVeraPdf(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const candidate = env.VERAPDF || 'verapdf';
  try {
    await run(candidate, ['--version'], { timeout: 60_000 });
    return candidate;
  } catch {
    return undefined;
  }
}

/**
 * Runs veraPDF with its PDF/UA-1 profile (`--flavour ua1`) over the files in
 * one run (it takes seconds to start) and reads its XML report.
 */
export async function runVeraPdf(executable: string, files: readonly string[]): Promise<VeraPdfVerdict[]> {
  let output: string;
  try {
    ({ stdout: output } = await run(executable, ['--flavour', 'ua1', '--format', 'xml', ...files], { maxBuffer: 256 * 1024 * 1024, timeout: 600_000 }));
  } catch (error) {
    // veraPDF exits non-zero when a file is not compliant; its report is still on stdout.
    output = (error as { stdout?: string }).stdout ?? '';
    if (!output) throw error;
  }
  return parseVeraPdfReport(output, files);
}

/** Reads veraPDF's XML report: one validationReport per file, with the failed rules. */
export function parseVeraPdfReport(xml: string, files: readonly string[]): VeraPdfVerdict[] {
  const verdicts: VeraPdfVerdict[] = [];
  const jobs = xml.split(/<job>/).slice(1);
  jobs.forEach((job, index) => {
    const name = /<item[^>]*>\s*<name>([^<]*)<\/name>/.exec(job)?.[1] ?? files[index] ?? '';
    const report = /<validationReport[^>]*isCompliant="(true|false)"/.exec(job);
    const failures = [...job.matchAll(/<rule[^>]*clause="([^"]*)"[^>]*testNumber="([^"]*)"[^>]*status="failed"[^>]*>\s*<description>([^<]*)<\/description>/g)].map(
      (rule) => `${rule[1]}-${rule[2]}: ${rule[3]!.trim()}`,
    );
    verdicts.push({ file: name, compliant: report?.[1] === 'true', failures: report ? failures : ['veraPDF did not validate this file'] });
  });
  return verdicts;
}
