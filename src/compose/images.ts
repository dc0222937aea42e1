import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import { visit } from 'unist-util-visit';
import { BriefwrightError, type SourceLocation } from '../errors.js';

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** The title that marks a Markdown image as decorative: `![](rule.svg "decorative")`. */
export const DECORATIVE = 'decorative';

/**
 * Embeds every image of a section as a data URI, so a brief stands alone and
 * printing never fetches anything. An image must be a file inside the project,
 * next to (or below) the section; a remote URL is refused, never fetched. An
 * image needs alt text unless it is marked decorative. Returns the problems, one
 * per image with where it was written, and the image files embedded.
 */
export function embedImages(
  tree: HastRoot,
  options: { root: string; file: string; firstLine: number },
): { problems: BriefwrightError[]; files: string[] } {
  const problems: BriefwrightError[] = [];
  const files: string[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'img') return;
    const location: SourceLocation = {
      file: options.file,
      line: node.position ? node.position.start.line + options.firstLine - 1 : undefined,
      column: node.position?.start.column,
    };
    const { src, alt, title } = node.properties;
    if (title === DECORATIVE) {
      node.properties.alt = '';
      delete node.properties.title;
    } else if (alt === undefined || alt === null) {
      // Markdown images always carry alt (checked where they are parsed); an HTML
      // <img> without the attribute has none. alt="" is HTML's own "decorative".
      problems.push(new BriefwrightError(missingAlt(String(src ?? '')), { location }));
    }
    const url = String(src ?? '');
    if (url.startsWith('data:')) return;
    delete node.properties.src;
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
      problems.push(new BriefwrightError(`image '${url}' is not a project file; briefs never load from the network, so save it beside the section`, { location }));
      return;
    }
    const file = path.resolve(options.root, path.dirname(options.file), decodeURI(url));
    const relative = path.relative(options.root, file);
    const type = IMAGE_TYPES[path.extname(file).toLowerCase()];
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      problems.push(new BriefwrightError(`image '${url}' is outside the project folder`, { location }));
    } else if (!type) {
      problems.push(new BriefwrightError(`image '${url}' is not a PNG, JPEG, GIF, WebP or SVG file`, { location }));
    } else if (!existsSync(file)) {
      const tried = relative.split(path.sep).join('/');
      // Written as if relative to the project folder, the usual slip: say how to write it.
      const fromRoot = path.resolve(options.root, decodeURI(url));
      const fix = existsSync(fromRoot) ? `; it is at ${url} in the project, so write ${path.relative(path.resolve(options.root, path.dirname(options.file)), fromRoot).split(path.sep).join('/')}` : '';
      problems.push(new BriefwrightError(`image '${url}' not found: looked for ${tried} (an image path is relative to the section file)${fix}`, { location }));
    } else {
      node.properties.src = `data:${type};base64,${readFileSync(file).toString('base64')}`;
      files.push(file);
    }
  });
  return { problems, files };
}

/** The message for an image without alt text. */
export function missingAlt(url: string): string {
  return `image has no alt text; describe it (![what it shows](${url})) or mark it decorative (![](${url} "${DECORATIVE}"))`;
}

/**
 * The project files a section's images name, found without parsing its
 * Markdown (so deciding whether a brief is stale stays fast). It may name a file
 * the Markdown does not embed, never the other way round.
 */
export function referencedImages(section: { body: string; file: string }, root: string): string[] {
  const urls = [
    ...[...section.body.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)/g)].map((match) => match[1]!),
    ...[...section.body.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]!),
  ];
  return urls
    .filter((url) => !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//'))
    .map((url) => path.resolve(root, path.dirname(section.file), decodeURI(url)))
    .filter((file) => !path.relative(root, file).startsWith('..') && existsSync(file));
}
