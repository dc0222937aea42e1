import { describe, expect, it } from 'vitest';
import { splitFonts } from '../../src/render/font-shell.js';

const FACE_A = '@font-face { font-family: "A"; src: url("data:font/woff2;base64,AAAA") format("woff2"); }';
const FACE_B = "@font-face { font-family: 'B'; src: url('data:font/woff2;base64,BBBB'); }";
const page = (css: string, body = '<p>x</p>') => `<!DOCTYPE html><html lang="en"><head><title>t</title><style>${css}</style></head><body>${body}</body></html>`;

describe('splitFonts', () => {
  it('takes out the top-level @font-face rules, in order, and leaves the rest', () => {
    const html = page(`${FACE_A}\nbody { color: red; }\n${FACE_B}\nh1 { font-family: "A"; }`);
    const split = splitFonts(html)!;
    expect(split.fonts).toBe(`${FACE_A}\n${FACE_B}`);
    expect(split.rest).toBe(page('\nbody { color: red; }\n\nh1 { font-family: "A"; }'));
  });

  it('collects the rules of every style element', () => {
    const html = `<!doctype html><html><head><style>${FACE_A}</style><style media="print">${FACE_B} p { margin: 0 }</style></head><body></body></html>`;
    const split = splitFonts(html)!;
    expect(split.fonts).toBe(`${FACE_A}\n${FACE_B}`);
    expect(split.rest).not.toContain('@font-face');
    expect(split.rest).toContain('<style media="print"> p { margin: 0 }</style>');
  });

  it('is not fooled by braces in comments and strings', () => {
    const html = page(`/* { @font-face } */ p::before { content: "}{"; } ${FACE_A}`);
    expect(splitFonts(html)?.fonts).toBe(FACE_A);
  });

  it('leaves body text alone, even text that looks like CSS', () => {
    const html = page(FACE_A, '<pre><code>@font-face { font-family: X; }</code></pre>');
    expect(splitFonts(html)?.rest).toContain('<code>@font-face { font-family: X; }</code>');
  });

  it('declines what a swapped-in document could print differently', () => {
    expect(splitFonts(page('p { color: red; }'))).toBeUndefined();
    expect(splitFonts(page(FACE_A).replace('<!DOCTYPE html>', ''))).toBeUndefined();
    expect(splitFonts(page(`@media print { ${FACE_A} }`))).toBeUndefined();
    expect(splitFonts(page(`${FACE_A} body { background: url("data:image/png;base64,AA"); }`))).toBeUndefined();
  });
});
