import { type ContentOperations, Op, paints, readOperations, showsText } from '../../pdf/content-operations.js';

const IDENTITY: readonly [number, number, number, number, number, number] = [1, 0, 0, 1, 0, 0];

interface Run {
  /** Where its BDC goes. */
  at: number;
  /** How many marked-content sequences were open when it began: it must end before any of them does. */
  depth: number;
  /** Begun inside a text object, so it ends there. */
  inText: boolean;
  /** What it is, from its first painting: a margin box's text (Header, Footer) or Layout. */
  kind?: ArtifactKind;
}

type ArtifactKind = 'Header' | 'Footer' | 'Layout';

/**
 * Wraps every painting operator that is neither tagged nor an artifact in an
 * /Artifact sequence, without changing what is painted. Chromium paints the
 * page background, the @page margin boxes (running title, page numbers),
 * leaders and some borders untagged. Text painted outside any clip is a margin
 * box (Chromium clips the page body, not the margins): a /Pagination artifact,
 * /Header in the top half of the page and /Footer in the bottom half.
 * Everything else (fills, rules, clipped text such as leaders) is a /Layout
 * artifact.
 *
 * A sequence starts where its graphics object starts (a path's first
 * construction operator, BT, an inline image's BI) and ends before the next q
 * or Q, tagged content, or the end of a marked-content sequence begun before
 * it, so it nests with all of them. A text object that holds tagged content
 * gets sequences of its own inside it.
 *
 * Returns the new stream, or undefined when nothing needed marking.
 */
export function markArtifacts(bytes: Uint8Array, pageHeight: number): Uint8Array | undefined {
  const operations = readOperations(bytes);
  const { codes, from } = operations;
  const textObjects = readTextObjects(operations);
  const inserts: { at: number; text: string }[] = [];
  const covered: boolean[] = [];
  // The transformation matrix [a b c d e f]; per q, the saved one and whether it clipped.
  let [a, b, c, d, e, f] = IDENTITY;
  let clipped = false;
  const saved: number[] = [];
  let pendingClip = false;
  // The text line matrix (Tm, moved by Td, TD, T*): only where it puts text matters here.
  let [la, lb, lc, ld, le, lf] = IDENTITY;
  let leading = 0;
  let pathStart = -1;
  let imageStart = -1;
  let textFrom = 0;
  let run: Run | undefined;
  /** Inside a text object whose artifacts must stay inside it (it holds tagged content). */
  let innerText = false;

  const close = (at: number) => {
    if (!run) return;
    inserts.push({ at: run.at, text: `${ARTIFACT_TAGS[run.kind ?? 'Layout']} BDC\n` }, { at, text: '\nEMC\n' });
    run = undefined;
  };
  const open = (at: number) => (run ??= { at, depth: covered.length, inText: innerText });

  for (let index = 0; index < operations.length; index += 1) {
    const code = codes[index]! as Op;
    switch (code) {
      case Op.q:
        close(from[index]!);
        saved.push(a, b, c, d, e, f, clipped ? 1 : 0);
        continue;
      case Op.Q:
        close(from[index]!);
        if (saved.length === 0) {
          [a, b, c, d, e, f] = IDENTITY;
          clipped = false;
        } else {
          const at = saved.length - 7;
          [a, b, c, d, e, f] = [saved[at]!, saved[at + 1]!, saved[at + 2]!, saved[at + 3]!, saved[at + 4]!, saved[at + 5]!];
          clipped = saved[at + 6] === 1;
          saved.length = at;
        }
        continue;
      case Op.cm: {
        // The operands' matrix, then the current one.
        if (operations.count(index) < 6) continue;
        const m = (n: number) => operations.fromEnd(index, 5 - n);
        [a, b, c, d, e, f] = [m(0) * a + m(1) * c, m(0) * b + m(1) * d, m(2) * a + m(3) * c, m(2) * b + m(3) * d, m(4) * a + m(5) * c + e, m(4) * b + m(5) * d + f];
        continue;
      }
      case Op.BDC:
      case Op.BMC:
        // Untagged marked content (a /Span with ActualText, say) may sit inside an artifact; tagged content may not.
        if (operations.covers(index)) close(from[index]!);
        covered.push(operations.covers(index) || covered.at(-1) === true);
        continue;
      case Op.EMC:
        if (run && covered.length <= run.depth) close(from[index]!);
        covered.pop();
        continue;
      case Op.BT:
        textFrom = from[index]!;
        [la, lb, lc, ld, le, lf] = IDENTITY;
        innerText = (textObjects[index]! & HOLDS_MARKED_CONTENT) !== 0;
        if (innerText) close(from[index]!);
        else if (covered.at(-1) !== true && (textObjects[index]! & SHOWS_TEXT) !== 0) open(from[index]!);
        continue;
      case Op.ET:
        if (run?.inText) close(from[index]!);
        innerText = false;
        continue;
      case Op.Tm: {
        const m = (n: number) => operations.fromEnd(index, 5 - n);
        [la, lb, lc, ld, le, lf] = operations.count(index) >= 6 ? [m(0), m(1), m(2), m(3), m(4), m(5)] : IDENTITY;
        continue;
      }
      case Op.Td:
      case Op.TD: {
        const x = operations.first(index);
        const y = operations.second(index);
        const moved = x * la + y * lc + le;
        lf = x * lb + y * ld + lf;
        le = moved;
        if (code === Op.TD) leading = -y;
        continue;
      }
      case Op.TL:
        leading = operations.first(index);
        continue;
      case Op.TStar:
      case Op.Quote:
      case Op.DoubleQuote:
        le -= leading * lc;
        lf -= leading * ld;
        break;
      case Op.W:
      case Op.WStar:
        pendingClip = true;
        continue;
      case Op.m:
      case Op.re:
        if (pathStart === -1) pathStart = from[index]!;
        continue;
      case Op.BI:
        imageStart = from[index]!;
        continue;
    }
    if (!paints(code)) continue;
    const text = showsText(code);
    const isPath = !text && code !== Op.Do && code !== Op.sh && code !== Op.EI;
    const start = code === Op.EI ? imageStart : isPath && pathStart !== -1 ? pathStart : from[index]!;
    if (isPath) pathStart = -1;
    if (covered.at(-1) !== true) {
      // Where text is painted: the line matrix's origin, through the transformation.
      const kind: ArtifactKind = !text || clipped ? 'Layout' : le * b + lf * d + f > pageHeight / 2 ? 'Header' : 'Footer';
      // A different kind starts a sequence of its own where its graphics object starts (BT for text outside a tagged text object).
      const objectStart = text && !innerText ? textFrom : start;
      if (run?.kind !== undefined && run.kind !== kind && objectStart > run.at) close(objectStart);
      const current = open(text && !innerText && !run ? textFrom : start);
      current.kind ??= kind;
    }
    if (isPath && pendingClip) {
      clipped = true;
      pendingClip = false;
    }
  }
  close(bytes.length);
  if (inserts.length === 0) return undefined;
  return splice(bytes, inserts);
}

const HOLDS_MARKED_CONTENT = 1;
const SHOWS_TEXT = 2;

/**
 * For each BT, what its text object (up to the first ET after it) holds:
 * HOLDS_MARKED_CONTENT when marked-content operators in it begin or end tagged
 * content or artifacts, SHOWS_TEXT when it shows text. Zero for other operators.
 */
function readTextObjects(operations: ContentOperations): Uint8Array {
  const flags = new Uint8Array(operations.length);
  const { codes } = operations;
  // Text objects begun and not yet ended (one, unless BTs nest), with their marked-content depth.
  const pending: number[] = [];
  const depths: number[] = [];
  for (let index = 0; index < operations.length; index += 1) {
    const code = codes[index]! as Op;
    if (code === Op.BT) {
      pending.push(index);
      depths.push(0);
      continue;
    }
    if (pending.length === 0) continue;
    if (code === Op.ET) {
      pending.length = depths.length = 0;
      continue;
    }
    for (let open = 0; open < pending.length; open += 1) {
      const bt = pending[open]!;
      if (code === Op.BDC || code === Op.BMC) {
        if (operations.covers(index)) flags[bt]! |= HOLDS_MARKED_CONTENT;
        else depths[open]! += 1;
      } else if (code === Op.EMC) {
        if (--depths[open]! < 0) flags[bt]! |= HOLDS_MARKED_CONTENT;
      } else if (showsText(code)) flags[bt]! |= SHOWS_TEXT;
    }
  }
  return flags;
}

const ARTIFACT_TAGS: Record<ArtifactKind, string> = {
  Header: '/Artifact <</Type /Pagination /Subtype /Header>>',
  Footer: '/Artifact <</Type /Pagination /Subtype /Footer>>',
  Layout: '/Artifact <</Type /Layout>>',
};

function splice(bytes: Uint8Array, inserts: { at: number; text: string }[]): Uint8Array {
  inserts.sort((a, b) => a.at - b.at);
  const parts: Uint8Array[] = [];
  let kept = 0;
  for (const { at, text } of inserts) {
    parts.push(bytes.subarray(kept, at), Buffer.from(text, 'latin1'));
    kept = at;
  }
  parts.push(bytes.subarray(kept));
  return Buffer.concat(parts);
}
