import { unzipSync, zipSync, type Zippable } from 'fflate';

/** Where briefwright's bookmark numbers start before they are renumbered (above any the docx library uses). */
export const BOOKMARK_BASE = 1_000_000;

/** What the document's core properties say (File ▸ Info in Word; read by screen readers and search). */
export interface CoreProperties {
  title: string;
  subject: string;
  creator: string;
  keywords: string;
  description: string;
  language: string;
  /** The brief's date (YYYY, YYYY-MM or YYYY-MM-DD): created and modified, so the file does not change from run to run. */
  date: string;
}

/**
 * Makes a Word file the same, byte for byte, every time it is made from the same
 * brief. The docx library stamps the zip entries and the core properties with
 * the current time and names hyperlink relationships at random; this writes the
 * core properties from the brief, renames those relationships in order
 * (rIdL1, rIdL2, …) and zips again with a fixed time. `replace` swaps in parts
 * of a reference document (its theme).
 */
export function normalizePackage(zip: Uint8Array, core: CoreProperties, replace: Record<string, Uint8Array> = {}): Uint8Array {
  const files = unzipSync(zip);
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  files['docProps/core.xml'] = encoder.encode(coreXml(core));
  for (const [name, data] of Object.entries(replace)) if (name in files) files[name] = new Uint8Array(data);
  for (const rels of Object.keys(files).filter((name) => name.endsWith('.rels'))) {
    const text = decoder.decode(files[rels]);
    const renames = new Map<string, string>();
    for (const [, id] of text.matchAll(/Id="([^"]+)"/g)) if (!/^rId\d+$/.test(id!)) renames.set(id!, `rIdL${renames.size + 1}`);
    if (renames.size === 0) continue;
    const part = rels.replace(/_rels\/([^/]+)\.rels$/, '$1');
    const pattern = new RegExp([...renames.keys()].map((id) => id.replace(/[^A-Za-z0-9]/g, '\\$&')).join('|'), 'g');
    const rename = (xml: string) => xml.replace(pattern, (id) => renames.get(id)!);
    files[rels] = encoder.encode(rename(text));
    if (files[part]) files[part] = encoder.encode(rename(decoder.decode(files[part])));
  }
  const document = files['word/document.xml'];
  if (document) files['word/document.xml'] = encoder.encode(renumberBookmarks(decoder.decode(document)));
  // fflate writes an entry's time from the Date's local fields: a date made
  // from local fields is the same in every time zone. 1980-01-01 is the zip format's epoch.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const entries: Zippable = {};
  // [Content_Types].xml first, as Office writes it; the rest in the library's order.
  for (const name of ['[Content_Types].xml', ...Object.keys(files).filter((name) => name !== '[Content_Types].xml')]) {
    if (files[name]) entries[name] = [files[name]!, { mtime }];
  }
  return zipSync(entries, { level: 6 });
}

/**
 * Numbers bookmarks 1, 2, 3… in document order. The docx library numbers its
 * table-of-contents bookmarks from a counter shared by every document of the
 * process; briefwright's own start at BOOKMARK_BASE, so the two never clash.
 */
function renumberBookmarks(xml: string): string {
  const numbers = new Map<string, number>();
  for (const [, id] of xml.matchAll(/<w:bookmarkStart\b[^>]*\bw:id="(\d+)"/g)) if (!numbers.has(id!)) numbers.set(id!, numbers.size + 1);
  return xml.replace(/(<w:bookmark(?:Start|End)\b[^>]*\bw:id=")(\d+)"/g, (whole, head: string, id: string) => {
    const number = numbers.get(id);
    return number === undefined ? whole : `${head}${number}"`;
  });
}

function coreXml(core: CoreProperties): string {
  const time = `${isoDate(core.date)}T00:00:00Z`;
  const element = (name: string, value: string) => (value ? `<${name}>${escapeXml(value)}</${name}>` : '');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', core.title) +
    element('dc:subject', core.subject) +
    element('dc:creator', core.creator) +
    element('cp:keywords', core.keywords) +
    element('dc:description', core.description) +
    element('dc:language', core.language) +
    element('cp:lastModifiedBy', core.creator) +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${time}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${time}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function isoDate(date: string): string {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  return match ? `${match[1]}-${match[2] ?? '01'}-${match[3] ?? '01'}` : '1980-01-01';
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
