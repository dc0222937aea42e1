import { PdfLexer, Token } from './pdf-lexer.js';

/** A PDF name, kept as written (without the slash, #xx escapes not decoded). */
export class PdfName {
  constructor(readonly name: string) {}
}

/** A PDF string: its bytes as written in the file, escapes undone. */
export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex = false,
  ) {}

  /** A text string (UTF-16BE with a byte order mark, written in hex), safe for any text. */
  static text(value: string): PdfString {
    const bytes = new Uint8Array(2 + value.length * 2);
    bytes[0] = 0xfe;
    bytes[1] = 0xff;
    for (let index = 0; index < value.length; index += 1) {
      bytes[2 + index * 2] = value.charCodeAt(index) >> 8;
      bytes[3 + index * 2] = value.charCodeAt(index) & 0xff;
    }
    return new PdfString(bytes, true);
  }

  /** The string as text: UTF-16BE when it starts with a byte order mark, else Latin-1 (close to PDFDocEncoding). */
  decode(): string {
    const bytes = this.bytes;
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      let text = '';
      for (let at = 2; at + 1 < bytes.length; at += 2) text += String.fromCharCode((bytes[at]! << 8) | bytes[at + 1]!);
      return text;
    }
    return Buffer.from(bytes).toString('latin1');
  }
}

/** A reference to an indirect object. */
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen = 0,
  ) {}
}

/** A dictionary; keys are names as written. */
export type PdfDict = Map<string, PdfValue>;

/** Any PDF value (streams are read by PdfFile). */
export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict;

/** Reads one value at the lexer's position; an `N G R` reference is taken when `refs` is set. */
export function readValue(lexer: PdfLexer, refs = true): PdfValue {
  return valueOf(lexer, lexer.next(), refs);
}

function valueOf(lexer: PdfLexer, token: Token, refs: boolean): PdfValue {
  const bytes = lexer.bytes;
  switch (token) {
    case Token.Number: {
      const value = lexer.number();
      if (!refs) return value;
      // `N G R`: look ahead two tokens, and step back if they are not a generation and R.
      const { position, kind, start, end } = lexer;
      if (lexer.next() === Token.Number) {
        const gen = lexer.number();
        if (lexer.next() === Token.Keyword && lexer.is('R')) return new PdfRef(value, gen);
      }
      Object.assign(lexer, { position, kind, start, end });
      return value;
    }
    case Token.Name:
      return new PdfName(lexer.text().slice(1));
    case Token.String:
      return new PdfString(unescapeLiteral(bytes, lexer.start + 1, lexer.end - 1));
    case Token.HexString:
      return new PdfString(unhex(bytes, lexer.start + 1, lexer.end - 1), true);
    case Token.ArrayOpen: {
      const items: PdfValue[] = [];
      for (let next = lexer.next(); next !== Token.ArrayClose && next !== Token.End; next = lexer.next()) items.push(valueOf(lexer, next, refs));
      return items;
    }
    case Token.DictOpen: {
      const dict: PdfDict = new Map();
      for (let next = lexer.next(); next !== Token.DictClose && next !== Token.End; next = lexer.next()) {
        if (next !== Token.Name) continue;
        const key = lexer.text().slice(1);
        dict.set(key, readValue(lexer, refs));
      }
      return dict;
    }
    case Token.Keyword:
      if (lexer.is('true')) return true;
      if (lexer.is('false')) return false;
      return null;
    default:
      return null;
  }
}

const ESCAPES: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12, 40: 40, 41: 41, 92: 92 };

function unescapeLiteral(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const out: number[] = [];
  for (let at = from; at < to; at += 1) {
    const byte = bytes[at]!;
    if (byte !== 92) {
      // An end of line in a string is read as a single newline (7.3.4.2).
      if (byte === 13) {
        out.push(10);
        if (bytes[at + 1] === 10) at += 1;
      } else out.push(byte);
      continue;
    }
    const escaped = bytes[++at]!;
    if (escaped in ESCAPES) out.push(ESCAPES[escaped]!);
    else if (escaped >= 48 && escaped <= 55) {
      let code = 0;
      let digits = 0;
      while (digits < 3 && at < to && bytes[at]! >= 48 && bytes[at]! <= 55) {
        code = code * 8 + bytes[at]! - 48;
        at += 1;
        digits += 1;
      }
      at -= 1;
      out.push(code & 0xff);
    } else if (escaped === 13) {
      if (bytes[at + 1] === 10) at += 1;
    } else if (escaped !== 10) out.push(escaped);
  }
  return Uint8Array.from(out);
}

function unhex(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const digits: number[] = [];
  for (let at = from; at < to; at += 1) {
    const value = hexDigit(bytes[at]!);
    if (value >= 0) digits.push(value);
  }
  if (digits.length % 2 === 1) digits.push(0);
  const out = new Uint8Array(digits.length / 2);
  for (let index = 0; index < out.length; index += 1) out[index] = (digits[index * 2]! << 4) | digits[index * 2 + 1]!;
  return out;
}

function hexDigit(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  if (byte >= 65 && byte <= 70) return byte - 55;
  if (byte >= 97 && byte <= 102) return byte - 87;
  return -1;
}

/** Writes a value in PDF syntax. */
export function writeValue(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof PdfName) return `/${value.name}`;
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (value instanceof PdfString) return `<${Buffer.from(value.bytes).toString('hex').toUpperCase()}>`;
  if (Array.isArray(value)) return `[${value.map(writeValue).join(' ')}]`;
  let text = '<<';
  for (const [key, item] of value) text += `/${key} ${writeValue(item)}\n`;
  return `${text}>>`;
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
}

/** The value of `key` if it is a name. */
export function nameOf(value: PdfValue | undefined): string | undefined {
  return value instanceof PdfName ? value.name : undefined;
}

/** A PDF name as text: `#xx` escapes decoded. */
export function decodeName(raw: string): string {
  return raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
