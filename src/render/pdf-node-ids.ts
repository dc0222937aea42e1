/**
 * Chromium names the structure elements of table header cells after the DOM
 * nodes they came from (`/ID (node00000217)`, used by `/Headers` and the ID tree).
 * Node numbers count every node the page's renderer ever made, so the same brief
 * printed in a page that printed before gets other names. Renumbering them in
 * their order (the ID tree's keys stay sorted) and at the same width (no byte
 * offset moves) makes the file depend on the brief alone.
 */
export function renumberNodeIds(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const found = [...new Set(Array.from(text.matchAll(NODE_ID), (match) => match[1]!))];
  if (found.length === 0) return pdf;
  const order = found.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const names = new Map(order.map((digits, index) => [digits, String(index + 1).padStart(digits.length, '0')]));
  // A number too wide for its place would move every offset after it.
  if ([...names].some(([digits, renamed]) => renamed.length !== digits.length)) return pdf;
  const renamed = text.replace(NODE_ID, (_, digits: string) => `(node${names.get(digits)})`);
  const bytes = Buffer.from(renamed, 'latin1');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const NODE_ID = /\(node(\d+)\)/g;
