import { covers, PAINTING, readOperations, TEXT_SHOWING, type Operation } from '../../pdf/content-operations.js';

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** a × b: first a, then b (PDF's row-vector convention). */
function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

/** [1 0 0 1 x y] × m: Td's move of the line matrix. */
function translate(m: Matrix, x: number, y: number): Matrix {
  return [m[0], m[1], m[2], m[3], x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
}

const matrix = (numbers: number[]): Matrix => (numbers.length >= 6 ? (numbers.slice(-6) as Matrix) : IDENTITY);

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
  const inserts: { at: number; text: string }[] = [];
  const covered: boolean[] = [];
  const states: { ctm: Matrix; clipped: boolean }[] = [];
  let ctm: Matrix = IDENTITY;
  let clipped = false;
  let pendingClip = false;
  let lineMatrix: Matrix = IDENTITY;
  let textMatrix: Matrix = IDENTITY;
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
    const operation = operations[index]!;
    const { op, numbers } = operation;
    switch (op) {
      case 'q':
        close(operation.from);
        states.push({ ctm, clipped });
        continue;
      case 'Q':
        close(operation.from);
        ({ ctm, clipped } = states.pop() ?? { ctm: IDENTITY, clipped: false });
        continue;
      case 'cm':
        ctm = multiply(matrix(numbers), ctm);
        continue;
      case 'BDC':
      case 'BMC':
        // Untagged marked content (a /Span with ActualText, say) may sit inside an artifact; tagged content may not.
        if (covers(operation)) close(operation.from);
        covered.push(covers(operation) || covered.at(-1) === true);
        continue;
      case 'EMC':
        if (run && covered.length <= run.depth) close(operation.from);
        covered.pop();
        continue;
      case 'BT':
        textFrom = operation.from;
        lineMatrix = textMatrix = IDENTITY;
        innerText = holdsMarkedContent(operations, index);
        if (innerText) close(operation.from);
        else if (covered.at(-1) !== true && showsText(operations, index)) open(operation.from);
        continue;
      case 'ET':
        if (run?.inText) close(operation.from);
        innerText = false;
        continue;
      case 'Tm':
        lineMatrix = textMatrix = matrix(numbers);
        continue;
      case 'Td':
      case 'TD':
        lineMatrix = textMatrix = translate(lineMatrix, numbers[0] ?? 0, numbers[1] ?? 0);
        if (op === 'TD') leading = -(numbers[1] ?? 0);
        continue;
      case 'TL':
        leading = numbers[0] ?? 0;
        continue;
      case 'T*':
      case "'":
      case '"':
        lineMatrix = textMatrix = translate(lineMatrix, 0, -leading);
        break;
      case 'W':
      case 'W*':
        pendingClip = true;
        continue;
      case 'm':
      case 're':
        if (pathStart === -1) pathStart = operation.from;
        continue;
      case 'BI':
        imageStart = operation.from;
        continue;
    }
    if (!PAINTING.has(op)) continue;
    const text = TEXT_SHOWING.has(op);
    const isPath = !text && op !== 'Do' && op !== 'sh' && op !== 'EI';
    const start = op === 'EI' ? imageStart : isPath && pathStart !== -1 ? pathStart : operation.from;
    if (isPath) pathStart = -1;
    if (covered.at(-1) !== true) {
      const kind: ArtifactKind = !text || clipped ? 'Layout' : multiply(textMatrix, ctm)[5] > pageHeight / 2 ? 'Header' : 'Footer';
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

/** Whether the text object opened at `index` holds marked-content operators that begin or end tagged content or artifacts. */
function holdsMarkedContent(operations: readonly Operation[], index: number): boolean {
  let depth = 0;
  for (let at = index + 1; at < operations.length; at += 1) {
    const operation = operations[at]!;
    if (operation.op === 'ET') return false;
    if (operation.op === 'BDC' || operation.op === 'BMC') {
      if (covers(operation)) return true;
      depth += 1;
    } else if (operation.op === 'EMC' && --depth < 0) return true;
  }
  return false;
}

function showsText(operations: readonly Operation[], index: number): boolean {
  for (let at = index + 1; at < operations.length && operations[at]!.op !== 'ET'; at += 1) if (TEXT_SHOWING.has(operations[at]!.op)) return true;
  return false;
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
