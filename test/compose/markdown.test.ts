import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { markdownToTree } from '../../src/compose/markdown.js';

function convert(markdown: string, firstLine = 7) {
  return markdownToTree({ markdown, file: 's.md', firstLine, headingOffset: 3, firstCitation: 5 });
}

describe('markdownToTree', () => {
  it('replaces citations with numbered placeholders and records where each key is', () => {
    const { tree, citations } = convert('Intro text.\n\nA claim [see @a, p. 2; @b] and @c says.\n');
    expect(toHtml(tree)).toBe(
      '<p>Intro text.</p>\n<p>A claim <span class="citation" data-citation="5"></span> and <span class="citation" data-citation="6"></span> says.</p>',
    );
    expect(citations.map((c) => c.match.items.map((i) => i.key))).toEqual([['a', 'b'], ['c']]);
    expect(citations.flatMap((c) => c.keyLocations)).toEqual([
      { file: 's.md', line: 9, column: 14 },
      { file: 's.md', line: 9, column: 24 },
      { file: 's.md', line: 9, column: 32 },
    ]);
  });

  it('leaves code, links and email addresses alone', () => {
    const { citations, tree } = convert('`[@notakey]` and [a link](https://x.org/@user) and jane@example.org\n');
    expect(citations).toEqual([]);
    expect(toHtml(tree)).toContain('<code>[@notakey]</code>');
  });

  it('renders GFM tables with header cells', () => {
    const { tree } = convert('| A | B |\n| - | - |\n| 1 | 2 |\n');
    expect(toHtml(tree)).toMatch(/<th>A<\/th>/);
  });

  it('moves body headings below the section heading', () => {
    expect(toHtml(convert('# Inside\n').tree)).toBe('<h4>Inside</h4>');
  });

  it('drops raw HTML', () => {
    expect(toHtml(convert('Hi <script>alert(1)</script> <b onclick="x">b</b>\n').tree)).not.toMatch(/script|onclick/);
  });
});
