import { isStream, type PdfFile, type PdfObjects, type PdfStream } from './pdf-file.js';
import { PdfRef, writeValue, type PdfDict, type PdfString, type PdfValue } from './pdf-values.js';

/**
 * An incremental update (ISO 32000-1, 7.5.6): objects replaced or added on top
 * of a file, read back through the update as if it were already written, and
 * appended after the original bytes with a cross-reference section of their
 * own. The original bytes stay as they are, so the cost is the size of what
 * changed, not of the file.
 */
export class PdfUpdate implements PdfObjects {
  private readonly changed = new Map<number, PdfValue | PdfStream>();
  private next: number;

  constructor(readonly file: PdfFile) {
    this.next = file.size;
  }

  /** The document catalog's object number. */
  get root(): number {
    return this.file.root;
  }

  /** An object's value as updated (a stream's dictionary for a stream). */
  get(num: number): PdfValue | undefined {
    const value = this.changed.get(num);
    if (value === undefined) return this.file.get(num);
    return isStream(value) ? value.dict : value;
  }

  /** A value with a reference followed (one level). */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value instanceof PdfRef ? this.get(value.num) : value;
  }

  /** A dictionary entry, reference followed. */
  lookup(dict: PdfDict | undefined, key: string): PdfValue | undefined {
    return this.resolve(dict?.get(key));
  }

  /** A stream object as updated, or undefined if `num` is not one. */
  stream(num: number): PdfStream | undefined {
    const value = this.changed.get(num);
    return value === undefined ? this.file.stream(num) : isStream(value) ? value : undefined;
  }

  /** Replaces (or sets) object `num`. */
  set(num: number, value: PdfValue): void {
    this.changed.set(num, value);
  }

  /** Replaces (or sets) object `num` with a stream of `data` (already encoded as `dict` says); /Length is set from it. */
  setStream(num: number, dict: PdfDict, data: Uint8Array): void {
    const head = new Map(dict);
    head.set('Length', data.length);
    this.changed.set(num, { dict: head, data });
  }

  /** A number for a new object (set it with set or setStream). */
  allocate(): PdfRef {
    return new PdfRef(this.next++);
  }

  /** The original file with the update appended; `trailer` entries (Info, ID) join Size, Root and Prev. */
  write(trailer: { info?: PdfRef; id?: PdfString }): Uint8Array {
    const original = this.file.bytes;
    const parts: Uint8Array[] = [original, Buffer.from('\n')];
    let offset = original.length + 1;
    const numbers = [...this.changed.keys()].sort((a, b) => a - b);
    const at = new Map<number, number>();
    for (const num of numbers) {
      const value = this.changed.get(num)!;
      const bytes = isStream(value)
        ? Buffer.concat([Buffer.from(`${num} 0 obj\n${writeValue(value.dict)}\nstream\n`, 'latin1'), value.data, Buffer.from('\nendstream\nendobj\n', 'latin1')])
        : Buffer.from(`${num} 0 obj\n${writeValue(value)}\nendobj\n`, 'latin1');
      at.set(num, offset);
      parts.push(bytes);
      offset += bytes.length;
    }
    let xref = 'xref\n';
    for (let index = 0; index < numbers.length; ) {
      let end = index + 1;
      while (end < numbers.length && numbers[end] === numbers[end - 1]! + 1) end += 1;
      xref += `${numbers[index]} ${end - index}\n`;
      for (let entry = index; entry < end; entry += 1) xref += `${String(at.get(numbers[entry]!)).padStart(10, '0')} 00000 n \n`;
      index = end;
    }
    const dict: PdfDict = new Map<string, PdfValue>([
      ['Size', Math.max(this.next, this.file.size)],
      ['Root', new PdfRef(this.file.root)],
    ]);
    const info = trailer.info ?? this.file.trailer.get('Info');
    if (info) dict.set('Info', info);
    dict.set('Prev', this.file.startxref);
    if (trailer.id) dict.set('ID', [trailer.id, trailer.id]);
    parts.push(Buffer.from(`${xref}trailer\n${writeValue(dict)}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    const bytes = Buffer.concat(parts);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}
