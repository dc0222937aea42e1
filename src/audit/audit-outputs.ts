import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BriefwrightError } from '../errors.js';
import { loadConfig } from '../project/config.js';
import { LAYOUT } from '../project/load-project.js';
import { BrowserSession } from '../render/browser-session.js';
import { findChrome } from '../render/find-chrome.js';
import { auditAccessibility } from './accessibility.js';
import { validateHtml } from './html-validity.js';

/**
 * Audits built HTML briefs as an agency would before publishing: axe-core in
 * real Chromium (screen and print) and the W3C Nu HTML checker. Returns one
 * problem per violation, naming the file (and line, for validity errors).
 */
export async function auditOutputs(options: {
  root: string;
  outputDir?: string;
  files?: readonly string[];
  chrome?: string;
  /** Told what could not be checked (the HTML checker needs Java). */
  onWarning?: (message: string) => void;
}): Promise<BriefwrightError[]> {
  const outputDir = path.resolve(options.root, options.outputDir ?? LAYOUT.output);
  const files = options.files?.length
    ? options.files.map((file) => path.resolve(file))
    : existsSync(outputDir)
      ? (await readdir(outputDir)).filter((file) => file.endsWith('.html')).sort().map((file) => path.join(outputDir, file))
      : [];
  if (files.length === 0) throw new BriefwrightError(`no built HTML briefs in ${path.relative(options.root, outputDir) || '.'}/; run 'briefwright build' first`);
  const display = (file: string) => path.relative(options.root, file).split(path.sep).join('/');
  const config = await loadConfig(options.root);
  const session = new BrowserSession({ browser: () => findChrome({ flag: options.chrome, config: config.chrome }), pages: 2 });
  try {
    const [validity, accessibility] = await Promise.all([
      validateHtml(files, { display }).catch((error: unknown) => {
        // Without Java the accessibility audit still runs; say what was skipped.
        if (!(error instanceof BriefwrightError) || !/needs Java/.test(error.message)) throw error;
        options.onWarning?.(`${error.message}; HTML validity was not checked`);
        return [];
      }),
      Promise.all(files.map(async (file) => ({ file, violations: await auditAccessibility(session, await readFile(file, 'utf8')) }))),
    ]);
    return [
      ...validity.map((error) => new BriefwrightError(`invalid HTML: ${error.message}`, { location: error.location })),
      ...accessibility.flatMap(({ file, violations }) =>
        violations.map(
          (violation) =>
            new BriefwrightError(`accessibility (${violation.rule}, ${violation.impact}): ${violation.help}: ${violation.targets.slice(0, 3).join(', ')}`, {
              location: { file: display(file) },
            }),
        ),
      ),
    ];
  } finally {
    await session.close();
  }
}
