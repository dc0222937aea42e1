/**
 * A brief split for printing in a page that keeps its fonts loaded.
 *
 * Every brief embeds its fonts as data: URIs (about 170 KB), so printing each
 * one afresh means sending them to the browser and decoding them again. A page
 * that holds the same @font-face rules in a document of its own needs neither:
 * it swaps in the rest of the brief and prints. The PDF is the same, byte for
 * byte (the tests compare the two).
 */
export interface FontShell {
  /** The @font-face rules, in their order: the page's lasting document. */
  fonts: string;
  /** The brief without them. */
  rest: string;
}

/**
 * Splits out a brief's top-level @font-face rules. Returns undefined when the
 * brief is not a plain standards-mode document whose other styles fetch
 * nothing (a swapped-in document only waits for its images), so it is printed
 * the ordinary way.
 */
export function splitFonts(html: string): FontShell | undefined {
  if (!/^\s*<!doctype html>/i.test(html)) return undefined;
  const cuts: [number, number][] = [];
  const fonts: string[] = [];
  for (const style of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) {
    const css = style[1]!;
    const offset = style.index + style[0].indexOf('>') + 1;
    const rules = fontFaceRules(css);
    if (!rules) return undefined;
    let other = '';
    let kept = 0;
    for (const [from, to] of rules) {
      fonts.push(css.slice(from, to));
      cuts.push([offset + from, offset + to]);
      other += css.slice(kept, from);
      kept = to;
    }
    if (/url\(/i.test(other + css.slice(kept))) return undefined;
  }
  if (fonts.length === 0) return undefined;
  let rest = '';
  let kept = 0;
  for (const [from, to] of cuts) {
    rest += html.slice(kept, from);
    kept = to;
  }
  return { fonts: fonts.join('\n'), rest: rest + html.slice(kept) };
}

/** The page's lasting document: the fonts alone. */
export function shellDocument(fonts: string): string {
  return `<!DOCTYPE html><html><head><style id="${SHELL_STYLE_ID}">${fonts}</style></head><body></body></html>`;
}

export const SHELL_STYLE_ID = 'briefwright-fonts';

/**
 * Runs in the page: replaces everything but the fonts with the brief, and
 * waits until its images are decoded (what the load event waits for otherwise).
 */
export function swapDocument(html: string, fontsId: string): Promise<unknown> {
  const next = new DOMParser().parseFromString(html, 'text/html');
  const root = document.documentElement;
  for (const attribute of Array.from(root.attributes)) root.removeAttribute(attribute.name);
  for (const attribute of Array.from(next.documentElement.attributes)) root.setAttribute(attribute.name, attribute.value);
  document.head.replaceChildren(document.getElementById(fontsId)!, ...Array.from(next.head.childNodes).map((node) => document.adoptNode(node)));
  document.body.replaceWith(document.adoptNode(next.body));
  return Promise.all(Array.from(document.images).map((image) => image.decode().catch(() => undefined)));
}

/**
 * The [start, end) of each @font-face rule at the top level of a stylesheet;
 * undefined if one sits inside another block (such as @media), where moving it
 * would change when it applies.
 */
function fontFaceRules(css: string): [number, number][] | undefined {
  const rules: [number, number][] = [];
  let depth = 0;
  let ruleStart = -1;
  for (let at = 0; at < css.length; at += 1) {
    const char = css[at]!;
    if (char === '/' && css[at + 1] === '*') {
      const end = css.indexOf('*/', at + 2);
      at = end === -1 ? css.length : end + 1;
    } else if (char === '"' || char === "'") {
      // Skipped with a regular expression: the strings here are fonts' data: URIs.
      const string = char === '"' ? DOUBLE_QUOTED : SINGLE_QUOTED;
      string.lastIndex = at;
      at = string.test(css) ? string.lastIndex - 1 : css.length;
    } else if (char === '@' && /^@font-face\b/i.test(css.slice(at, at + 11))) {
      if (depth > 0) return undefined;
      ruleStart = at;
    } else if (char === '{') {
      depth += 1;
    } else if (char === '}') {
      depth -= 1;
      if (depth === 0 && ruleStart !== -1) {
        rules.push([ruleStart, at + 1]);
        ruleStart = -1;
      }
    }
  }
  return rules;
}

const DOUBLE_QUOTED = /"[^"\\]*(?:\\[\s\S][^"\\]*)*"/y;
const SINGLE_QUOTED = /'[^'\\]*(?:\\[\s\S][^'\\]*)*'/y;
