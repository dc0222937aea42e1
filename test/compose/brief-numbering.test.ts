import { describe, expect, it } from 'vitest';
import { findCitations } from '../../src/citations/parse-citations.js';
import { numberBrief } from '../../src/compose/brief-numbering.js';
import { LabelFiles } from '../../src/compose/label-files.js';
import { FileLayers } from '../../src/project/file-layers.js';
import { PACKAGE_ROOT } from '../../src/project/package-root.js';

const ENGLISH_LABELS = (await LabelFiles.load(new FileLayers({ project: PACKAGE_ROOT, builtIn: PACKAGE_ROOT }))).forLanguage('en');
import { counterContent, pageSetup } from '../../src/compose/page-setup.js';
import { renderMarkdown, type RenderedSection } from '../../src/compose/section-trees.js';
import { breakLinkText } from '../../src/compose/url-breaks.js';
import { ProblemList, type BriefwrightError } from '../../src/errors.js';

function render(markdown: string, file = 's.md'): RenderedSection {
  return renderMarkdown({ markdown, file, firstLine: 1, headingOffset: 3, firstCitation: 0, root: '/nonexistent' });
}

function brief(...sections: [string, string][]) {
  const rendered = sections.map(([id, markdown]) => ({ id, title: `Title of ${id}`, file: `${id}.md`, rendered: render(markdown, `${id}.md`) }));
  const numbering = numberBrief(rendered, ENGLISH_LABELS);
  return { html: rendered.map((section, index) => numbering.fill(index, section.rendered.html)), notes: numbering.notes };
}

function messages(task: () => unknown): string[] {
  try {
    task();
  } catch (error) {
    return error instanceof ProblemList ? error.problems.map((problem) => problem.format()) : [(error as BriefwrightError).format()];
  }
  return [];
}

describe('figures, tables and cross-references', () => {
  it('numbers figures and tables across sections and resolves every form of reference', () => {
    const { html } = brief(
      ['a', 'See @fig-one, [@tbl-costs] and @sec-b.\n\n![A chart](one.svg "Enrolment by year"){#fig-one}\n\n| Item | Cost |\n|:--|--:|\n| Hotspot | $120 |\n\n: Costs per student {#tbl-costs}\n'],
      ['b', '@Fig-two follows [-@fig-one]; @Sec-a sets the scene.\n\n![Hours rose](two.svg){#fig-two fig-alt="Bar chart of hours"}\n'],
    );
    expect(html[0]).toContain('See <a class="xref" href="#fig-one">Figure 1</a>, <a class="xref" href="#tbl-costs">Table 1</a> and the section <a class="xref" href="#section-b"><em>Title of b</em></a>.');
    expect(html[0]).toMatch(/<figure id="fig-one"><img alt="A chart"><figcaption><span class="caption-label">Figure 1\.<\/span> Enrolment by year<\/figcaption><\/figure>/);
    expect(html[0]).toMatch(/<table id="tbl-costs"><caption><span class="caption-label">Table 1\.<\/span> Costs per student<\/caption>/);
    expect(html[0]).toContain('<td class="align-right">$120</td>');
    expect(html[0]).not.toMatch(/\salign=/);
    expect(html[1]).toContain('<a class="xref" href="#fig-two">Figure 2</a> follows <a class="xref" href="#fig-one">1</a>; The section <a class="xref" href="#section-a"><em>Title of a</em></a> sets the scene.');
    expect(html[1]).toContain('<img alt="Bar chart of hours"><figcaption><span class="caption-label">Figure 2.</span> Hours rose</figcaption>');
  });

  it('takes a caption written before the table, or run into its last row', () => {
    expect(brief(['a', 'Table: Before it {#tbl-a}\n\n| x |\n|---|\n| 1 |\n'])).toMatchObject({ html: [expect.stringContaining('<caption><span class="caption-label">Table 1.</span> Before it</caption>')] });
    const html = brief(['a', '| x | y |\n|---|---|\n| 1 | 2 |\n: In the row {#tbl-a}\n']).html[0]!;
    expect(html).toContain('<caption><span class="caption-label">Table 1.</span> In the row</caption>');
    expect(html).not.toContain('In the row</td>');
  });

  it('gives labelled headings their id and keeps body headings in order without skipped levels', () => {
    const { html } = brief(['a', '### Deep first {#sec-deep}\n\n###### Deeper\n\nBack to @sec-deep.\n']);
    expect(html[0]).toContain('<h4 id="sec-deep">Deep first</h4>');
    expect(html[0]).toContain('<h5>Deeper</h5>');
    expect(html[0]).toContain('Back to the section <a class="xref" href="#sec-deep"><em>Deep first</em></a>.');
  });

  it('never takes a cross-reference for a citation', () => {
    expect(findCitations('@fig-a, [@tbl-b], [-@sec-c] and [@smith2020]').map((match) => match.items.map((item) => item.key))).toEqual([['smith2020']]);
    expect(render('@fig-a and @Tbl-b').citations).toEqual([]);
  });

  it('reports an unknown label at its line and column, with a suggestion', () => {
    expect(messages(() => brief(['a', 'Text.\n\n![A](a.svg "Cap"){#fig-enrolment}\n'], ['b', 'First line.\nSee @fig-enrollment and @tbl-none.\n']))).toEqual([
      "b.md:2:5: unknown cross-reference '@fig-enrollment': no figure with that label in this brief (did you mean 'fig-enrolment'?)",
      "b.md:2:25: unknown cross-reference '@tbl-none': no table with that label in this brief",
    ]);
  });

  it('reports a label used twice in one brief', () => {
    expect(messages(() => brief(['a', '![A](a.svg "One"){#fig-x}\n'], ['b', '\n![B](b.svg "Two"){#fig-x}\n']))).toEqual(["b.md:2:1: label 'fig-x' is used twice in this brief (first at a.md:1:1)"]);
  });
});

describe('footnotes', () => {
  it('are numbered across the whole brief, linked both ways, with unique ids', () => {
    const { html, notes } = brief(['a', 'One[^1] and again[^1], two[^2].\n\n[^1]: First *note*.\n[^2]: Second note.\n'], ['b', 'Three[^1].\n\n[^1]: Third note, citing @smith2020.\n']);
    expect(html[0]).toContain('One<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" aria-label="Note 1">1</a></sup> and again<sup class="footnote-ref"><a href="#fn-1" id="fnref-1-2" aria-label="Note 1">1</a></sup>');
    expect(html[1]).toContain('<a href="#fn-3" id="fnref-3" aria-label="Note 3">3</a>');
    expect(notes.map((note) => note.id)).toEqual(['fn-1', 'fn-2', 'fn-3']);
    expect(notes[0]!.html).toContain('<p>First <em>note</em>. <a class="footnote-back" href="#fnref-1" aria-label="Back to the text of note 1">↩</a> <a class="footnote-back" href="#fnref-1-2"');
    expect(notes[2]!.html).toMatch(/<span class="citation" data-citation="\d+"><\/span>/);
    expect(html.join('')).not.toContain('user-content-');
  });

  it('report a note never referenced and a reference with no note', () => {
    expect(render('Text[^gone].\n\n[^unused]: Never cited.\n').problems.map((problem) => problem.format())).toEqual([
      's.md:3:1: footnote [^unused] is defined but never referenced; cite it in the text as [^unused] or remove it',
      "s.md:1:5: footnote [^gone] has no definition; add a line '[^gone]: The note.' to the section",
    ]);
  });
});

describe('page setup and addresses', () => {
  it('prints no page number on a one-page brief, and "Page X of Y" otherwise', () => {
    expect(counterContent(ENGLISH_LABELS)).toBe('"Page " counter(page) " of " counter(pages)');
    expect(pageSetup({ pageLimit: 1, labels: ENGLISH_LABELS })).toMatchObject({ singlePage: true, pageNumber: 'none', size: 'letter' });
    expect(pageSetup({ pageLimit: 1, pageCount: 2, labels: ENGLISH_LABELS }).singlePage).toBe(false);
    expect(pageSetup({ pageCount: 3, themePaper: 'a4', labels: ENGLISH_LABELS })).toMatchObject({ size: 'A4', height: '297mm' });
    expect(pageSetup({ paper: 'letter', themePaper: 'a4', labels: ENGLISH_LABELS }).size).toBe('letter');
  });

  it('lets a DOI wrap after its slashes, never inside its numbers', () => {
    expect(breakLinkText('<a href="https://doi.org/10.2307/1602691">https://doi.org/10.2307/1602691</a>')).toBe(
      '<a href="https://doi.org/10.2307/1602691">https://doi<wbr>.org/<wbr>10.2307/<wbr>1602691</a>',
    );
    expect(breakLinkText('<a href="x">https://a.org/p?q=1&amp;r=&#39;2</a>')).toBe('<a href="x">https://a<wbr>.org/<wbr>p<wbr>?q<wbr>=1<wbr>&amp;r<wbr>=&#39;2</a>');
  });
});
