import { inflateSync } from 'node:zlib';
import { PdfLexer, Token, isWhitespace } from './pdf-lexer.js';
import { nameOf, PdfRef, readValue, type PdfDict, type PdfValue } from './pdf-values.js';

/** A stream object: its dictionary and its bytes as stored (still encoded). */
export interface PdfStream {
  dict: PdfDict;
  data: Uint8Array;
}

/** What the checks read: a file, or a file with an update on top. */
export abstract class PdfObjects {
  /** The document catalog's object number. */
  abstract readonly root: number;
  /** An indirect object's value (a stream's dictionary for a stream). */
  abstract get(num: number): PdfValue | undefined;
  /** A stream object, or undefined if `num` is not one. */
  abstract stream(num: number): PdfStream | undefined;

  /** A value with a reference followed (one level). */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value instanceof PdfRef ? this.get(value.num) : value;
  }

  /** A dictionary entry, reference followed. */
  lookup(dict: PdfDict | undefined, key: string): PdfValue | undefined {
    return this.resolve(dict?.get(key));
  }
}

/**
 * Reads a PDF's objects on demand, through its cross-reference tables
 * (updates included). Only what is asked for is parsed, so reading a few
 * objects of a large file stays cheap. Files whose cross-reference is a stream
 * (PDF 1.5 object streams) are not read: open() returns undefined for them.
 */
export class PdfFile extends PdfObjects {
  private readonly cache = new Map<number, PdfValue | PdfStream>();

  private constructor(
    readonly bytes: Uint8Array,
    private readonly offsets: Map<number, number>,
    readonly trailer: PdfDict,
    /** Where the last cross-reference section starts (the update's /Prev). */
    readonly startxref: number,
  ) {
    super();
  }

  /** Opens a PDF laid out with cross-reference tables; undefined for any other layout. */
  static open(bytes: Uint8Array): PdfFile | undefined {
    const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
    const found = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!found) return undefined;
    const startxref = Number(found[1]);
    const offsets = new Map<number, number>();
    let trailer: PdfDict | undefined;
    const seen = new Set<number>();
    for (let at: number | undefined = startxref; at !== undefined && !seen.has(at); ) {
      seen.add(at);
      const section = readXrefSection(bytes, at, offsets);
      if (!section) return undefined;
      trailer ??= section;
      const prev: PdfValue | undefined = section.get('Prev');
      at = typeof prev === 'number' ? prev : undefined;
    }
    if (!trailer || !(trailer.get('Root') instanceof PdfRef)) return undefined;
    // Free entries were kept until now so that older sections could not revive them.
    for (const [num, offset] of offsets) if (offset < 0) offsets.delete(num);
    return new PdfFile(bytes, offsets, trailer, startxref);
  }

  /** The next free object number. */
  get size(): number {
    const size = this.trailer.get('Size');
    return typeof size === 'number' ? size : this.offsets.size + 1;
  }

  get root(): number {
    return (this.trailer.get('Root') as PdfRef).num;
  }

  /**
   * Each object's bytes in the file, in file order: from its offset to the
   * next object's (the last one ends where the cross-reference section
   * starts). Exact for a file whose objects lie end to end, as Chromium writes
   * them; undefined when the file has been updated (several sections).
   */
  objectSpans(): { num: number; start: number; end: number }[] | undefined {
    if (this.trailer.has('Prev')) return undefined;
    const spans = [...this.offsets].map(([num, start]) => ({ num, start, end: 0 })).sort((a, b) => a.start - b.start);
    spans.forEach((span, index) => (span.end = spans[index + 1]?.start ?? this.startxref));
    return spans.at(-1) && spans.at(-1)!.end > spans.at(-1)!.start ? spans : undefined;
  }

  get(num: number): PdfValue | undefined {
    const object = this.read(num);
    return isStream(object) ? object.dict : object;
  }

  stream(num: number): PdfStream | undefined {
    const object = this.read(num);
    return isStream(object) ? object : undefined;
  }

  /** A stream's decoded bytes (Flate or none; any other filter is refused). */
  decoded(stream: PdfStream): Uint8Array {
    const filter = this.resolve(stream.dict.get('Filter'));
    const filters = Array.isArray(filter) ? filter.map((item) => nameOf(item)) : filter === undefined ? [] : [nameOf(filter)];
    let data = stream.data;
    for (const name of filters) {
      if (name !== 'FlateDecode' || stream.dict.has('DecodeParms')) throw new Error(`unsupported stream filter ${name}`);
      data = inflateSync(data);
    }
    return data;
  }

  private read(num: number): PdfValue | PdfStream | undefined {
    if (this.cache.has(num)) return this.cache.get(num);
    const offset = this.offsets.get(num);
    if (offset === undefined) return undefined;
    const lexer = new PdfLexer(this.bytes, offset);
    lexer.next();
    lexer.next();
    if (lexer.next() !== Token.Keyword || !lexer.is('obj')) return undefined;
    const value = readValue(lexer);
    let object: PdfValue | PdfStream = value;
    const after = lexer.position;
    if (value instanceof Map && lexer.next() === Token.Keyword && lexer.is('stream')) {
      let start = lexer.end;
      if (this.bytes[start] === 13) start += 1;
      if (this.bytes[start] === 10) start += 1;
      const length = this.resolve(value.get('Length'));
      const end = typeof length === 'number' ? start + length : findEndstream(this.bytes, start);
      object = { dict: value, data: this.bytes.subarray(start, end) };
    } else lexer.position = after;
    this.cache.set(num, object);
    return object;
  }
}

/** Whether a read object is a stream. */
export function isStream(object: PdfValue | PdfStream | undefined): object is PdfStream {
  return typeof object === 'object' && object !== null && 'data' in object && object.data instanceof Uint8Array;
}

/** Reads an `xref ... trailer <<>>` section into `offsets` (entries already known win, free ones as -1); returns its trailer. */
function readXrefSection(bytes: Uint8Array, at: number, offsets: Map<number, number>): PdfDict | undefined {
  const lexer = new PdfLexer(bytes, at);
  if (lexer.next() !== Token.Keyword || !lexer.is('xref')) return undefined;
  for (;;) {
    const token = lexer.next();
    if (token === Token.Keyword && lexer.is('trailer')) break;
    if (token !== Token.Number) return undefined;
    const first = lexer.number();
    lexer.next();
    const count = lexer.number();
    for (let index = 0; index < count; index += 1) {
      lexer.next();
      const offset = lexer.number();
      lexer.next();
      lexer.next();
      const num = first + index;
      if (lexer.is('n') && !offsets.has(num)) offsets.set(num, offset);
      else if (lexer.is('f') && !offsets.has(num)) offsets.set(num, -1);
    }
  }
  const trailer = readValue(lexer);
  return trailer instanceof Map ? trailer : undefined;
}

function findEndstream(bytes: Uint8Array, from: number): number {
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('endstream', from, 'latin1');
  let end = at === -1 ? bytes.length : at;
  while (end > from && isWhitespace(bytes[end - 1]!)) end -= 1;
  return end;
}
