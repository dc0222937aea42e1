import { readFile } from 'node:fs/promises';
import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';

/** A Word file's parts, read back with JSZip and an XML parser the writing code does not use. */
export interface DocxParts {
  names: string[];
  xml(name: string): Document;
  text(name: string): string;
}

/** Opens a .docx file. */
export async function readDocx(file: string): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const texts = new Map<string, string>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir) texts.set(name, await zip.files[name]!.async('string'));
  return {
    names: [...texts.keys()],
    text: (name) => texts.get(name) ?? '',
    xml: (name) => new DOMParser().parseFromString(texts.get(name) ?? '<missing/>', 'text/xml'),
  };
}

/** Every element with this qualified name (such as `w:p`) below a node. */
export function all(node: Document | Element, name: string): Element[] {
  return Array.from(node.getElementsByTagName(name));
}

/** An attribute such as `w:val`, or undefined. */
export function attr(element: Element | undefined, name: string): string | undefined {
  return element?.getAttribute(name) ?? undefined;
}

/** The text of a paragraph (or any element): its w:t runs joined. */
export function textOf(element: Element): string {
  return all(element, 'w:t').map((t) => t.textContent ?? '').join('');
}

/** A paragraph's style id. */
export function styleOf(paragraph: Element): string | undefined {
  return attr(all(paragraph, 'w:pStyle')[0], 'w:val');
}
