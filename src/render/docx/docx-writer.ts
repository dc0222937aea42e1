import type { FileLayers } from '../../project/file-layers.js';
import path from 'node:path';
import type { BriefModel } from '../../compose/brief-model.js';
import type { LayoutSettings } from '../../compose/templates.js';
import { readReferenceDoc, referenceDocFile, type ReferenceDoc } from './reference-doc.js';
import type { WordImages } from './word-images.js';
import type { WordDesign } from './word-layouts.js';

/** A brief's Word file and what Word shows differently from the HTML. */
export interface WrittenDocx {
  bytes: Uint8Array;
  warnings: string[];
}

/**
 * Writes the Word files of a run. Images (and PNGs of SVGs) and the project's
 * reference document are read once for all briefs of the run.
 */
export class DocxWriter {
  private images?: WordImages;
  private referenceDoc?: Promise<ReferenceDoc | undefined>;

  /** `layers` is where a project's `templates/reference.docx` is looked for. */
  constructor(private readonly options: { layers: FileLayers; root: string }) {}

  /** A brief's Word file, from the model its HTML was made from (the theme's settings included). */
  async write(options: { model: BriefModel; layout: LayoutSettings }): Promise<WrittenDocx> {
    const { model } = options;
    // The docx package and the Word parts load with the first Word file, not with every build.
    const [{ BriefFragments }, { brandFromTheme }, { wordDocument }, { WordImages }] = await Promise.all([
      import('./brief-fragments.js'),
      import('./word-brand.js'),
      import('./word-document.js'),
      import('./word-images.js'),
    ]);
    const brand = brandFromTheme(model.theme);
    const fragments = new BriefFragments(model);
    const images = (this.images ??= new WordImages());
    await images.prepare([...fragments.images, ...(brand.logo ? [brand.logo.data] : [])]);
    return wordDocument({
      model,
      design: wordDesign(model.brief.template, options.layout),
      brand,
      images,
      fragments,
      referenceDoc: await this.reference(),
    });
  }

  private reference(): Promise<ReferenceDoc | undefined> {
    this.referenceDoc ??= (async () => {
      const file = referenceDocFile(this.options.layers);
      return file ? readReferenceDoc(file, path.relative(this.options.root, file).split(path.sep).join('/')) : undefined;
    })();
    return this.referenceDoc;
  }
}

/**
 * The Word design of a layout: a built-in layout's own, and for a project's
 * layout the one its settings are nearest to (no sections: the bibliography; a
 * table of contents: the report; one page: the handout; else the brief).
 */
export function wordDesign(template: string, layout: LayoutSettings): WordDesign {
  if (template === 'brief' || template === 'handout' || template === 'report' || template === 'annotated-bibliography') return template;
  if (!layout.sections) return 'annotated-bibliography';
  if (layout.toc) return 'report';
  if (layout.pages === 1) return 'handout';
  return 'brief';
}
