import { CLASS, inlineImageEnd, literalStringEnd, parseNumber, plainBytes } from './pdf-lexer.js';

/** The operators the content walkers tell apart (ISO 32000-1, Annex A); every other one is Other. */
export const enum Op {
  Other,
  q,
  Q,
  cm,
  BDC,
  BMC,
  EMC,
  BT,
  ET,
  Tm,
  Td,
  TD,
  TL,
  TStar,
  Quote,
  DoubleQuote,
  W,
  WStar,
  m,
  re,
  BI,
  ID,
  EI,
  S,
  s,
  f,
  F,
  fStar,
  B,
  BStar,
  b,
  bStar,
  n,
  Tj,
  TJ,
  Do,
  sh,
}

const NAMES = ['', 'q', 'Q', 'cm', 'BDC', 'BMC', 'EMC', 'BT', 'ET', 'Tm', 'Td', 'TD', 'TL', 'T*', "'", '"', 'W', 'W*', 'm', 're', 'BI', 'ID', 'EI', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n', 'Tj', 'TJ', 'Do', 'sh'];

/** The codes of one- and two-byte operators, by their bytes (first byte | second byte << 8). */
const SHORT_CODES = new Uint8Array(1 << 16);
NAMES.forEach((name, code) => {
  if (name.length === 1) SHORT_CODES[name.charCodeAt(0)] = code;
  else if (name.length === 2) SHORT_CODES[name.charCodeAt(0) | (name.charCodeAt(1) << 8)] = code;
});

/** An operator's code, from its bytes. */
function codeOf(bytes: Uint8Array, start: number, length: number): Op {
  if (length === 1) return SHORT_CODES[bytes[start]!]! as Op;
  if (length === 2) return SHORT_CODES[bytes[start]! | (bytes[start + 1]! << 8)]! as Op;
  if (length === 3 && bytes[start + 2] === 67) {
    // BDC, BMC, EMC
    const b0 = bytes[start]!;
    const b1 = bytes[start + 1]!;
    if (b0 === 66 && b1 === 68) return Op.BDC;
    if (b0 === 66 && b1 === 77) return Op.BMC;
    if (b0 === 69 && b1 === 77) return Op.EMC;
  }
  return Op.Other;
}

/** Operators that paint (ISO 32000-1, 8.2 and 9.4): path painting, text showing, XObjects, shadings, inline images. */
const PAINTS = new Uint8Array(NAMES.length);
for (const code of [Op.S, Op.s, Op.f, Op.F, Op.fStar, Op.B, Op.BStar, Op.b, Op.bStar, Op.n, Op.Tj, Op.TJ, Op.Quote, Op.DoubleQuote, Op.Do, Op.sh, Op.EI]) PAINTS[code] = 1;

/** Whether an operator paints. */
export const paints = (code: Op): boolean => PAINTS[code] === 1;

/** Whether an operator shows text. */
export const showsText = (code: Op): boolean => code === Op.Tj || code === Op.TJ || code === Op.Quote || code === Op.DoubleQuote;

/**
 * A decoded content stream's operators, in order, as columns: a page holds
 * thousands (Chromium positions every glyph with a Td of its own), so they are
 * kept in typed arrays rather than as an object each.
 */
export class ContentOperations {
  length = 0;
  /** Each operator's code. */
  codes: Uint8Array;
  /** Offset of its first operand (of the operator itself when it has none). */
  from: Int32Array;
  /** Offset just past the operator. */
  to: Int32Array;
  /** Where the operator's own word starts. */
  private at: Int32Array;
  /** For BDC/BMC: 1 when it begins tagged content (it carries an MCID or names a property list) or an artifact. */
  private covering: Uint8Array;
  /** Its numeric operands are values[firstNumber[i], firstNumber[i + 1]). */
  private firstNumber: Int32Array;
  values: Float64Array;

  constructor(
    readonly bytes: Uint8Array,
    capacity: number,
  ) {
    this.codes = new Uint8Array(capacity);
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.at = new Int32Array(capacity);
    this.covering = new Uint8Array(capacity);
    this.firstNumber = new Int32Array(capacity + 1);
    this.values = new Float64Array(capacity);
  }

  /** The operator's name. */
  op(index: number): string {
    const code = this.codes[index]! as Op;
    return code === Op.Other ? Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.at[index]!, this.to[index]! - this.at[index]!).toString('latin1') : NAMES[code]!;
  }

  /** Whether a BDC/BMC begins tagged content or an artifact (content a checker counts as covered). */
  covers(index: number): boolean {
    return this.covering[index] === 1;
  }

  /** Its numeric operands, in order (other operands are left out). */
  numbers(index: number): number[] {
    return Array.from(this.values.subarray(this.firstNumber[index]!, this.firstNumber[index + 1]!));
  }

  /** How many numeric operands it has. */
  count(index: number): number {
    return this.firstNumber[index + 1]! - this.firstNumber[index]!;
  }

  /** Its numeric operand `n` from the end (0 is the last): a matrix's six are at 5…0. */
  fromEnd(index: number, n: number): number {
    return this.values[this.firstNumber[index + 1]! - 1 - n]!;
  }

  /** Its first numeric operand, and the second (0 where there are fewer). */
  first(index: number): number {
    return this.count(index) > 0 ? this.values[this.firstNumber[index]!]! : 0;
  }

  second(index: number): number {
    return this.count(index) > 1 ? this.values[this.firstNumber[index]! + 1]! : 0;
  }

  /** Adds an operator (reading code only). */
  push(code: Op, from: number, at: number, to: number, covering: boolean, numbersEnd: number): void {
    if (this.length + 1 >= this.codes.length) this.grow();
    const index = this.length++;
    this.codes[index] = code;
    this.from[index] = from;
    this.at[index] = at;
    this.to[index] = to;
    this.covering[index] = covering ? 1 : 0;
    this.firstNumber[index + 1] = numbersEnd;
  }

  /** Room for a number at values[index]. */
  reserveNumber(index: number): void {
    if (index >= this.values.length) {
      const values = new Float64Array(this.values.length * 2 + 16);
      values.set(this.values);
      this.values = values;
    }
  }

  private grow(): void {
    const size = this.codes.length * 2 + 16;
    const widen = <T extends Uint8Array | Int32Array>(array: T, make: (size: number) => T, extra = 0): T => {
      const wider = make(size + extra);
      wider.set(array);
      return wider;
    };
    this.codes = widen(this.codes, (n) => new Uint8Array(n));
    this.from = widen(this.from, (n) => new Int32Array(n));
    this.to = widen(this.to, (n) => new Int32Array(n));
    this.at = widen(this.at, (n) => new Int32Array(n));
    this.covering = widen(this.covering, (n) => new Uint8Array(n));
    this.firstNumber = widen(this.firstNumber, (n) => new Int32Array(n), 1);
  }
}

const ARTIFACT = [65, 114, 116, 105, 102, 97, 99, 116]; // "Artifact"
const MCID = [47, 77, 67, 73, 68]; // "/MCID"

function bytesAre(bytes: Uint8Array, from: number, to: number, word: readonly number[]): boolean {
  if (to - from !== word.length) return false;
  for (let index = 0; index < word.length; index += 1) if (bytes[from + index] !== word[index]) return false;
  return true;
}

/**
 * Splits a decoded content stream into its operators. Strings, hex strings,
 * arrays, dictionaries, comments and inline image data are read as operands,
 * never as operators; numbers inside arrays and dictionaries are not kept.
 * One pass over the bytes, with no object made per operator.
 */
export function readOperations(input: Uint8Array): ContentOperations {
  const bytes = plainBytes(input);
  const limit = bytes.length;
  const list = new ContentOperations(bytes, (limit >> 3) + 16);
  let numbers = 0;
  let from = -1;
  let depth = 0;
  let tagStart = -1;
  let tagEnd = -1;
  let mcid = false;
  let at = 0;
  while (at < limit) {
    const byte = bytes[at]!;
    const kind = CLASS[byte]!;
    if (kind === 1) {
      at += 1;
      continue;
    }
    if (byte === 37) {
      // A comment, to the end of its line.
      while (at < limit && bytes[at] !== 10 && bytes[at] !== 13) at += 1;
      continue;
    }
    if (from === -1) from = at;
    const start = at;
    if (kind === 2) {
      switch (byte) {
        case 40: // (
          at = literalStringEnd(bytes, at, limit);
          continue;
        case 60: // <
          if (bytes[at + 1] === 60) {
            depth += 1;
            at += 2;
          } else {
            at += 1;
            while (at < limit && bytes[at] !== 62) at += 1;
            at = Math.min(at + 1, limit);
          }
          continue;
        case 62: // >
          if (bytes[at + 1] === 62) {
            depth = Math.max(0, depth - 1);
            at += 2;
            continue;
          }
          at += 1;
          break; // a stray > is taken for a one-byte operator
        case 91: // [
          depth += 1;
          at += 1;
          continue;
        case 93: // ]
          depth = Math.max(0, depth - 1);
          at += 1;
          continue;
        case 47: {
          // /Name
          at += 1;
          while (at < limit && CLASS[bytes[at]!] === 0) at += 1;
          if (depth === 0) {
            // BDC's second operand may name a property list in the resources; count it as tagged.
            if (tagStart === -1) {
              tagStart = start + 1;
              tagEnd = at;
            } else mcid = true;
          } else if (depth === 1 && bytesAre(bytes, start, at, MCID)) mcid = true;
          continue;
        }
        default: // { } ) are one-byte operators
          at += 1;
      }
    } else {
      while (at < limit && CLASS[bytes[at]!] === 0) at += 1;
      if (byte <= 57 && (byte >= 48 || byte === 43 || byte === 45 || byte === 46)) {
        const value = parseNumber(bytes, start, at);
        if (!Number.isNaN(value)) {
          if (depth === 0) {
            list.reserveNumber(numbers);
            list.values[numbers++] = value;
          }
          continue;
        }
      }
    }
    // An operator (a keyword inside an array or dictionary is an operand).
    const length = at - start;
    if (depth > 0) {
      if (length === 2 && byte === 73 && bytes[start + 1] === 68) at = inlineImageEnd(bytes, Math.min(at + 1, limit), limit);
      continue;
    }
    const code = codeOf(bytes, start, length);
    const covering =
      (code === Op.BDC || code === Op.BMC) && ((tagStart !== -1 && bytesAre(bytes, tagStart, tagEnd, ARTIFACT)) || (code === Op.BDC && mcid));
    list.push(code, from, start, at, covering, numbers);
    from = -1;
    tagStart = -1;
    mcid = false;
    if (code === Op.ID) {
      // The image's bytes, up to the EI that ends them, are its data: EI's operand.
      const data = Math.min(at + 1, limit);
      at = inlineImageEnd(bytes, data, limit);
      from = data;
    }
  }
  return list;
}

/**
 * The painting operators that lie outside both tagged content and artifacts,
 * as indexes into `operations`.
 */
export function uncoveredPaintings(operations: ContentOperations): number[] {
  const found: number[] = [];
  const stack: boolean[] = [];
  const { codes } = operations;
  for (let index = 0; index < operations.length; index += 1) {
    const code = codes[index]! as Op;
    if (code === Op.BDC || code === Op.BMC) stack.push(operations.covers(index) || stack.at(-1) === true);
    else if (code === Op.EMC) stack.pop();
    else if (stack.at(-1) !== true && paints(code)) found.push(index);
  }
  return found;
}
