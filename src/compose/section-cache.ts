import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT, VERSION } from '../project/package-root.js';
import { RECORD_DIR } from '../record/build-record.js';
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
  constructor(
    /** The folder the renderings are kept in. */
    readonly dir: string,
  ) {}

  /** The cache of an output folder: `<outputDir>/.records/sections/`. */
  static beside(outputDir: string): SectionCache {
    return new SectionCache(path.join(outputDir, RECORD_DIR, 'sections'));
  }

  /** The rendering kept for a section, or undefined. */
  get(source: MarkdownSource): RenderedSection | undefined {
    const key = keyOf(source);
    try {
      const kept = JSON.parse(readFileSync(this.file(key), 'utf8')) as { key?: unknown; images?: [string, string][]; rendered?: RenderedSection };
      const { rendered, images } = kept;
      if (kept.key !== key || !rendered || typeof rendered.html !== 'string' || !Array.isArray(rendered.problems) || rendered.problems.length > 0) return undefined;
      if (!Array.isArray(images)) return undefined;
      for (const [image, hash] of images) if (digest(readFileSync(image)) !== hash) return undefined;
      return rendered;
    } catch {
      return undefined;
    }
  }

  /** Keeps a rendering without problems. A cache that cannot be written only makes later runs slower. */
  set(source: MarkdownSource, rendered: RenderedSection): void {
    if (rendered.problems.length > 0) return;
    const key = keyOf(source);
    const file = this.file(key);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      const images = rendered.images.map((image) => [image, digest(readFileSync(image))]);
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temporary, `${JSON.stringify({ key, images, rendered })}\n`);
      renameSync(temporary, file);
    } catch {
      rmSync(temporary, { force: true });
    }
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}

function keyOf(source: MarkdownSource): string {
  const { markdown, file, firstLine, headingOffset, firstCitation, root } = source;
  return digest(JSON.stringify([CACHE_FORMAT, VERSION, rendererVersions(), root, file, firstLine, headingOffset, firstCitation, markdown])).slice(0, 40);
}

function digest(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

let versions: string | undefined;

function rendererVersions(): string {
  versions ??= RENDERERS.map((name) => {
    try {
      return `${name} ${(JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version}`;
    } catch {
      return `${name} ?`;
    }
  }).join('; ');
  return versions;
}
