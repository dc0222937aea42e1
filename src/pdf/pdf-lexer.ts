/** What a PDF token is (ISO 32000-1, 7.2 and 7.3). */
export const enum Token {
  End,
  Number,
  Name,
  String,
  HexString,
  ArrayOpen,
  ArrayClose,
  DictOpen,
  DictClose,
  /** A bare word: an operator in a content stream, or true, false, null, obj, R, stream... */
  Keyword,
  /** The bytes of an inline image, between its ID and EI operators. */
  ImageData,
}

/** Each byte's class: 0 regular, 1 whitespace, 2 delimiter (ISO 32000-1, 7.2.2). */
export const CLASS = new Uint8Array(256);
for (const byte of [0, 9, 10, 12, 13, 32]) CLASS[byte] = 1;
for (const char of '()<>[]{}/%') CLASS[char.charCodeAt(0)] = 2;

/** Whether a byte is PDF whitespace. */
export function isWhitespace(byte: number): boolean {
  return CLASS[byte] === 1;
}

/**
 * Splits PDF bytes into tokens, in place: each call to next() moves to the
 * next token and sets kind, start and end (byte offsets). Comments are
 * skipped. After the keyword ID comes one ImageData token holding the inline
 * image's bytes, so binary data is never read as tokens.
 */
export class PdfLexer {
  kind: Token = Token.End;
  start = 0;
  end = 0;
  private readonly words = new Map<number, string>();
  private value = 0;
  readonly bytes: Uint8Array;

  constructor(
    bytes: Uint8Array,
    public position = 0,
    readonly limit = bytes.length,
  ) {
    this.bytes = plainBytes(bytes);
  }

  /** Moves to the next token; returns its kind (End at the end of input). */
  next(): Token {
    const bytes = this.bytes;
    if (this.kind === Token.Keyword && this.end - this.start === 2 && bytes[this.start] === 73 && bytes[this.start + 1] === 68) return this.imageData();
    let at = this.position;
    for (;;) {
      while (at < this.limit && CLASS[bytes[at]!] === 1) at += 1;
      if (at < this.limit && bytes[at] === 37) {
        while (at < this.limit && bytes[at] !== 10 && bytes[at] !== 13) at += 1;
        continue;
      }
      break;
    }
    this.start = at;
    if (at >= this.limit) return this.finish(Token.End, at);
    const byte = bytes[at]!;
    switch (byte) {
      case 40: // (
        return this.finish(Token.String, literalStringEnd(bytes, at, this.limit));
      case 60: // <
        if (bytes[at + 1] === 60) return this.finish(Token.DictOpen, at + 2);
        {
          let close = at + 1;
          while (close < this.limit && bytes[close] !== 62) close += 1;
          return this.finish(Token.HexString, Math.min(close + 1, this.limit));
        }
      case 62: // >
        return this.finish(bytes[at + 1] === 62 ? Token.DictClose : Token.Keyword, bytes[at + 1] === 62 ? at + 2 : at + 1);
      case 91:
        return this.finish(Token.ArrayOpen, at + 1);
      case 93:
        return this.finish(Token.ArrayClose, at + 1);
      case 123:
      case 125:
        return this.finish(Token.Keyword, at + 1);
      case 47: // /
        return this.finish(Token.Name, this.skipRegular(at + 1));
      case 41: // a stray ) is not valid; take it as a one-byte keyword
        return this.finish(Token.Keyword, at + 1);
    }
    const end = this.skipRegular(at);
    const numeric = (byte >= 48 && byte <= 57) || byte === 43 || byte === 45 || byte === 46;
    if (numeric) {
      this.value = parseNumber(bytes, at, end);
      if (!Number.isNaN(this.value)) return this.finish(Token.Number, end);
    }
    return this.finish(Token.Keyword, end);
  }

  /** The current token's bytes as text (Latin-1). */
  text(): string {
    let text = '';
    for (let at = this.start; at < this.end; at += 1) text += String.fromCharCode(this.bytes[at]!);
    return text;
  }

  /** The current token's text, the same string object for the same short word (operators repeat by the thousand). */
  word(): string {
    const length = this.end - this.start;
    if (length > 3) return this.text();
    const bytes = this.bytes;
    const key = length | (bytes[this.start]! << 2) | ((length > 1 ? bytes[this.start + 1]! : 0) << 10) | ((length > 2 ? bytes[this.start + 2]! : 0) << 18);
    let word = this.words.get(key);
    if (word === undefined) this.words.set(key, (word = this.text()));
    return word;
  }

  /** The current Number token's value. */
  number(): number {
    return this.value;
  }

  /** Whether the current token's bytes are exactly `word` (ASCII). */
  is(word: string): boolean {
    if (this.end - this.start !== word.length) return false;
    for (let index = 0; index < word.length; index += 1) if (this.bytes[this.start + index] !== word.charCodeAt(index)) return false;
    return true;
  }

  private finish(kind: Token, end: number): Token {
    this.kind = kind;
    this.end = end;
    this.position = end;
    return kind;
  }

  private skipRegular(at: number): number {
    while (at < this.limit && CLASS[this.bytes[at]!] === 0) at += 1;
    return at;
  }

  /**
   * An inline image's data runs from the byte after ID's one whitespace byte to
   * the EI that stands alone (whitespace before it, whitespace or the end after).
   * The data's length is not recorded, so this is the usual reading.
   */
  private imageData(): Token {
    const from = Math.min(this.position + 1, this.limit);
    const at = inlineImageEnd(this.bytes, from, this.limit);
    this.start = from;
    // The whitespace before EI belongs to neither; EI is lexed next as a keyword.
    this.kind = Token.ImageData;
    this.end = at > from && CLASS[this.bytes[at - 1]!] === 1 ? at - 1 : at;
    this.position = at;
    return Token.ImageData;
  }
}

/** A plain Uint8Array view of Buffers and Uint8Arrays alike, so the code reading bytes sees one kind of array. */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return bytes.constructor === Uint8Array ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Past a literal string's closing parenthesis: nested pairs balance, a backslash escapes. */
export function literalStringEnd(bytes: Uint8Array, at: number, limit: number): number {
  let depth = 0;
  for (; at < limit; at += 1) {
    const byte = bytes[at]!;
    if (byte === 92) at += 1;
    else if (byte === 40) depth += 1;
    else if (byte === 41 && --depth === 0) return at + 1;
  }
  return limit;
}

/**
 * Where the EI ending an inline image whose data starts at `from` is: the
 * first EI that stands alone (whitespace before it, whitespace, a delimiter or
 * the end after it), or `limit`. The data's length is not recorded, so this is
 * the usual reading.
 */
export function inlineImageEnd(bytes: Uint8Array, from: number, limit: number): number {
  for (let at = from; at + 1 < limit; at += 1) {
    if (bytes[at] === 69 && bytes[at + 1] === 73 && (at === from || CLASS[bytes[at - 1]!] === 1) && (at + 2 >= limit || CLASS[bytes[at + 2]!] !== 0)) return at;
  }
  return limit;
}

/** A number's value, or NaN when the bytes are not a number (a second sign or point, a letter, no digit). */
export function parseNumber(bytes: Uint8Array, from: number, to: number): number {
  let sign = 1;
  let at = from;
  if (bytes[at] === 45) {
    sign = -1;
    at += 1;
  } else if (bytes[at] === 43) at += 1;
  let value = 0;
  let scale = 0;
  let digits = 0;
  for (; at < to; at += 1) {
    const byte = bytes[at]!;
    if (byte === 46 && scale === 0) scale = 1;
    else if (byte >= 48 && byte <= 57) {
      value = value * 10 + (byte - 48);
      digits += 1;
      if (scale) scale *= 10;
    } else return NaN;
  }
  return digits === 0 ? NaN : (sign * value) / (scale || 1);
}
