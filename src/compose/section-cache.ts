import { readFileSync } from 'node:fs';
import { dependencyVersion, VERSION } from '../project/package-root.js';
import { CacheFolder } from '../record/cache-folder.js';
import { fullHash as digest } from '../record/content-hash.js';
import type { MarkdownSource } from './markdown.js';
import type { RenderedSection } from './section-trees.js';

/** Bumped whenever what is kept, or how it is keyed, changes. */
const CACHE_FORMAT = 1;

/** The packages a section's HTML is made with: a new version of any of them is a new key. */
const RENDERERS = ['unified', 'remark-parse', 'remark-gfm', 'remark-smartypants', 'remark-rehype', 'rehype-raw', 'rehype-sanitize', 'hast-util-to-html'];


/**
 * Sections rendered to HTML, kept between runs beside the build records
 * (`output/.records/sections/`), so that a build after an edit renders only the
 * sections that changed. A rendering is found by a hash of the section's
 * Markdown, its file and where its body starts, the rendering options and the
 * versions of briefwright and of the Markdown packages; it is used only if
 * every image it embeds still has the content it had. Renderings with problems
 * (a missing image, no alt text) are not kept, so their messages are always
 * worked out afresh.
 */
export class SectionCache {
  private readonly folder: CacheFolder;

  constructor(
    /** The folder the renderings are kept in. */
    readonly dir: string,
  ) {
    this.folder = new CacheFolder(dir);
  }

  /** The cache of an output folder: `<outputDir>/.records/sections/`. */
  static beside(outputDir: string): SectionCache {
    return new SectionCache(CacheFolder.beside(outputDir, 'sections').dir);
  }

  /** The rendering kept for a section, or undefined. */
  get(source: MarkdownSource): RenderedSection | undefined {
    const kept = this.folder.read(keyOf(source)) as { images?: [string, string][]; rendered?: RenderedSection } | undefined;
    if (!kept) return undefined;
    const { rendered, images } = kept;
    if (!rendered || typeof rendered.html !== 'string' || !Array.isArray(rendered.problems) || rendered.problems.length > 0) return undefined;
    if (!Array.isArray(images)) return undefined;
    try {
      for (const [image, hash] of images) if (digest(readFileSync(image)) !== hash) return undefined;
    } catch {
      return undefined;
    }
    return rendered;
  }

  /** Keeps a rendering without problems. A cache that cannot be written only makes later runs slower. */
  set(source: MarkdownSource, rendered: RenderedSection): void {
    if (rendered.problems.length > 0) return;
    let images: [string, string][];
    try {
      images = rendered.images.map((image) => [image, digest(readFileSync(image))]);
    } catch {
      return;
    }
    this.folder.write(keyOf(source), { images, rendered });
  }
}

function keyOf(source: MarkdownSource): string {
  const { markdown, file, firstLine, headingOffset, firstCitation, root } = source;
  return digest(JSON.stringify([CACHE_FORMAT, VERSION, rendererVersions(), root, file, firstLine, headingOffset, firstCitation, markdown])).slice(0, 40);
}

let versions: string | undefined;

function rendererVersions(): string {
  versions ??= RENDERERS.map((name) => `${name} ${dependencyVersion(name)}`).join('; ');
  return versions;
}
