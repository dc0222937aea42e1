import { SingleBar } from 'cli-progress';
import type { BriefResult } from '../build.js';
import type { Console } from './console.js';

/** The reason a build gives a brief rebuilt only because of --force. */
const FORCED = 'rebuild forced';

/**
 * Reports a build as it goes: a progress bar on a terminal, one line per brief
 * elsewhere (CI logs, pipes), with why it was rebuilt. Failures and warnings always get their own lines.
 */
export class BuildProgress {
  private bar?: SingleBar;
  constructor(private readonly io: Console) {}

  /** Called once the number of briefs to build is known. */
  start(total: number): void {
    if (!this.io.interactive || total < 2) return;
    this.bar = new SingleBar({ format: 'building {bar} {value}/{total} briefs  {brief}', hideCursor: true, clearOnComplete: true });
    this.bar.start(total, 0, { brief: '' });
  }

  /** Called as each brief finishes (or is found up to date). */
  done(result: BriefResult): void {
    if (result.status === 'up-to-date') return;
    if (this.bar) this.bar.increment({ brief: result.name });
    const lines: [string, boolean][] = [];
    if (result.status === 'built') {
      const pages = result.pages ? ` (${result.pages} page${result.pages === 1 ? '' : 's'})` : '';
      if (!this.bar) lines.push([`✓ ${result.name}: ${result.files.join(', ')}${pages}${because(result.reasons)}`, false]);
    } else {
      lines.push([`✗ ${result.name}`, true], [indent(result.error!.format()), true]);
    }
    for (const warning of result.warnings) lines.push([`warning: ${warning}`, true]);
    if (lines.length === 0) return;
    // A message ends the bar; the rest of the run reports line by line.
    this.bar?.stop();
    this.bar = undefined;
    for (const [line, isError] of lines) (isError ? this.io.err : this.io.out)(line);
  }

  /** Removes the bar. */
  stop(): void {
    this.bar?.stop();
  }
}

/** Why a brief was rebuilt, in the words `status` uses; nothing when the only reason is that the user forced it. */
function because(reasons: readonly string[]): string {
  const told = reasons.filter((reason) => reason !== FORCED);
  return told.length > 0 ? ` — ${told.join('; ')}` : '';
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
