import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { markdownToTree } from '../../src/compose/markdown.js';

function convert(markdown: string, firstLine = 7) {
  return markdownToTree({ markdown, file: 's.md', firstLine, headingOffset: 3, firstCitation: 5, root: '/nonexistent' });
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

  it('prints typographic quotes and dashes, leaving citations intact', () => {
    const { tree, citations } = convert(`The "blended" model -- as the review's authors put it [@a, pp. 3--5]...\n`);
    expect(toHtml(tree)).toBe('<p>The “blended” model – as the review’s authors put it <span class="citation" data-citation="5"></span>…</p>');
    expect(citations[0]!.match.items[0]).toMatchObject({ key: 'a', locator: '3-5' });
  });

  it('renders GFM tables with header cells', () => {
    const { tree } = convert('| A | B |\n| - | - |\n| 1 | 2 |\n');
    expect(toHtml(tree)).toMatch(/<th>A<\/th>/);
  });

  it('moves body headings below the section heading', () => {
    expect(toHtml(convert('# Inside\n').tree)).toBe('<h4>Inside</h4>');
  });

  it('keeps safe raw HTML and removes scripts, handlers, frames and javascript: links', () => {
    const html = toHtml(
      convert(
        'Hi <script>alert(1)</script> <b onclick="x()">bold</b> <sup>2</sup> <a href="javascript:alert(1)">x</a>\n\n<iframe src="https://x.org"></iframe><object data="x"></object>\n',
      ).tree,
    );
    expect(html).toContain('<b>bold</b>');
    expect(html).toContain('<sup>2</sup>');
    expect(html).not.toMatch(/<script|onclick|javascript:|<iframe|<object/);
  });
});

describe('images', () => {
  async function project() {
    const root = await mkdtemp(path.join(os.tmpdir(), 'briefwright-images-'));
    await mkdir(path.join(root, 'content/sections'), { recursive: true });
    await writeFile(path.join(root, 'content/sections/chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    return root;
  }
  const images = (markdown: string, root: string) =>
    markdownToTree({ markdown, file: 'content/sections/s.md', firstLine: 5, headingOffset: 3, firstCitation: 0, root });

  it('embeds a local image as a data URI', async () => {
    const { tree, problems } = images('![Bar chart of device access](chart.svg)\n', await project());
    expect(problems).toEqual([]);
    expect(toHtml(tree)).toMatch(/<img alt="Bar chart of device access" src="data:image\/svg\+xml;base64,[^"]+">/);
  });

  it('requires alt text unless the image is marked decorative', async () => {
    const root = await project();
    expect(images('text\n\n![](chart.svg)\n', root).problems.map((p) => p.format())).toEqual([
      expect.stringMatching(/^content\/sections\/s\.md:7:1: image has no alt text/),
    ]);
    const decorative = images('![](chart.svg "decorative")\n', root);
    expect(decorative.problems).toEqual([]);
    // alt="" is HTML's own mark of a decorative image; the HTML standard allows it no role.
    expect(toHtml(decorative.tree)).toMatch(/<img[^>]* alt=""/);
    expect(toHtml(decorative.tree)).not.toMatch(/role=/);
    expect(images('<img src="chart.svg">\n', root).problems).toHaveLength(1);
  });

  it('refuses remote and outside images without fetching them', async () => {
    const root = await project();
    const { tree, problems } = images('![A](http://127.0.0.1:9/x.png) ![B](../../../etc/passwd.png)\n', root);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^image 'http:\/\/127\.0\.0\.1:9\/x\.png' is not a project file/),
      expect.stringMatching(/is outside the project folder/),
    ]);
    expect(toHtml(tree)).not.toMatch(/http:|passwd/);
  });
});
