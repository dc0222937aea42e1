import { Document, Footer, Header, Packer, PageNumber, Paragraph, TabStopType, TextRun } from 'docx';
import type { BriefModel } from '../../compose/brief-model.js';
import { BriefFragments } from './brief-fragments.js';
import { normalizePackage } from './package-docx.js';
import { withLanguage, type ReferenceDoc } from './reference-doc.js';
import type { WordBrand } from './word-brand.js';
import type { WordImages } from './word-images.js';
import { briefBody, WORD_LABELS, type WordDesign } from './word-layouts.js';
import { WordParts } from './word-parts.js';
import { STYLE, wordNumbering, wordStyles } from './word-styles.js';

/** Page sizes in twips (1/1440 inch). */
const PAPER = { letter: { width: 12240, height: 15840 }, a4: { width: 11906, height: 16838 } };

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
  const margin = compact ? 864 : 1440;
  const textTwips = paper.width - 2 * margin;
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
    numbering: wordNumbering(),
    footnotes: parts.footnotes,
    features: { updateFields: design === 'report' },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: paper, margin: { top: margin, bottom: margin, left: margin, right: margin, header: compact ? 432 : 720, footer: compact ? 432 : 720 } },
        },
        headers: {
          default: new Header({ children: [new Paragraph({ style: STYLE.header, children: [new TextRun(brief.title)] })] }),
          first: new Header({ children: [new Paragraph({ style: STYLE.header, children: [] })] }),
        },
        footers: { default: footer(model, textTwips), first: footer(model, textTwips) },
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
      description: brief.audience ? `${WORD_LABELS.preparedFor} ${brief.audience}` : '',
      language: lang,
      date: brief.date,
    },
    referenceDoc?.theme ? { 'word/theme/theme1.xml': referenceDoc.theme } : {},
  );
  return { bytes, warnings: parts.warnings };
}

function footer(model: BriefModel, textTwips: number): Footer {
  const line = [model.theme.organization, model.theme.footer].filter(Boolean).join(' · ');
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        tabStops: [{ type: TabStopType.RIGHT, position: textTwips }],
        children: [new TextRun(line), new TextRun({ children: ['\t', `${WORD_LABELS.page} `, PageNumber.CURRENT] })],
      }),
    ],
  });
}

/**
 * The language tag Word gets: the citation locale when it is a region of the
 * brief's language (en-US for a brief in `en`), since Word's proofing tools are
 * chosen by region; the brief's language otherwise.
 */
export function wordLanguage(lang: string, locale: string): string {
  return locale.toLowerCase().split('-')[0] === lang.toLowerCase().split('-')[0] && locale.includes('-') && !lang.includes('-') ? locale : lang;
}
