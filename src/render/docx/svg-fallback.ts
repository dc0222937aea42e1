import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

const require = createRequire(import.meta.url);

// resvg's WebAssembly module can be set up only once in a process, so every
// caller shares this one start-up (about 70 ms, paid by the first SVG only).
let ready: Promise<void> | undefined;

/**
 * A PNG of an SVG image, for Word versions and office suites that cannot show
 * SVG (Word shows the SVG where it can, and the PNG elsewhere). Rendered in
 * WebAssembly by resvg, so no browser is needed and the pixels are the same on
 * every machine. `width` is the PNG's width in pixels. Text in the SVG needs no
 * fonts when it is drawn as paths, as logos usually are; other text is left out.
 */
export async function svgToPng(svg: Uint8Array, width: number): Promise<Uint8Array> {
  ready ??= readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')).then((wasm) => initWasm(wasm));
  await ready;
  const image = new Resvg(Buffer.from(svg), { fitTo: { mode: 'width', value: Math.round(width) }, font: { loadSystemFonts: false } });
  const rendered = image.render();
  try {
    return rendered.asPng();
  } finally {
    rendered.free();
    image.free();
  }
}
