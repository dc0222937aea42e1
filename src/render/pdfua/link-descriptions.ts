import { referenceAnchor } from '../../citations/citation-engines.js';
import type { PdfObjects } from '../../pdf/pdf-file.js';
import type { PdfPage } from '../../pdf/pdf-pages.js';
import type { PdfUpdate } from '../../pdf/pdf-update.js';
import { decodeName, nameOf, PdfRef, PdfString, type PdfDict } from '../../pdf/pdf-values.js';

const REFERENCE_PREFIX = referenceAnchor('');

/**
 * What each link of a brief's HTML says, keyed by its target: an element id
 * for a link within the brief, the URL otherwise. A citation says which work
 * it points to ("Reference: Lazar & Jaeger, 2011"), a link with an
 * aria-label says that, a DOI or web link gives its address. The first link
 * to a target names it; the PDF's annotations are matched to these by target.
 */
export function linkDescriptions(html: string): Map<string, string> {
  const descriptions = new Map<string, string>();
  for (const link of html.matchAll(/<a\s([^>]*)>([\s\S]*?)<\/a>/g)) {
    const attributes = link[1]!;
    const href = attribute(attributes, 'href');
    if (!href) continue;
    const text = decodeEntities(link[2]!.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
    const label = attribute(attributes, 'aria-label') ?? '';
    const key = href.startsWith('#') ? decodeFragment(href.slice(1)) : normalizeUrl(href);
    if (descriptions.has(key)) continue;
    let description: string;
    if (href.startsWith('#' + REFERENCE_PREFIX) && !label) description = `Reference: ${authorYear(text) ?? attribute(attributes, 'title') ?? text}`;
    else if (href.startsWith('#')) description = label || text || attribute(attributes, 'title') || `Go to ${key}`;
    else if (label) description = `${label} (${href})`;
    else description = !text || sameAddress(text, href) ? href.replace(/^mailto:/, '') : `${text} (${href})`;
    descriptions.set(key, description);
  }
  return descriptions;
}

/**
 * Gives every link annotation on the pages a /Contents description (PDF/UA,
 * ISO 14289-1 7.18.5), from `descriptions`, or its target when the HTML did not
 * name it. Returns how many links stay undescribed (0 unless a link has no
 * target at all).
 */
export function describeLinks(update: PdfUpdate, pages: readonly PdfPage[], descriptions: ReadonlyMap<string, string>): number {
  let undescribed = 0;
  for (const page of pages) {
    const annots = update.resolve(page.dict.get('Annots'));
    if (!Array.isArray(annots)) continue;
    for (const ref of annots) {
      const annot = update.resolve(ref);
      if (!(annot instanceof Map) || nameOf(annot.get('Subtype')) !== 'Link' || hasContents(annot)) continue;
      const target = linkTarget(update, annot);
      const description = target === undefined ? undefined : (descriptions.get(target) ?? target);
      if (!description) {
        undescribed += 1;
        continue;
      }
      const described = new Map(annot);
      described.set('Contents', PdfString.text(description));
      if (ref instanceof PdfRef) update.set(ref.num, described);
      else undescribed += 1;
    }
  }
  return undescribed;
}

/** A link annotation's target: the named destination (an element id) or the URI. */
export function linkTarget(objects: PdfObjects, annot: PdfDict): string | undefined {
  const dest = objects.resolve(annot.get('Dest'));
  if (nameOf(dest)) return decodeName(nameOf(dest)!);
  if (dest instanceof PdfString) return dest.decode();
  const action = objects.resolve(annot.get('A'));
  if (!(action instanceof Map)) return undefined;
  const uri = objects.resolve(action.get('URI'));
  if (uri instanceof PdfString) return normalizeUrl(uri.decode());
  const named = objects.resolve(action.get('D'));
  if (nameOf(named)) return decodeName(nameOf(named)!);
  return named instanceof PdfString ? named.decode() : undefined;
}

/**
 * A citation's author and year, without what belongs to that one citation:
 * "see Patrick et al., 2016, pp. 3–5" and "Patrick et al. (2016)" both give
 * "Patrick et al., 2016", since every link to the work gets the same words.
 * Undefined when the text names no year (a numeric style's "3").
 */
function authorYear(text: string): string | undefined {
  let cited = text.replace(/\s*\(([^()]*)\)$/, ', $1').replace(/^\(|\)$/g, '');
  cited = cited.replace(/^(?:[a-z][\w.,]*\s+)+(?=\p{Lu})/u, '');
  const year = /\b(?:\d{4}[a-z]?|n\.d\.(?:-[a-z])?|in press)/i.exec(cited);
  return year ? cited.slice(0, year.index + year[0].length) : undefined;
}

function hasContents(annot: PdfDict): boolean {
  const contents = annot.get('Contents');
  return contents instanceof PdfString && contents.bytes.length > 0;
}

function attribute(attributes: string, name: string): string | undefined {
  const found = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return found ? decodeEntities(found[1] ?? found[2] ?? '') : undefined;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

function normalizeUrl(href: string): string {
  try {
    return new URL(href).href;
  } catch {
    return href;
  }
}

function sameAddress(text: string, href: string): boolean {
  const bare = (value: string) => value.replace(/^(https?:\/\/|mailto:)/, '').replace(/\/$/, '').toLowerCase();
  try {
    return bare(text) === bare(href) || bare(text) === bare(decodeURI(href));
  } catch {
    return bare(text) === bare(href);
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') return String.fromCodePoint(body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1)));
    return NAMED[body.toLowerCase()] ?? entity;
  });
}
