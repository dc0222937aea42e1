import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { BriefwrightError, type SourceLocation } from '../errors.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** A problem the W3C Nu HTML checker found. */
export interface ValidityError {
  location: SourceLocation;
  message: string;
}

/**
 * Validates HTML files with the W3C Nu HTML checker (vnu.jar, which needs Java),
 * all files in one run since the checker takes seconds to start. Errors only.
 */
export async function validateHtml(files: readonly string[], options: { display: (file: string) => string }): Promise<ValidityError[]> {
  if (files.length === 0) return [];
  const jar = String(require('vnu-jar'));
  let output: string;
  try {
    const result = await run('java', ['-jar', jar, '--errors-only', '--format', 'json', '--exit-zero-always', ...files], {
      maxBuffer: 64 * 1024 * 1024,
    });
    output = result.stdout || result.stderr;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BriefwrightError(
      code === 'ENOENT'
        ? 'the HTML checker needs Java (Debian: apt-get install default-jre-headless)'
        : `the HTML checker failed: ${(error as Error).message}`,
      { kind: 'failed', cause: error },
    );
  }
  const report = JSON.parse(output.slice(output.indexOf('{'))) as {
    messages: { type: string; url?: string; lastLine?: number; firstColumn?: number; lastColumn?: number; message: string }[];
  };
  return report.messages
    .filter((message) => message.type === 'error')
    .map((message) => ({
      location: {
        file: options.display(message.url ? decodeURIComponent(new URL(message.url).pathname) : files[0]!),
        line: message.lastLine,
        column: message.firstColumn ?? message.lastColumn,
      },
      message: message.message,
    }));
}
