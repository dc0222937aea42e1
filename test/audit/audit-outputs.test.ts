import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOutputs } from '../../src/audit/audit-outputs.js';
import { build } from '../../src/build.js';
import type { BriefwrightError } from '../../src/errors.js';
import { copyFixture } from '../helpers/fixture.js';
import { hasJava } from '../helpers/java.js';

if (!hasJava) console.warn('SKIPPED: Java is not installed, so built briefs were NOT checked with the W3C HTML checker');

let root: string;
let cleanup: () => Promise<void>;
let problems: BriefwrightError[];

beforeAll(async () => {
  ({ root, cleanup } = await copyFixture('basic'));
  // Every shipped design, built from the fixture's content.
  for (const template of ['brief', 'handout', 'report', 'annotated-bibliography']) {
    await writeFile(
      path.join(root, `briefs/${template}.yaml`),
      `title: A ${template}\nsubtitle: Sub\naudience: Staff\ndate: 2026-11-23\npopulations: [all]\ntemplate: ${template}\nformats: [html]\nnocite: '*'\n${template === 'handout' ? 'theme: partner\n' : ''}`,
    );
  }
  const results = await build({ root });
  expect(results.filter((r) => r.status === 'failed').map((r) => r.error?.format())).toEqual([]);
  await writeFile(
    path.join(root, 'output/broken.html'),
    '<!DOCTYPE html><html><head><title>x</title></head><body><main><p style="color:#bbb;background:#fff">faint</p><img src="data:image/png;base64,iVBORw0KGgo="><div id="a"></div><div id="a"><li>stray</li></div></main></body></html>\n',
  );
  problems = await auditOutputs({ root });
}, 180_000);

afterAll(async () => {
  await cleanup();
});

describe('auditing built briefs', () => {
  it('finds nothing wrong in any shipped design', () => {
    expect(problems.map((p) => p.format()).filter((line) => !line.startsWith('output/broken.html'))).toEqual([]);
  });

  it('catches accessibility failures in real Chromium', () => {
    const broken = problems.map((p) => p.format()).filter((line) => line.startsWith('output/broken.html'));
    expect(broken).toEqual(expect.arrayContaining([expect.stringMatching(/accessibility \(color-contrast/), expect.stringMatching(/accessibility \(image-alt/), expect.stringMatching(/accessibility \(html-has-lang/)]));
  });

  it.skipIf(!hasJava)('catches invalid HTML with its line', () => {
    expect(problems.map((p) => p.format())).toEqual(expect.arrayContaining([expect.stringMatching(/^output\/broken\.html:1:\d+: invalid HTML: .*(li|Duplicate ID)/)]));
  });
});
