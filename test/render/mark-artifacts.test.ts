import { describe, expect, it } from 'vitest';
import { readOperations, uncoveredPaintings } from '../../src/pdf/content-operations.js';
import { markArtifacts } from '../../src/render/pdfua/mark-artifacts.js';

const mark = (text: string, height = 792) => {
  const marked = markArtifacts(Buffer.from(text, 'latin1'), height);
  return marked === undefined ? undefined : Buffer.from(marked).toString('latin1');
};
const untagged = (text: string) => uncoveredPaintings(readOperations(Buffer.from(text, 'latin1'))).length;
/** The stream without what marking added, to show nothing else moved. */
const unmarked = (text: string) => text.replace(/\/Artifact <<[^>]*>> BDC\n/g, '').replace(/\nEMC\n/g, '');

describe('marking untagged painting as artifacts', () => {
  it('leaves a stream with nothing untagged alone', () => {
    expect(mark('/P <</MCID 0>> BDC BT (x) Tj ET EMC')).toBeUndefined();
  });

  it('marks margin-box text as header or footer by where it is painted, and fills as layout', () => {
    const stream = 'q 1 1 1 rg 0 0 612 792 re f Q q BT /F1 8 Tf 1 0 0 1 54 760 Tm (Title) Tj ET BT 1 0 0 1 500 30 Tm (Page 1 of 2) Tj ET Q';
    const marked = mark(stream)!;
    expect(untagged(marked)).toBe(0);
    expect(unmarked(marked)).toBe(stream);
    expect([...marked.matchAll(/\/Artifact <<([^>]*)>>/g)].map((match) => match[1])).toEqual([
      '/Type /Layout',
      '/Type /Pagination /Subtype /Header',
      '/Type /Pagination /Subtype /Footer',
    ]);
  });

  it('treats clipped untagged text (leaders) as layout, and follows the transformation for position', () => {
    const stream = '.75 0 0 -.75 0 792 cm 0 0 100 100 re W n BT 1 0 0 -1 10 20 Tm (....) Tj ET';
    const marked = mark(stream)!;
    expect(untagged(marked)).toBe(0);
    expect(marked).not.toMatch(/Pagination/);
    // Unclipped, the same text sits near the top of the page once flipped: a header.
    expect(mark('.75 0 0 -.75 0 792 cm BT 1 0 0 -1 10 20 Tm (Title) Tj ET')).toMatch(/Subtype \/Header/);
  });

  it('keeps artifacts out of tagged content and nested with q/Q and marked content begun before them', () => {
    const stream = 'q /P <</MCID 0>> BDC 0 0 1 1 re f Q 0 0 2 2 re f EMC /Span <</ActualText (x)>> BDC 0 0 3 3 re f EMC';
    const marked = mark(stream)!;
    expect(untagged(marked)).toBe(0);
    expect(unmarked(marked)).toBe(stream);
    // Each artifact closes before the EMC of a sequence begun before it.
    expect(marked).toMatch(/\/Span <<\/ActualText \(x\)>> BDC \/Artifact <<\/Type \/Layout>> BDC\n0 0 3 3 re f \nEMC\nEMC$/);
  });

  it('marks inside a text object that also holds tagged content, and around whole path and image objects', () => {
    const stream = 'BT (a) Tj /P <</MCID 1>> BDC (b) Tj EMC (c) Tj ET 10 10 m 20 20 l S BI /W 1 /H 1 ID x EI';
    const marked = mark(stream)!;
    expect(untagged(marked)).toBe(0);
    expect(unmarked(marked)).toBe(stream);
    expect(marked).toMatch(/^BT \/Artifact <<[^>]*>> BDC\n\(a\) Tj \nEMC\n\/P/);
    expect(marked).toMatch(/BDC\n10 10 m 20 20 l S BI \/W 1 \/H 1 ID x EI\nEMC\n$/);
  });
});
