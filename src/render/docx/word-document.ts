import { Document, Footer, Header, Packer, PageNumber, Paragraph, TabStopType, TextRun } from 'docx';
import type { BriefModel } from '../../compose/brief-model.js';
import { BriefFragments } from './brief-fragments.js';
import { normalizePackage } from './package-docx.js';
import { withLanguage, type ReferenceDoc } from './reference-doc.js';
import type { WordBrand } from './word-brand.js';
import type { WordImages } from './word-images.js';
import { briefBody, type WordDesign } from './word-layouts.js';
import { WordParts } from './word-parts.js';
import { STYLE, wordNumbering, wordStyles } from './word-styles.js';

/** Page sizes in twips (1/1440 inch). */
const PAPER = { letter: { width: 12240, height: 15840 }, a4: { width: 11906, height: 16838 } };
/** Twips in one of each CSS length unit a theme's margins may use. */
const TWIPS: Record<string, number> = { in: 1440, cm: 1440 / 2.54, mm: 144 / 2.54, pt: 20, px: 15 };

/** What one brief's Word file is made from. */
export interface WordDocumentOptions {
  model: BriefModel;
  design: WordDesign;
  brand: WordBrand;
  /** Images of the run, with this brief's already prepared (see `BriefFragments.images`). */
  images: WordImages;
  fragments: BriefFragments;
  referenceDoc?: ReferenceDoc;
}

/**
 * A brief as a Word file: the design's body in Word styles (the brand's, or a
 * reference document's), the running title in the page header after the first
 * page, the organization and page number in the footer, the brief's language
 * and its title, subject, keywords and author in the properties.
 */
export async function wordDocument(options: WordDocumentOptions): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  const { model, design, brand, referenceDoc } = options;
  const { brief } = model;
  const compact = design === 'handout';
  const paper = model.page.size === 'A4' ? PAPER.a4 : PAPER.letter;
  const margin = pageMargins(model, compact ? 864 : 1440);
  const textTwips = paper.width - margin.left - margin.right;
  const parts = new WordParts(brand, options.images, options.fragments.targets, Math.round((textTwips / 1440) * 96));
  const lang = wordLanguage(brief.lang, brief.locale);
  const body = briefBody(model, design, parts, options.fragments);
  const styles = wordStyles(brand, { lang, compact });
  const document = new Document({
    ...(referenceDoc
      ? {
          externalStyles: withLanguage(referenceDoc.styles, lang),
          // The reference document's own styles win; briefwright adds only those it lacks.
          styles: {
            paragraphStyles: styles.paragraphStyles?.filter((style) => !referenceDoc.styleIds.has(style.id)),
            characterStyles: styles.characterStyles?.filter((style) => !referenceDoc.styleIds.has(style.id)),
          },
        }
      : { styles }),
    theme: wordTheme(brand),
    ...(brand.palette.background !== 'FFFFFF' ? { background: { color: brand.palette.background } } : {}),
    numbering: wordNumbering(),
    footnotes: parts.footnotes,
    features: { updateFields: design === 'report' },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: paper, margin },
        },
        headers: {
          default: new Header({ children: [new Paragraph({ style: STYLE.header, children: [new TextRun(brief.title)] })] }),
          first: new Header({ children: [new Paragraph({ style: STYLE.header, children: [] })] }),
        },
        // The first page's foot has no page number, so a brief of one page never says "Page 1 of 1".
        footers: { default: footer(model, textTwips, true), first: footer(model, textTwips, false) },
        children: body,
      },
    ],
  });
  const packed = await Packer.pack(document, 'uint8array');
  const bytes = normalizePackage(
    packed,
    {
      title: brief.title,
      subject: brief.subtitle || [...brief.topicLabels].join(', '),
      creator: brief.author || model.theme.organization || brief.organization,
      keywords: [...brief.populationLabels, ...brief.topicLabels].join(', '),
      description: brief.audience ? `${model.labelText('preparedFor')} ${brief.audience}` : '',
      language: lang,
      date: brief.date,
    },
    referenceDoc?.theme ? { 'word/theme/theme1.xml': referenceDoc.theme } : {},
  );
  return { bytes, warnings: parts.warnings };
}

function footer(model: BriefModel, textTwips: number, numbered: boolean): Footer {
  const line = [model.theme.organization, model.theme.footer].filter(Boolean).join(' · ');
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        tabStops: [{ type: TabStopType.RIGHT, position: textTwips }],
        children: [new TextRun(line), ...(numbered ? [new TextRun({ children: ['\t', ...pageOfPages(model.labels.pageOfPages ?? '')] })] : [])],
      }),
    ],
  });
}

/** "Page {page} of {pages}" with Word's page number and page count fields in its blanks. */
function pageOfPages(label: string): (string | (typeof PageNumber)[keyof typeof PageNumber])[] {
  return label
    .split(/(\{pages?\})/)
    .filter((part) => part !== '')
    .map((part) => (part === '{page}' ? PageNumber.CURRENT : part === '{pages}' ? PageNumber.TOTAL_PAGES : part));
}

/**
 * The page margins: the theme's, where it sets them, else the design's. The
 * running header and the footer sit halfway into the top and bottom margins.
 */
function pageMargins(model: BriefModel, fallback: number) {
  const sides = model.page.margins;
  const twips = (length: string | undefined) => {
    const match = length && /^(\d+(?:\.\d+)?)(in|cm|mm|pt|px)?$/.exec(length);
    return match ? Math.round(Number(match[1]) * (TWIPS[match[2] ?? 'px'] ?? 0)) : fallback;
  };
  const [top, right, bottom, left] = [sides?.top, sides?.right, sides?.bottom, sides?.left].map(twips) as [number, number, number, number];
  return { top, right, bottom, left, header: Math.round(Math.min(720, top / 2)), footer: Math.round(Math.min(720, bottom / 2)) };
}

/**
 * The brand as the document's Word theme, so Word's colour menus offer the
 * brand's colours and its "Headings" and "Body" fonts are the brand's.
 */
function wordTheme(brand: WordBrand) {
  const { palette, fonts } = brand;
  return {
    colors: {
      dark1: palette.text,
      light1: palette.background,
      dark2: palette.primary,
      light2: palette.callout,
      accent1: palette.primary,
      accent2: palette.accent,
      accent3: palette.label,
      accent4: palette.muted,
      accent5: palette.rule,
      accent6: palette.link,
      hyperlink: palette.link,
      followedHyperlink: palette.link,
    },
    fonts: { headings: fonts.heading, body: fonts.body },
  };
}

/**
 * The language tag Word gets: the citation locale when it is a region of the
 * brief's language (en-US for a brief in `en`), since Word's proofing tools are
 * chosen by region; the brief's language otherwise.
 */
export function wordLanguage(lang: string, locale: string): string {
  return locale.toLowerCase().split('-')[0] === lang.toLowerCase().split('-')[0] && locale.includes('-') && !lang.includes('-') ? locale : lang;
}
