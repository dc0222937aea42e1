import { readFile } from 'node:fs/promises';
import { unzipSync } from 'fflate';
import { BriefwrightError } from '../../errors.js';
import type { FileLayers } from '../../project/file-layers.js';

/** The file name of a project's Word reference document, in `templates/`. */
export const REFERENCE_DOC = 'reference.docx';

/** The reference document in the layers (a project's own, in `templates/`), if there is one. */
export function referenceDocFile(layers: FileLayers): string | undefined {
  return layers.find(`templates/${REFERENCE_DOC}`)?.file;
}

/** The parts of a reference document a brief takes: its styles, and its theme (colours and fonts). */
export interface ReferenceDoc {
  /** `word/styles.xml`. */
  styles: string;
  /** Ids of the styles it defines: briefwright adds only the styles it lacks. */
  styleIds: Set<string>;
  /** `word/theme/theme1.xml`, when it has one. */
  theme?: Uint8Array;
}

/**
 * Reads a Word file whose styles a brief's Word output uses instead of
 * briefwright's own, as Pandoc's `--reference-doc` does: make one by saving
 * any brief's .docx, changing its styles in Word, and putting it at
 * `templates/reference.docx`. Its text is ignored.
 */
export async function readReferenceDoc(file: string, displayFile: string): Promise<ReferenceDoc> {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(new Uint8Array(await readFile(file)), { filter: (entry) => entry.name === 'word/styles.xml' || entry.name === 'word/theme/theme1.xml' });
  } catch (error) {
    throw new BriefwrightError(`cannot read the Word reference document: ${(error as Error).message}; save it from Word as a .docx file`, {
      location: { file: displayFile },
      cause: error,
    });
  }
  const styles = parts['word/styles.xml'];
  if (!styles) throw new BriefwrightError('the Word reference document has no styles (word/styles.xml); save it from Word as a .docx file', { location: { file: displayFile } });
  const text = new TextDecoder().decode(styles);
  return { styles: text, styleIds: new Set([...text.matchAll(/w:styleId="([^"]+)"/g)].map((match) => match[1]!)), theme: parts['word/theme/theme1.xml'] };
}

/** A reference document's styles with the brief's language as the language of all text. */
export function withLanguage(styles: string, lang: string): string {
  const language = `<w:lang w:val="${lang.replace(/[^A-Za-z0-9-]/g, '')}"/>`;
  const defaults = /<w:rPrDefault>([\s\S]*?)<\/w:rPrDefault>/.exec(styles);
  if (!defaults) {
    const rPrDefault = `<w:rPrDefault><w:rPr>${language}</w:rPr></w:rPrDefault>`;
    if (/<w:docDefaults>/.test(styles)) return styles.replace('<w:docDefaults>', `<w:docDefaults>${rPrDefault}`);
    return styles.replace(/<w:styles([^>]*)>/, `<w:styles$1><w:docDefaults>${rPrDefault}</w:docDefaults>`);
  }
  const inner = defaults[1]!;
  const updated = /<w:lang\b[^>]*\/>/.test(inner)
    ? inner.replace(/<w:lang\b[^>]*\/>/, language)
    : /<w:rPr>/.test(inner)
      ? inner.replace(/<w:rPr>/, `<w:rPr>${language}`)
      : `<w:rPr>${language}</w:rPr>`;
  return styles.replace(defaults[0], `<w:rPrDefault>${updated}</w:rPrDefault>`);
}
