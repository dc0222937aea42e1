/** Where in a project file a problem was found (1-based line and column). */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** The kinds of failure, each with a fixed process exit code (see README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** A brief failed to build, or (for `status`) an output is stale. */
  failed: 1,
  /** The command line itself is wrong: unknown flag, bad value. */
  usage: 2,
  /** The project is wrong: YAML, front matter, unknown ids or citation keys, templates. */
  input: 3,
  /** No usable browser, or the browser failed. */
  browser: 4,
  /** A bug in briefwright. */
  internal: 70,
} as const;

export type ErrorKind = Exclude<keyof typeof ExitCode, 'ok'>;

/**
 * The one error type briefwright throws on purpose. It prints like a compiler
 * diagnostic: `file:line:col: message`.
 */
export class BriefwrightError extends Error {
  readonly kind: ErrorKind;
  readonly location?: SourceLocation;

  constructor(
    message: string,
    options: { kind?: ErrorKind; location?: SourceLocation; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'BriefwrightError';
    this.kind = options.kind ?? 'input';
    this.location = options.location;
  }

  /** `file:line:col: message`, with as much of the location as is known. */
  format(): string {
    return this.location ? `${formatLocation(this.location)}: ${this.message}` : this.message;
  }
}

/** Several problems found in one pass, reported together (as `check` does). */
export class ProblemList extends BriefwrightError {
  readonly problems: readonly BriefwrightError[];

  constructor(problems: readonly BriefwrightError[]) {
    const first = problems[0];
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} found`, {
      kind: first?.kind ?? 'input',
    });
    this.name = 'ProblemList';
    this.problems = problems;
  }

  override format(): string {
    return this.problems.map((problem) => problem.format()).join('\n');
  }
}

/**
 * Gives an error that has no location the place the caller read the value that
 * caused it (a recipe's `template:` line for an unknown template); any other
 * error is returned as it is.
 */
export function withLocation(error: unknown, location: SourceLocation | undefined): unknown {
  if (!(error instanceof BriefwrightError) || error instanceof ProblemList || error.location || !location) return error;
  return new BriefwrightError(error.message, { kind: error.kind, location, cause: error });
}

/** Runs `task`; an error it throws without a location gets `location` (see withLocation). */
export function located<T>(task: () => T, location: SourceLocation | undefined): T {
  try {
    return task();
  } catch (error) {
    throw withLocation(error, location);
  }
}

/** `file:line:col`, dropping the parts that are unknown. */
export function formatLocation({ file, line, column }: SourceLocation): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** Collects problems so a pass can report all of them instead of stopping at the first. */
export class ProblemCollector {
  readonly problems: BriefwrightError[] = [];

  /** Runs `task`; a BriefwrightError it throws is recorded and `undefined` returned. */
  attempt<T>(task: () => T): T | undefined {
    try {
      return task();
    } catch (error) {
      this.add(error);
      return undefined;
    }
  }

  /** Records a problem; anything that is not a BriefwrightError is a bug and is rethrown. */
  add(error: unknown): void {
    if (error instanceof ProblemList) this.problems.push(...error.problems);
    else if (error instanceof BriefwrightError) this.problems.push(error);
    else throw error;
  }

  /** Throws every recorded problem at once, if there are any. */
  throwIfAny(): void {
    if (this.problems.length === 1) throw this.problems[0];
    if (this.problems.length > 1) throw new ProblemList(this.problems);
  }
}
