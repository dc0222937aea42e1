import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build.js';
import { countWords, PageCountGuess } from '../../src/render/page-count-guess.js';
import { PACKAGE_ROOT } from '../../src/project/package-root.js';
import { pdfPages } from '../helpers/read-output.js';

describe('PageCountGuess', () => {
  it('guesses, for a layout no brief has printed in, only what holds for any page', () => {
    const guess = new PageCountGuess();
    guess.note('brief', 300, 1);
    guess.note('brief', 3000, 2);
    expect(guess.guess('handout', 150)).toBe(1);
    expect(guess.guess('handout', 300)).toBeUndefined();
    expect(guess.guess('handout', 1499)).toBeUndefined();
    expect(guess.guess('handout', 1500)).toBe(2);
  });

  it('lets what its briefs printed override what holds for any page', () => {
    const guess = new PageCountGuess();
    // Large type: 140 words overflowed a page (so three quarters of their 70 a page fit on one).
    guess.note('poster', 140, 2);
    expect(guess.guess('poster', 140)).toBe(2);
    expect(guess.guess('poster', 52)).toBe(1);
    // Small type: 1,800 words fitted on one page.
    guess.note('dense', 1800, 1);
    expect(guess.guess('dense', 1700)).toBe(1);
  });

  it('takes a brief no longer than one that fitted on a page to fit', () => {
    const guess = new PageCountGuess();
    guess.note('handout', 400, 1);
    expect(guess.guess('handout', 400)).toBe(1);
    // Nearer 400 than 1,500 (what no page holds), by ratio: the middle is √(400 × 1,500) ≈ 775.
    expect(guess.guess('handout', 774)).toBe(1);
    expect(guess.guess('handout', 775)).toBe(2);
  });

  it('takes a brief with more words than a first page held to need more than one', () => {
    const guess = new PageCountGuess();
    // 2,400 words on 4 pages: its first three pages held them, so a page holds fewer than 800.
    guess.note('handout', 2400, 4);
    expect(guess.guess('handout', 800)).toBe(2);
    // Three quarters of its 600 words a page, with room for the title, fit on one.
    expect(guess.guess('handout', 450)).toBe(1);
    // Between 450 and 800, the nearer decides: the middle is √(450 × 800) = 600.
    expect(guess.guess('handout', 599)).toBe(1);
    expect(guess.guess('handout', 600)).toBe(2);
  });

  it('keeps the tightest bounds across briefs', () => {
    const guess = new PageCountGuess();
    guess.note('brief', 1500, 4);
    guess.note('brief', 1000, 3);
    guess.note('brief', 320, 1);
    expect(guess.guess('brief', 500)).toBe(2);
    expect(guess.guess('brief', 320)).toBe(1);
    // Between 320 and 500, the middle is √(320 × 500) = 400.
    expect(guess.guess('brief', 399)).toBe(1);
    expect(guess.guess('brief', 400)).toBe(2);
  });
});

describe('countWords', () => {
  it('counts words across texts, whatever the spacing', () => {
    expect(countWords(['one  two\nthree', '', '  four '])).toBe(4);
  });
});

describe('a batch whose briefs guess their page count from the briefs before them', () => {
  it('gives every brief the same HTML and PDF pages it gets when built alone, page numbers only on more than one page', { timeout: 120_000 }, async () => {
    // The shipped library: long enough for handouts that overflow their page.
    const root = await mkdtemp(path.join(os.tmpdir(), 'briefwright-guess-'));
    await cp(path.join(PACKAGE_ROOT, 'content'), path.join(root, 'content'), { recursive: true });
    await mkdir(path.join(root, 'briefs'));
    try {
      const recipes = {
        'one-topic': 'populations: [english-learners]\ntopics: [technology-in-instruction]\nexclude: [umass-boston-el-study]',
        everything: 'populations: [all]\ntopics: []',
        learners: 'populations: [english-learners]\ntopics: []',
        trauma: 'populations: [students-experiencing-trauma]\ntopics: [trauma-informed-support]',
        agency: 'populations: [all]\ntopics: [student-agency]',
      };
      for (const [name, fields] of Object.entries(recipes)) {
        await writeFile(path.join(root, 'briefs', `${name}.yaml`), `title: Handout ${name}\ndate: 2026-11-23\ntemplate: handout\n${fields}\n`);
      }
      const names = Object.keys(recipes);
      const batch = await build({ root, recipes: names, jobs: 1 });
      expect(batch.map((result) => result.status)).toEqual(names.map(() => 'built'));
      const pageCounts = new Set<number>();
      for (const name of names) {
        const alone = await build({ root, recipes: [name], outputDir: `alone-${name}`, force: true });
        expect(alone.map((result) => result.status)).toEqual(['built']);
        const inBatch = await readFile(path.join(root, 'output', `${name}.html`));
        const byItself = await readFile(path.join(root, `alone-${name}`, `${name}.html`));
        expect(byItself.equals(inBatch), `${name}.html`).toBe(true);
        // The PDF's pages and what they say; its bytes also depend on what the browser page printed before.
        expect(pdfPages(path.join(root, `alone-${name}`, `${name}.pdf`)), `${name}.pdf`).toEqual(pdfPages(path.join(root, 'output', `${name}.pdf`)));
        const pages = pdfPages(path.join(root, 'output', `${name}.pdf`));
        pageCounts.add(pages.length);
        if (pages.length === 1) expect(pages[0]).not.toMatch(/Page \d/);
        else pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pages.length}`));
      }
      // Both cases are in the batch: handouts that fit on their page and handouts that do not.
      expect(pageCounts.has(1)).toBe(true);
      expect([...pageCounts].some((count) => count > 1)).toBe(true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
