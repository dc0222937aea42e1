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
import { checkPdfConformance } from './pdf-conformance.js';
import { findVeraPdf, runVeraPdf } from './verapdf.js';

/**
 * Audits built briefs as an agency would before publishing: HTML with axe-core
 * in real Chromium (screen and print) and the W3C Nu HTML checker; PDFs with
 * briefwright's PDF/UA-1 checks (a subset of the standard) and, when a veraPDF
 * executable is found (VERAPDF, or `verapdf` on PATH), with veraPDF's PDF/UA-1
 * profile. Returns one problem per violation, naming the file (and line, for
 * validity errors; page and Matterhorn condition, for PDFs).
 */
export async function auditOutputs(options: {
  root: string;
  outputDir?: string;
  files?: readonly string[];
  chrome?: string;
  /** Told what could not be checked (the HTML checker needs Java; veraPDF may be missing). */
  onWarning?: (message: string) => void;
  /** Told what each PDF checker concluded. */
  onNote?: (message: string) => void;
}): Promise<BriefwrightError[]> {
  const outputDir = path.resolve(options.root, options.outputDir ?? LAYOUT.output);
  const files = options.files?.length
    ? options.files.map((file) => path.resolve(file))
    : existsSync(outputDir)
      ? (await readdir(outputDir)).filter((file) => /\.(html|pdf)$/.test(file)).sort().map((file) => path.join(outputDir, file))
      : [];
  if (files.length === 0) throw new BriefwrightError(`no built briefs in ${path.relative(options.root, outputDir) || '.'}/; run 'briefwright build' first`);
  const display = (file: string) => path.relative(options.root, file).split(path.sep).join('/');
  const pdfs = files.filter((file) => file.endsWith('.pdf'));
  const pdfProblems = await auditPdfs(pdfs, display, options);
  const htmls = files.filter((file) => !file.endsWith('.pdf'));
  if (htmls.length === 0) return pdfProblems;
  const config = await loadConfig(options.root);
  const session = new BrowserSession({ browser: () => findChrome({ flag: options.chrome, config: config.chrome }), pages: 2 });
  try {
    const [validity, accessibility] = await Promise.all([
      validateHtml(htmls, { display }).catch((error: unknown) => {
        // Without Java the accessibility audit still runs; say what was skipped.
        if (!(error instanceof BriefwrightError) || !/needs Java/.test(error.message)) throw error;
        options.onWarning?.(`${error.message}; HTML validity was not checked`);
        return [];
      }),
      Promise.all(htmls.map(async (file) => ({ file, violations: await auditAccessibility(session, await readFile(file, 'utf8')) }))),
    ]);
    return [
      ...pdfProblems,
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

/** The PDF/UA-1 audit: briefwright's checks on every PDF, then veraPDF's verdict when it is installed. */
async function auditPdfs(
  pdfs: readonly string[],
  display: (file: string) => string,
  options: { onWarning?: (message: string) => void; onNote?: (message: string) => void },
): Promise<BriefwrightError[]> {
  if (pdfs.length === 0) return [];
  const problems: BriefwrightError[] = [];
  for (const file of pdfs) {
    for (const problem of await checkPdfConformance(file)) {
      const where = problem.page === undefined ? '' : `page ${problem.page}: `;
      problems.push(new BriefwrightError(`${where}${problem.code} ${problem.message}`, { kind: 'failed', location: { file: display(file) } }));
    }
  }
  options.onNote?.(`PDF/UA-1: briefwright's own checks passed for ${pdfs.length - new Set(problems.map((p) => p.location?.file)).size} of ${pdfs.length} PDFs; they are a subset of the standard, not a replacement for veraPDF or PAC`);
  const verapdf = await findVeraPdf();
  if (!verapdf) {
    options.onWarning?.('veraPDF was not found (set VERAPDF or put verapdf on PATH), so the PDFs were not checked against the full PDF/UA-1 profile');
    return problems;
  }
  for (const verdict of await runVeraPdf(verapdf, pdfs)) {
    const file = display(path.resolve(verdict.file));
    if (verdict.compliant) options.onNote?.(`${file}: veraPDF (PDF/UA-1): compliant`);
    else for (const failure of verdict.failures) problems.push(new BriefwrightError(`veraPDF (PDF/UA-1): ${failure}`, { kind: 'failed', location: { file } }));
  }
  return problems;
}
