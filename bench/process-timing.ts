// Whole-process timing: a command as users run it, in a process of its own,
// from spawn to exit, as the parent sees it.
import { spawn } from 'node:child_process';

/** A command to time, and what must hold before each timed run. */
export interface TimedCommand {
  /** Executable and its arguments. */
  command: string;
  args: string[];
  cwd: string;
  /** Exit codes that count as success (default [0]). */
  exitCodes?: number[];
  /** Untimed work before each run: wipe an output folder, edit a section. */
  before?: (run: number) => Promise<void>;
  /** Called with each line the command prints, and the seconds since it started. */
  onLine?: (line: string, seconds: number) => void;
}

/** Median, lowest and highest of a figure's timed runs, in seconds. */
export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** Runs a command once and returns its wall-clock seconds; fails with its stderr if it exits with an unexpected code. */
export async function runOnce(timed: TimedCommand, run: number): Promise<number> {
  await timed.before?.(run);
  const started = performance.now();
  const { onLine } = timed;
  const child = spawn(timed.command, timed.args, { cwd: timed.cwd, stdio: ['ignore', onLine ? 'pipe' : 'ignore', 'pipe'] });
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) onLine!(line, (performance.now() - started) / 1000);
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 4000) stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  if (!(timed.exitCodes ?? [0]).includes(code ?? -1)) {
    throw new Error(`${timed.command} ${timed.args.join(' ')} (in ${timed.cwd}) exited with ${code}:\n${stderr}`);
  }
  return seconds;
}

/**
 * Times every command `runs` times after one discarded warm-up run. The commands
 * take turns, one run of each per round, so that load from other processes on
 * the machine falls on a figure and its baseline alike.
 */
export async function timeInterleaved<K extends string>(
  commands: Record<K, TimedCommand>,
  runs: number,
  onRound?: (round: number) => void,
): Promise<Record<K, Timing>> {
  const keys = Object.keys(commands) as K[];
  const samples = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round <= runs; round += 1) {
    onRound?.(round);
    for (const key of keys) {
      const seconds = await runOnce(commands[key], round);
      if (round > 0) samples[key].push(seconds);
    }
  }
  return Object.fromEntries(keys.map((key) => [key, summarize(samples[key])])) as Record<K, Timing>;
}

/** The median (mean of the middle two for an even count), lowest and highest of some samples. */
export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: samples };
}
