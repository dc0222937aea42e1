import { describe, expect, it } from 'vitest';
import { svgToPng } from '../../../src/render/docx/svg-fallback.js';

const svg = (text: string) =>
  new TextEncoder().encode(
    `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/>${text}</svg>`,
  );

describe('the PNG stand-in of an SVG', () => {
  it('draws the SVG’s text in the bundled fonts: the one it names, else Public Sans', async () => {
    const blank = await svgToPng(svg(''), 200);
    const labelled = await svgToPng(svg('<text x="10" y="28" font-family="Arial, sans-serif" font-size="20">92%</text>'), 200);
    const serif = await svgToPng(svg('<text x="10" y="28" font-family="Source Serif 4, serif" font-size="20">92%</text>'), 200);
    expect(Buffer.compare(Buffer.from(labelled), Buffer.from(blank))).not.toBe(0);
    expect(Buffer.compare(Buffer.from(serif), Buffer.from(labelled))).not.toBe(0);
  });
});
