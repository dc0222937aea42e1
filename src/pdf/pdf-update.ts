import { isStream, PdfObjects, type PdfFile, type PdfStream } from './pdf-file.js';
import { PdfRef, writeValue, type PdfDict, type PdfString, type PdfValue } from './pdf-values.js';

/**
 * Objects replaced or added on top of a file, read back through the update as
 * if it were already written. Writing copies the unchanged objects' bytes as
 * they are (nothing is parsed that was not asked for), so the cost is the size
 * of what changed, not of the file.
 */
export class PdfUpdate extends PdfObjects {
  private readonly changed = new Map<number, PdfValue | PdfStream>();
  private next: number;

  constructor(readonly file: PdfFile) {
    super();
    this.next = file.size;
  }

  get root(): number {
    return this.file.root;
  }

  get(num: number): PdfValue | undefined {
    const value = this.changed.get(num);
    if (value === undefined) return this.file.get(num);
    return isStream(value) ? value.dict : value;
  }

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

  /**
   * The file with the changes in. When the original's objects lie end to end
   * (as Chromium writes them), it is rewritten in one piece: unchanged objects
   * are copied byte for byte, changed ones written anew, one cross-reference
   * table; nothing superseded stays behind. Otherwise the changes are appended
   * as an incremental update. `trailer` entries (Info, ID) join Size and Root.
   */
  write(trailer: { info?: PdfRef; id?: PdfString }): Uint8Array {
    const original = this.file.bytes;
    const spans = this.file.objectSpans();
    const parts: Uint8Array[] = [];
    const at = new Map<number, number>();
    let offset = 0;
    const push = (bytes: Uint8Array, num?: number) => {
      if (num !== undefined) at.set(num, offset);
      parts.push(bytes);
      offset += bytes.length;
    };
    if (spans) {
      push(original.subarray(0, spans[0]!.start));
      for (const span of spans) push(this.changed.has(span.num) ? this.objectBytes(span.num) : original.subarray(span.start, span.end), span.num);
    } else push(Buffer.concat([original, Buffer.from('\n')]));
    for (const num of [...this.changed.keys()].sort((a, b) => a - b)) if (!at.has(num)) push(this.objectBytes(num), num);
    const size = Math.max(this.next, this.file.size);
    let xref = 'xref\n';
    if (spans) {
      xref += `0 ${size}\n0000000000 65535 f \n`;
      for (let num = 1; num < size; num += 1) xref += at.has(num) ? entry(at.get(num)!) : '0000000000 00000 f \n';
    } else {
      const numbers = [...at.keys()].sort((a, b) => a - b);
      for (let index = 0; index < numbers.length; ) {
        let end = index + 1;
        while (end < numbers.length && numbers[end] === numbers[end - 1]! + 1) end += 1;
        xref += `${numbers[index]} ${end - index}\n${numbers.slice(index, end).map((num) => entry(at.get(num)!)).join('')}`;
        index = end;
      }
    }
    const dict: PdfDict = new Map<string, PdfValue>([
      ['Size', size],
      ['Root', new PdfRef(this.file.root)],
    ]);
    const info = trailer.info ?? this.file.trailer.get('Info');
    if (info) dict.set('Info', info);
    if (!spans) dict.set('Prev', this.file.startxref);
    if (trailer.id) dict.set('ID', [trailer.id, trailer.id]);
    push(Buffer.from(`${xref}trailer\n${writeValue(dict)}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    const bytes = Buffer.concat(parts);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private objectBytes(num: number): Uint8Array {
    const value = this.changed.get(num)!;
    return isStream(value)
      ? Buffer.concat([Buffer.from(`${num} 0 obj\n${writeValue(value.dict)}\nstream\n`, 'latin1'), value.data, Buffer.from('\nendstream\nendobj\n', 'latin1')])
      : Buffer.from(`${num} 0 obj\n${writeValue(value)}\nendobj\n`, 'latin1');
  }
}

/** A cross-reference entry for an object at `offset`. */
function entry(offset: number): string {
  return `${String(offset).padStart(10, '0')} 00000 n \n`;
}
