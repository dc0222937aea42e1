import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BrowserSession } from '../render/browser-session.js';

const require = createRequire(import.meta.url);

/** One accessibility rule a page breaks, with the elements that break it. */
export interface AxeViolation {
  rule: string;
  impact: string;
  help: string;
  /** CSS selectors of the offending elements. */
  targets: string[];
}

interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules, and best practices) on a page in real
 * Chromium, as an agency's accessibility audit would. Screen and print media
 * are both checked, since briefs are read in both.
 */
export async function auditAccessibility(session: BrowserSession, html: string): Promise<AxeViolation[]> {
  const axe = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const tags = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']";
  // Paper has no pointer: the size of touch targets is a screen matter.
  const rules = { screen: '{}', print: "{ 'target-size': { enabled: false } }" };
  const found = new Map<string, AxeViolation>();
  for (const media of ['screen', 'print'] as const) {
    const run = `axe.run(document, { runOnly: { type: 'tag', values: ${tags} }, rules: ${rules[media]}, resultTypes: ['violations'] })`;
    const results = await session.evaluate<AxeResults>(html, [axe], run, media);
    for (const violation of results.violations) {
      const key = `${violation.id}|${violation.nodes.map((node) => node.target.join(' ')).join(',')}`;
      found.set(key, {
        rule: violation.id,
        impact: violation.impact ?? 'unknown',
        help: `${violation.help}${media === 'print' ? ' (in print)' : ''}`,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      });
    }
  }
  return [...found.values()];
}
