import { inflateSync } from 'node:zlib';

/**
 * A WOFF 1.0 font as the plain TrueType/OpenType file it wraps: each table
 * inflated (when it was compressed) and laid out again behind an sfnt table
 * directory, as the WOFF specification describes. resvg reads only plain font
 * files, and the bundled font packages ship web fonts.
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const input = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (input.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const count = input.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, index) => {
    const entry = 44 + index * 20;
    const offset = input.readUInt32BE(entry + 4);
    const compressed = input.readUInt32BE(entry + 8);
    const length = input.readUInt32BE(entry + 12);
    const stored = input.subarray(offset, offset + compressed);
    return { tag: input.readUInt32BE(entry), checksum: input.readUInt32BE(entry + 16), data: compressed < length ? inflateSync(stored) : stored };
  });
  const directory = 12 + count * 16;
  const size = tables.reduce((total, table) => total + pad(table.data.length), directory);
  const output = Buffer.alloc(size);
  // The sfnt header: flavour, table count, and the binary-search fields the format asks for.
  const power = 2 ** Math.floor(Math.log2(count));
  output.writeUInt32BE(input.readUInt32BE(4), 0);
  output.writeUInt16BE(count, 4);
  output.writeUInt16BE(power * 16, 6);
  output.writeUInt16BE(Math.log2(power), 8);
  output.writeUInt16BE(count * 16 - power * 16, 10);
  let at = directory;
  tables.forEach((table, index) => {
    const record = 12 + index * 16;
    output.writeUInt32BE(table.tag, record);
    output.writeUInt32BE(table.checksum, record + 4);
    output.writeUInt32BE(at, record + 8);
    output.writeUInt32BE(table.data.length, record + 12);
    table.data.copy(output, at);
    at += pad(table.data.length);
  });
  return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
}

function pad(length: number): number {
  return (length + 3) & ~3;
}
