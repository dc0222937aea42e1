import { BriefwrightError, type ErrorKind } from '../errors.js';

/** A failure the preview server answers with a particular HTTP status (and headers). */
export class HttpError extends BriefwrightError {
  constructor(
    readonly status: number,
    message: string,
    options: { kind?: ErrorKind; headers?: Record<string, string>; field?: string; cause?: unknown } = {},
  ) {
    super(message, { kind: options.kind ?? (status < 500 ? 'usage' : 'failed'), cause: options.cause });
    this.name = 'HttpError';
    this.headers = options.headers ?? {};
    this.field = options.field;
  }

  /** Extra response headers, such as Retry-After. */
  readonly headers: Record<string, string>;
  /** The request field at fault, for a 400. */
  readonly field?: string;
}

/**
 * The status a failure is answered with: its own for an HttpError; 400 for a
 * bad request; 422 for a project problem (a section's unknown citation key, a
 * request that picks nothing); 500 when the browser fails or for a bug.
 */
export function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.status;
  if (error instanceof BriefwrightError) return error.kind === 'usage' ? 400 : error.kind === 'input' ? 422 : 500;
  return 500;
}
