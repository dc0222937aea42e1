import { imageSize } from 'image-size';
import { svgToPng } from './svg-fallback.js';

/** An image ready for Word: its bytes, its size in pixels and, for an SVG, a PNG for readers that lack SVG. */
export type WordImage =
  | { type: 'png' | 'jpg' | 'gif' | 'bmp'; data: Uint8Array; width: number; height: number }
  | { type: 'svg'; data: Uint8Array; fallback: Uint8Array; width: number; height: number };

const TYPES: Record<string, WordImage['type']> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/svg+xml': 'svg',
};

/** How wide an SVG's PNG stand-in is drawn, for its width on the page: sharp at print resolution. */
const FALLBACK_SCALE = 3;

/**
 * The images of a run's Word documents, decoded once however many briefs show
 * them. `prepare` reads the images a brief uses (drawing PNGs of SVGs, which
 * takes a moment); `get` then hands them out while a document is built.
 */
export class WordImages {
  private readonly images = new Map<string, WordImage | { problem: string }>();

  /** Decodes these data URIs (and draws SVG stand-ins) unless done already. */
  async prepare(sources: Iterable<string>): Promise<void> {
    for (const source of sources) {
      if (this.images.has(source)) continue;
      this.images.set(source, await decode(source).catch((error: Error) => ({ problem: error.message })));
    }
  }

  /** A prepared image, or why Word cannot show it. */
  get(source: string): WordImage | { problem: string } {
    return this.images.get(source) ?? { problem: 'the image was not prepared for Word' };
  }
}

async function decode(source: string): Promise<WordImage> {
  const match = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(source);
  if (!match) throw new Error('only images embedded in the brief can go into Word');
  const [, mime, base64, payload] = match;
  const type = TYPES[mime!.toLowerCase()];
  if (!type) throw new Error(`${mime} images cannot be shown in Word; use PNG, JPEG, GIF or SVG`);
  const data = base64 ? new Uint8Array(Buffer.from(payload!, 'base64')) : new TextEncoder().encode(decodeURIComponent(payload!));
  const size = imageSize(data);
  if (!size.width || !size.height) throw new Error('the image has no size');
  if (type !== 'svg') return { type, data, width: size.width, height: size.height };
  const fallback = await svgToPng(data, Math.max(size.width, 200) * FALLBACK_SCALE);
  return { type, data, fallback, width: size.width, height: size.height };
}
