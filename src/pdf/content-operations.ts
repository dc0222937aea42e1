import { PdfLexer, Token } from './pdf-lexer.js';

/** One operator of a content stream and where its bytes are. */
export interface Operation {
  op: string;
  /** Offset of its first operand (of the operator itself when it has none). */
  from: number;
  /** Offset just past the operator. */
  to: number;
  /** Its numeric operands, in order (other operands are left out). */
  numbers: number[];
  /** For BDC/BMC: the tag, and whether the properties carry an MCID (or name a property list). */
  tag: string | undefined;
  mcid: boolean;
}

/** Operators that paint (ISO 32000-1, 8.2 and 9.4): path painting, text showing, XObjects, shadings, inline images. */
export const PAINTING = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n', 'Tj', 'TJ', "'", '"', 'Do', 'sh', 'EI']);

/** Operators that show text. */
export const TEXT_SHOWING = new Set(['Tj', 'TJ', "'", '"']);

/**
 * Splits a decoded content stream into its operators. Strings, hex strings,
 * arrays, dictionaries, comments and inline image data are read as operands,
 * never as operators.
 */
export function readOperations(bytes: Uint8Array): Operation[] {
  const lexer = new PdfLexer(bytes);
  const operations: Operation[] = [];
  let from = -1;
  let numbers: number[] = [];
  let depth = 0;
  let tagStart = -1;
  let tagEnd = -1;
  let mcid = false;
  for (let token = lexer.next(); token !== Token.End; token = lexer.next()) {
    if (from === -1) from = lexer.start;
    switch (token) {
      case Token.Number:
        if (depth === 0) numbers.push(lexer.number());
        continue;
      case Token.Name:
        if (depth === 0) {
          // BDC's second operand may name a property list in the resources; count it as tagged.
          if (tagStart === -1) {
            tagStart = lexer.start + 1;
            tagEnd = lexer.end;
          } else mcid = true;
        } else if (depth === 1 && lexer.is('/MCID')) mcid = true;
        continue;
      case Token.ArrayOpen:
      case Token.DictOpen:
        depth += 1;
        continue;
      case Token.ArrayClose:
      case Token.DictClose:
        depth = Math.max(0, depth - 1);
        continue;
      case Token.Keyword:
        if (depth > 0) continue;
        break;
      default:
        continue;
    }
    const op = lexer.word();
    // Every operation has the same fields, so the code that walks them sees one shape.
    const marked = op === 'BDC' || op === 'BMC';
    const tag = marked && tagStart !== -1 ? Buffer.from(bytes.buffer, bytes.byteOffset + tagStart, tagEnd - tagStart).toString('latin1') : undefined;
    operations.push({ op, from, to: lexer.end, numbers, tag, mcid: marked && mcid });
    from = -1;
    numbers = [];
    tagStart = -1;
    mcid = false;
  }
  return operations;
}

/** Whether a BDC/BMC begins tagged content or an artifact (content a checker counts as covered). */
export function covers(operation: Operation): boolean {
  return operation.tag === 'Artifact' || (operation.op === 'BDC' && operation.mcid === true);
}

/**
 * The painting operators that lie outside both tagged content and artifacts,
 * as indexes into `operations`.
 */
export function uncoveredPaintings(operations: readonly Operation[]): number[] {
  const found: number[] = [];
  const stack: boolean[] = [];
  for (let index = 0; index < operations.length; index += 1) {
    const { op } = operations[index]!;
    if (op === 'BDC' || op === 'BMC') stack.push(covers(operations[index]!) || stack.at(-1) === true);
    else if (op === 'EMC') stack.pop();
    else if (stack.at(-1) !== true && PAINTING.has(op)) found.push(index);
  }
  return found;
}
