import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { woffToSfnt } from './woff-fonts.js';

const require = createRequire(import.meta.url);

/** The bundled families, for text in SVGs. */
const FONT_FILES = [
  '@fontsource/public-sans/files/public-sans-latin-400-normal.woff',
  '@fontsource/public-sans/files/public-sans-latin-700-normal.woff',
  '@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff',
  '@fontsource/source-serif-4/files/source-serif-4-latin-700-normal.woff',
];

// resvg's WebAssembly module can be set up only once in a process, so every
// caller shares this one start-up (about 70 ms, paid by the first SVG only),
// and the fonts read with it.
let ready: Promise<Uint8Array[]> | undefined;

/**
 * A PNG of an SVG image, for Word versions and office suites that cannot show
 * SVG (Word shows the SVG where it can, and the PNG elsewhere). Rendered in
 * WebAssembly by resvg, so no browser is needed and the pixels are the same on
 * every machine. `width` is the PNG's width in pixels. Text in the SVG is drawn
 * in the bundled fonts: Source Serif 4 where the SVG names it, and Public Sans
 * for every other family (resvg-wasm knows no fonts of the system).
 */
export async function svgToPng(svg: Uint8Array, width: number): Promise<Uint8Array> {
  ready ??= (async () => {
    await initWasm(await readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    return Promise.all(FONT_FILES.map(async (file) => woffToSfnt(await readFile(require.resolve(file)))));
  })();
  const fontBuffers = await ready;
  const font = { fontBuffers, defaultFontFamily: 'Public Sans', sansSerifFamily: 'Public Sans' };
  const image = new Resvg(Buffer.from(svg), { fitTo: { mode: 'width', value: Math.round(width) }, font });
  const rendered = image.render();
  try {
    return rendered.asPng();
  } finally {
    rendered.free();
    image.free();
  }
}
