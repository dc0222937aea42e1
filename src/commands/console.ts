/** A place to write lines (stdout and stderr, or a test's buffers). */
export interface Console {
  out(line: string): void;
  err(line: string): void;
  /** Whether a person watches (a terminal, not CI): progress bars instead of log lines. */
  interactive?: boolean;
}

/** The process's own standard output and error. */
export const processConsole: Console = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stderr.isTTY) && !process.env.CI,
};

/**
 * Ends the process quietly (exit 0) when whoever reads its output stops reading,
 * as `briefwright list styles | head -1` does, instead of failing with EPIPE.
 */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
}
