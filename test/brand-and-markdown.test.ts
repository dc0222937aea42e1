import path from 'node:path';
import type { Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOutputs } from '../src/audit/audit-outputs.js';
import { build } from '../src/build.js';
import { check } from '../src/check.js';
import { list } from '../src/list.js';
import { copyFixture } from './helpers/fixture.js';
import { pdfFacts, pdfFonts, pdfPages, readHtml } from './helpers/read-output.js';
import { hasJava } from './helpers/java.js';

const TEMPLATES = ['brief', 'handout', 'report', 'annotated-bibliography'];

interface Built {
  root: string;
  cleanup: () => Promise<void>;
  audit: string[];
  html: (name: string) => Promise<Root>;
  pdf: (name: string) => string;
}

async function buildFixture(name: string): Promise<Built> {
  const { root, cleanup } = await copyFixture(name);
  const results = await build({ root, jobs: 2 });
  expect(results.filter((result) => result.status !== 'built').map((result) => `${result.name}: ${result.error?.format()}`)).toEqual([]);
  const audit = (await auditOutputs({ root })).map((problem) => problem.format());
  return {
    root,
    cleanup,
    audit,
    html: (brief) => readHtml(path.join(root, 'output', `${brief}.html`)),
    pdf: (brief) => path.join(root, 'output', `${brief}.pdf`),
  };
}

/** Every id of a page, and every in-page link that names an id the page lacks. */
function links(page: Root) {
  const ids = selectAll('[id]', page).map((node) => String(node.properties.id));
  const targets = selectAll('a[href^="#"]', page).map((node) => String(node.properties.href).slice(1));
  return { ids, duplicates: ids.filter((id, index) => ids.indexOf(id) !== index), dangling: targets.filter((id) => !ids.includes(id)) };
}

let markdown: Built;
let brand: Built;

beforeAll(async () => {
  markdown = await buildFixture('markdown-features');
  brand = await buildFixture('brand-theme');
}, 300_000);

afterAll(async () => {
  await markdown?.cleanup();
  await brand?.cleanup();
});

describe('footnotes, figures, tables and cross-references', () => {
  it('number footnotes across the sections, linked both ways, with unique ids, in every template', async () => {
    for (const template of ['brief', 'handout', 'report']) {
      const page = await markdown.html(template);
      const { duplicates, dangling } = links(page);
      expect(duplicates, template).toEqual([]);
      expect(dangling, template).toEqual([]);
      expect(selectAll('.footnote-ref a', page).map((node) => `${toString(node)} ${String(node.properties.href)}`), template).toEqual(['1 #fn-1', '2 #fn-2', '3 #fn-3']);
      const notes = selectAll('.note-list > li', page);
      expect(notes.map((note) => note.properties.id)).toEqual(['fn-1', 'fn-2', 'fn-3']);
      expect(toString(notes[2]!)).toContain('A hotspot counts only if the family can keep it through the summer.');
      expect(select('.note-list a.footnote-back[href="#fnref-3"]', page)).toBeTruthy();
      // The notes print at the end of the brief, just before the references.
      const order = selectAll('main > section, main > aside, main > nav', page).map((node) => String(node.properties.className ?? ''));
      expect(order.slice(-2)).toEqual(['notes', 'references']);
    }
  });

  it('give numbered figures and table captions, and cross-references that name them', async () => {
    const page = await markdown.html('brief');
    expect(selectAll('figure', page).map((node) => `${node.properties.id} ${toString(select('figcaption', node)!)}`)).toEqual([
      'fig-device-access Figure 1. Share of students with a working device at home, by group (illustrative figures).',
      'fig-coaching Figure 2. Coaching hours rose from 4 to 18 a year over two years',
    ]);
    expect(select('figure#fig-coaching img', page)?.properties.alt).toBe('Bar chart of coaching hours per teacher: 4 before the plan, 12 in the first year, 18 in the second');
    expect(toString(select('table#tbl-supports caption', page)!)).toBe('Table 1. What a state can fund, per student per year');
    expect(selectAll('a.xref', page).map((node) => `${toString(node)} ${String(node.properties.href)}`)).toEqual([
      'Figure 1 #fig-device-access',
      'Table 1 #tbl-supports',
      'Plan the support, not only the devices #section-plan-support',
      'Figure 2 #fig-coaching',
      'Figure 1 #fig-device-access',
      'Figure 2 #fig-coaching',
      '1 #tbl-supports',
      'Who has a device at home #section-device-access',
    ]);
    expect(selectAll('td', page).map((node) => (node.properties.className as string[] | undefined)?.join(' ') ?? '').slice(0, 3)).toEqual(['align-left', 'align-center', 'align-right']);
    expect(selectAll('[align]', page)).toEqual([]);
  });

  it('read back from the PDF with the same numbers, notes before references, and page numbers only past one page', () => {
    const text = pdfPages(markdown.pdf('brief')).join('\n').replace(/\s+/g, ' ');
    for (const phrase of ['Figure 1. Share of students', 'Table 1. What a state can fund', 'as Figure 1 shows', 'Start with the supports of Table 1', 'KEY TAKEAWAYS', 'POLICY BRIEF', 'Page 1 of 2']) {
      expect(text).toContain(phrase);
    }
    expect(text.indexOf('NOTES')).toBeGreaterThan(text.indexOf('Next steps'));
    expect(text.indexOf('NOTES')).toBeLessThan(text.indexOf('REFERENCES'));
    const handout = pdfPages(markdown.pdf('handout'));
    expect(handout).toHaveLength(1);
    expect(handout[0]).not.toMatch(/Page \d/);
    expect(handout[0]).toContain('KEY POINTS');
    // A DOI may wrap after a slash, never inside its numbers.
    const pieces = handout[0]!.split(/\s+/).filter((word) => /doi\.org|10\.2307|1602691/.test(word));
    expect(pieces.join('')).toBe('https://doi.org/10.2307/1602691');
    expect(pieces.slice(0, -1).every((piece) => piece.endsWith('/'))).toBe(true);
  });

  it('give any template a table of contents with page numbers when the recipe asks', async () => {
    const page = await markdown.html('brief-with-contents');
    expect(selectAll('nav.toc a', page).map((node) => toString(select('.toc-title', node)!))).toEqual([
      'Background',
      'Who has a device at home',
      'Practices',
      'Plan the support, not only the devices',
      'Notes',
      'References',
    ]);
    expect(selectAll('nav.toc .toc-page', page).every((node) => /^page \d+$/.test(toString(node)))).toBe(true);
    expect(pdfPages(markdown.pdf('brief-with-contents'))[0]).toMatch(/CONTENTS/);
    expect(select('nav.toc', await markdown.html('brief'))).toBeUndefined();
  });

  it.skipIf(!hasJava)('keep every design valid HTML and free of accessibility failures', () => {
    expect(markdown.audit).toEqual([]);
  });
});

describe('a project with its own theme and one partial of its own', () => {
  it('builds every built-in layout with its own brand, font and footer', async () => {
    for (const template of TEMPLATES) {
      const page = await brand.html(template);
      expect(select('body', page)?.properties.className, template).toEqual([`layout-${template === 'annotated-bibliography' ? 'bibliography' : template}`]);
      expect(select('img.logo', page)?.properties.alt, template).toBe('Every Day Counts Coalition');
      expect(toString(select('footer.colophon', page)!), template).toContain('Published by Every Day Counts Coalition');
      const css = selectAll('style', page).map((node) => toString(node)).join('\n');
      expect(css).toContain('--primary: #5b2a6e;');
      expect(css).toContain('.layout-handout main');
      const fonts = pdfFonts(brand.pdf(template));
      expect(fonts.filter((font) => /Lora/.test(font.name)).length, template).toBeGreaterThan(0);
      expect(fonts.every((font) => font.embedded)).toBe(true);
    }
    expect(pdfPages(brand.pdf('brief'))[0]).toContain('Every Day Counts Coalition · everydaycounts.example.org');
    const partner = await brand.html('built-in-theme');
    expect(select('img.logo', partner)?.properties.alt).toBe('Learning Equity Alliance logo');
    expect((await pdfFacts(brand.pdf('report'))).size).toEqual({ width: 612, height: 792 });
  });

  it('says where each theme and template comes from', async () => {
    expect(await list({ root: brand.root, what: 'themes' })).toEqual(['default (built-in)', 'every-day-counts (project)', 'partner (built-in)']);
    const templates = await list({ root: brand.root, what: 'templates' });
    expect(templates.filter((line) => line.startsWith('brief '))).toEqual([expect.stringMatching(/^brief \(built-in, at most 4 pages\)/)]);
    expect(templates.at(-1)).toBe('partials from the project: footer');
    expect((await check({ root: brand.root })).problems.map((problem) => problem.format())).toEqual([]);
  });

  it.skipIf(!hasJava)('keeps every design valid HTML and free of accessibility failures', () => {
    expect(brand.audit).toEqual([]);
  });
});

