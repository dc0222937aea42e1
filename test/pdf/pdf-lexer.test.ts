import { describe, expect, it } from 'vitest';
import { PdfLexer, Token } from '../../src/pdf/pdf-lexer.js';
import { readOperations, uncoveredPaintings, type ContentOperations } from '../../src/pdf/content-operations.js';
import { PdfName, PdfRef, PdfString, readValue } from '../../src/pdf/pdf-values.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

function tokens(text: string): [Token, string][] {
  const lexer = new PdfLexer(bytes(text));
  const found: [Token, string][] = [];
  for (let token = lexer.next(); token !== Token.End; token = lexer.next()) found.push([token, lexer.text()]);
  return found;
}

describe('the PDF lexer', () => {
  it('reads a literal string with escaped and nested parentheses as one token', () => {
    expect(tokens('(a \\) b (c) \\\\) Tj')).toEqual([
      [Token.String, '(a \\) b (c) \\\\)'],
      [Token.Keyword, 'Tj'],
    ]);
    const value = readValue(new PdfLexer(bytes('(x\\(y\\)\\n\\101)')));
    expect((value as PdfString).decode()).toBe('x(y)\nA');
  });

  it('reads hex strings, odd length padded, whitespace ignored', () => {
    expect(tokens('<00 2B> Tj')).toEqual([
      [Token.HexString, '<00 2B>'],
      [Token.Keyword, 'Tj'],
    ]);
    expect([...(readValue(new PdfLexer(bytes('<FEFF 004 1>'))) as PdfString).bytes]).toEqual([0xfe, 0xff, 0x00, 0x41]);
    expect((readValue(new PdfLexer(bytes('<4>'))) as PdfString).bytes[0]).toBe(0x40);
  });

  it('reads dictionaries and arrays, with references', () => {
    const value = readValue(new PdfLexer(bytes('<</Type /Annot /Rect [0 1.5 -2 .25] /P 12 0 R /F 4 /Open true /N null>>')));
    expect(value).toBeInstanceOf(Map);
    const dict = value as Map<string, unknown>;
    expect((dict.get('Type') as PdfName).name).toBe('Annot');
    expect(dict.get('Rect')).toEqual([0, 1.5, -2, 0.25]);
    expect(dict.get('P')).toEqual(new PdfRef(12, 0));
    expect(dict.get('F')).toBe(4);
    expect(dict.get('Open')).toBe(true);
    expect(dict.get('N')).toBe(null);
  });

  it('skips comments but not a percent sign inside a string', () => {
    expect(tokens('% a comment\n1 0 0 1 5 5 cm % another\n(100%) Tj')).toEqual([
      [Token.Number, '1'],
      [Token.Number, '0'],
      [Token.Number, '0'],
      [Token.Number, '1'],
      [Token.Number, '5'],
      [Token.Number, '5'],
      [Token.Keyword, 'cm'],
      [Token.String, '(100%)'],
      [Token.Keyword, 'Tj'],
    ]);
  });

  it('reads an inline image\'s data as one token, whatever bytes it holds', () => {
    const stream = 'q BI /W 2 /H 1 /BPC 8 /CS /G ID \x00) Tj (EIx\xff EI Q';
    const found = tokens(stream);
    expect(found.map(([, text]) => text)).toEqual(['q', 'BI', '/W', '2', '/H', '1', '/BPC', '8', '/CS', '/G', 'ID', '\x00) Tj (EIx\xff', 'EI', 'Q']);
    expect(found[11]![0]).toBe(Token.ImageData);
  });
});

describe('reading content operations', () => {
  const names = (operations: ContentOperations) => Array.from({ length: operations.length }, (_, index) => operations.op(index));

  it('gives each operator with its operands\' extent and numbers', () => {
    const text = '/P <</MCID 3>> BDC 1 0 0 1 10 20 cm [(a) -20 (b)] TJ EMC';
    const operations = readOperations(bytes(text));
    expect(names(operations)).toEqual(['BDC', 'cm', 'TJ', 'EMC']);
    expect([operations.covers(0), operations.from[0]]).toEqual([true, 0]);
    expect(operations.numbers(1)).toEqual([1, 0, 0, 1, 10, 20]);
    expect(operations.numbers(2)).toEqual([]);
    expect(text.slice(operations.from[2], operations.to[2])).toBe('[(a) -20 (b)] TJ');
  });

  it('does not take an operator name inside a string or a dictionary for an operator', () => {
    const operations = readOperations(bytes('/Span <</ActualText (EMC Tj)>> BDC (BT ET) Tj EMC'));
    expect(names(operations)).toEqual(['BDC', 'Tj', 'EMC']);
    expect(operations.covers(0)).toBe(false);
  });

  it('reads streams with more operators and numbers than bytes suggest', () => {
    // Two bytes an operator, four a number: past the room first set aside for either.
    const text = `${'q '.repeat(3000)}${'1 2 3 4 5 6 cm '.repeat(500)}`;
    const operations = readOperations(bytes(text));
    expect(operations.length).toBe(3500);
    expect(operations.op(2999)).toBe('q');
    expect(operations.numbers(3499)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('takes an unknown or stray word for an operator of its own, and skips an inline image\'s bytes', () => {
    const operations = readOperations(bytes('1 0 0 1 0 0 cm /Foo sc 12 Tz BI /W 1 ID Q q EI Q'));
    expect(names(operations)).toEqual(['cm', 'sc', 'Tz', 'BI', 'ID', 'EI', 'Q']);
    expect(operations.numbers(2)).toEqual([12]);
  });

  it('finds painting outside tagged content and artifacts', () => {
    const operations = readOperations(bytes('0 0 1 1 re f /Artifact BMC 0 0 1 1 re f EMC /P <</MCID 0>> BDC BT (x) Tj ET EMC /Span <</Lang (es)>> BDC BT (y) Tj ET EMC'));
    expect(uncoveredPaintings(operations).map((index) => operations.op(index))).toEqual(['f', 'Tj']);
  });
});
