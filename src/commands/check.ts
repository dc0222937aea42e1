import path from 'node:path';
import type { Argv } from 'yargs';
import { ExitCode } from '../errors.js';
import type { Command } from './command.js';
import type { Console } from './console.js';

interface CheckArgs {
  root: string;
  files?: string[];
  output: boolean;
  chrome?: string;
}

/** `briefwright check`: validates the project, or with --output audits built briefs. */
export const checkCommand: Command = {
  command: 'check [files..]',
  describe: 'Validate the project: taxonomy, front matter, citations, templates, recipes; with --output, audit built briefs',
  options: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'With --output: HTML and PDF files to audit (default: all in output/)' })
      .option('output', { type: 'boolean', default: false, describe: 'Audit built HTML briefs: axe-core in Chromium and the W3C HTML checker' })
      .option('chrome', { type: 'string', describe: 'Path to Chrome or Chromium for the audit' }),
  run: (raw, io) => {
    const args = raw as unknown as CheckArgs;
    return args.output ? runAudit(args.root, args.files ?? [], args.chrome, io) : runCheck(args.root, io);
  },
};

async function runCheck(root: string, io: Console): Promise<number> {
  const [{ check }, { describeCoverage }] = await Promise.all([import('../check.js'), import('../sections/translation-checks.js')]);
  const report = await check({ root: path.resolve(root) });
  for (const problem of report.problems) io.err(`error: ${problem.format()}`);
  for (const warning of report.warnings) io.err(`warning: ${warning}`);
  for (const language of report.translations) io.out(`translations: ${describeCoverage(language)}`);
  if (report.problems.length === 0) {
    io.out(`project OK${report.warnings.length > 0 ? ` (${report.warnings.length} warning${report.warnings.length === 1 ? '' : 's'})` : ''}`);
    return ExitCode.ok;
  }
  io.err(`${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} found`);
  return ExitCode.input;
}

async function runAudit(root: string, files: string[], chrome: string | undefined, io: Console): Promise<number> {
  const { auditOutputs } = await import('../audit/audit-outputs.js');
  let validated = true;
  const problems = await auditOutputs({
    root: path.resolve(root),
    files,
    chrome,
    onWarning: (message) => {
      if (/HTML checker/.test(message)) validated = false;
      io.err(`warning: ${message}`);
    },
    onNote: (message) => io.out(message),
  });
  for (const problem of problems) io.err(`error: ${problem.format()}`);
  if (problems.length === 0) {
    io.out(`built briefs pass the audit: axe-core${validated ? ', the W3C HTML checker' : ''} and briefwright's PDF/UA-1 checks, where they apply`);
    return ExitCode.ok;
  }
  io.err(`${problems.length} problem${problems.length === 1 ? '' : 's'} found`);
  return ExitCode.input;
}
