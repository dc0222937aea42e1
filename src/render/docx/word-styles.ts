import { AlignmentType, BorderStyle, LevelFormat, LineRuleType, ShadingType, type INumberingOptions, type IParagraphStyleOptions, type IStylesOptions } from 'docx';
import type { WordBrand } from './word-brand.js';

/** The paragraph and character styles a brief uses, by id (Word's own ids where Word has the style). */
export const STYLE = {
  title: 'Title',
  subtitle: 'Subtitle',
  kicker: 'Kicker',
  meta: 'BriefMeta',
  heading: (level: number) => `Heading${Math.min(6, Math.max(1, level))}`,
  normal: 'Normal',
  quote: 'Quote',
  caption: 'Caption',
  list: 'ListParagraph',
  takeawaysHeading: 'TakeawaysHeading',
  takeaway: 'Takeaway',
  bibliography: 'Bibliography',
  annotation: 'Annotation',
  tocHeading: 'TOCHeading',
  tableText: 'TableText',
  footnoteText: 'FootnoteText',
  header: 'Header',
  footer: 'Footer',
  hyperlink: 'Hyperlink',
  code: 'SourceCode',
} as const;

/** The list definitions of a brief: bullets and numbers, nine levels each. */
export const LISTS = { bullets: 'briefwright-bullets', numbers: 'briefwright-numbers', takeaways: 'briefwright-takeaways' } as const;

/** The takeaways box's indent: its heading and items share it, so Word draws one box with one bar. */
const BOX_INDENT = { left: 560, hanging: 290, right: 200 };

const pt = (points: number) => Math.round(points * 2);
const BULLETS = ['•', '◦', '▪'];
const NUMBER_FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];

/**
 * Word styles from a brand: the body font and size for Normal, the heading font
 * and primary colour for the title and headings, the callout colour for the
 * takeaways box. Links are underlined as well as coloured, so colour is never
 * the only sign of one. `lang` goes on the document defaults, so every run
 * carries the brief's language.
 */
export function wordStyles(brand: WordBrand, options: { lang: string; compact: boolean }): IStylesOptions {
  const { palette, fonts } = brand;
  const body = options.compact ? 9.5 : 10.5;
  const sans = { font: fonts.heading };
  const box = {
    shading: { type: ShadingType.CLEAR, fill: palette.callout, color: 'auto' },
    border: {
      left: { style: BorderStyle.SINGLE, size: 24, color: palette.accent, space: 8 },
      top: { style: BorderStyle.NONE, size: 0, color: 'auto', space: 4 },
      bottom: { style: BorderStyle.NONE, size: 0, color: 'auto', space: 4 },
    },
    indent: BOX_INDENT,
  };
  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: STYLE.normal,
      name: 'Normal',
      quickFormat: true,
      run: { font: fonts.body, size: pt(body), color: palette.text },
      paragraph: { spacing: { after: options.compact ? 80 : 140, line: options.compact ? 252 : 288, lineRule: LineRuleType.AUTO } },
    },
    {
      id: STYLE.title,
      name: 'Title',
      basedOn: STYLE.normal,
      next: STYLE.subtitle,
      quickFormat: true,
      run: { ...sans, size: pt(options.compact ? 22 : 26), bold: true, color: palette.primary },
      paragraph: { spacing: { before: 60, after: 80, line: 240, lineRule: LineRuleType.AUTO }, keepNext: true },
    },
    {
      id: STYLE.subtitle,
      name: 'Subtitle',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      quickFormat: true,
      run: { ...sans, size: pt(options.compact ? 12 : 13.5), color: palette.muted },
      paragraph: { spacing: { after: 160, line: 264, lineRule: LineRuleType.AUTO }, keepNext: true },
    },
    {
      id: STYLE.kicker,
      name: 'Kicker',
      basedOn: STYLE.normal,
      next: STYLE.title,
      quickFormat: true,
      run: { ...sans, size: pt(8.5), bold: true, allCaps: true, characterSpacing: 20, color: palette.label },
      paragraph: { spacing: { after: 40 }, keepNext: true },
    },
    {
      id: STYLE.meta,
      name: 'Brief Meta',
      basedOn: STYLE.normal,
      quickFormat: true,
      run: { ...sans, size: pt(9), color: palette.muted },
      paragraph: { spacing: { after: 20, line: 252, lineRule: LineRuleType.AUTO } },
    },
    ...[1, 2, 3, 4, 5, 6].map((level): IParagraphStyleOptions => ({
      id: STYLE.heading(level),
      name: `heading ${level}`,
      basedOn: STYLE.normal,
      next: STYLE.normal,
      quickFormat: true,
      run: {
        ...sans,
        bold: true,
        size: pt([options.compact ? 12 : 15, options.compact ? 10.5 : 12.5, 11, 10.5, 10, 10][level - 1]!),
        color: level === 1 ? palette.primary : level <= 3 ? palette.text : palette.muted,
      },
      paragraph: {
        keepNext: true,
        keepLines: true,
        outlineLevel: level - 1,
        spacing: { before: [options.compact ? 200 : 360, options.compact ? 140 : 240, 200, 160, 120, 120][level - 1]!, after: level === 1 ? 120 : 60, line: 240, lineRule: LineRuleType.AUTO },
        ...(level === 1 ? { border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: palette.rule, space: 2 } } } : {}),
      },
    })),
    {
      id: STYLE.quote,
      name: 'Quote',
      basedOn: STYLE.normal,
      quickFormat: true,
      run: { italics: true, color: palette.muted },
      paragraph: { indent: { left: 480, right: 480 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: palette.rule, space: 10 } } },
    },
    {
      id: STYLE.caption,
      name: 'caption',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      quickFormat: true,
      run: { ...sans, size: pt(8.5), color: palette.muted },
      paragraph: { spacing: { before: 60, after: 200 } },
    },
    { id: STYLE.list, name: 'List Paragraph', basedOn: STYLE.normal, quickFormat: true, paragraph: { spacing: { after: 60 }, contextualSpacing: true } },
    {
      id: STYLE.takeawaysHeading,
      name: 'Takeaways Heading',
      basedOn: STYLE.heading(1),
      next: STYLE.takeaway,
      quickFormat: true,
      run: { size: pt(options.compact ? 9.5 : 10.5), allCaps: true, characterSpacing: 10, color: palette.label },
      paragraph: { ...box, spacing: { before: options.compact ? 120 : 240, after: 80 }, border: { ...box.border, bottom: box.border.bottom } },
    },
    {
      id: STYLE.takeaway,
      name: 'Takeaway',
      basedOn: STYLE.list,
      quickFormat: true,
      run: { ...sans, size: pt(options.compact ? 9 : 10) },
      paragraph: { ...box, spacing: { after: 80, line: 264, lineRule: LineRuleType.AUTO }, contextualSpacing: false },
    },
    {
      id: STYLE.bibliography,
      name: 'Bibliography',
      basedOn: STYLE.normal,
      quickFormat: true,
      run: { size: pt(options.compact ? 7.5 : 9.5) },
      paragraph: { spacing: { after: options.compact ? 40 : 100, line: options.compact ? 228 : 264, lineRule: LineRuleType.AUTO }, indent: { left: 0 } },
    },
    {
      id: STYLE.annotation,
      name: 'Annotation',
      basedOn: STYLE.normal,
      quickFormat: true,
      run: { ...sans, size: pt(9), color: palette.muted },
      paragraph: { indent: { left: 480 }, spacing: { before: 0, after: 200 } },
    },
    {
      id: STYLE.tocHeading,
      name: 'TOC Heading',
      basedOn: STYLE.heading(1),
      next: STYLE.normal,
      // Not a heading of the document: the contents list does not list itself.
      paragraph: { outlineLevel: 9 },
    },
    { id: STYLE.tableText, name: 'Table Text', basedOn: STYLE.normal, quickFormat: true, run: { ...sans, size: pt(9) }, paragraph: { spacing: { before: 40, after: 40, line: 240, lineRule: LineRuleType.AUTO } } },
    { id: STYLE.footnoteText, name: 'footnote text', basedOn: STYLE.normal, run: { size: pt(8.5) }, paragraph: { spacing: { after: 40, line: 240, lineRule: LineRuleType.AUTO } } },
    { id: STYLE.header, name: 'header', basedOn: STYLE.normal, run: { ...sans, size: pt(8), color: palette.muted }, paragraph: { spacing: { after: 0 } } },
    { id: STYLE.footer, name: 'footer', basedOn: STYLE.normal, run: { ...sans, size: pt(8), color: palette.muted }, paragraph: { spacing: { after: 0 } } },
    { id: STYLE.code, name: 'Source Code', basedOn: STYLE.normal, run: { font: 'Consolas', size: pt(9) }, paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
    { id: 'TOC1', name: 'toc 1', basedOn: STYLE.normal, next: STYLE.normal, run: { ...sans, bold: true }, paragraph: { spacing: { before: 120, after: 40 } } },
    { id: 'TOC2', name: 'toc 2', basedOn: STYLE.normal, next: STYLE.normal, run: { ...sans }, paragraph: { indent: { left: 240 }, spacing: { after: 40 } } },
  ];
  return {
    default: {
      document: { run: { font: fonts.body, size: pt(body), color: palette.text, language: { value: options.lang } } },
    },
    paragraphStyles,
    characterStyles: [
      { id: STYLE.hyperlink, name: 'Hyperlink', basedOn: 'DefaultParagraphFont', run: { color: palette.link, underline: { type: 'single' } } },
    ],
  };
}

/** Bulleted and numbered lists, nine levels deep, indented a quarter inch a level; the takeaways' bullets, at the box's indent. */
export function wordNumbering(): INumberingOptions {
  const indent = (level: number) => ({ indent: { left: 360 * (level + 1), hanging: 270 } });
  return {
    config: [
      {
        reference: LISTS.bullets,
        levels: Array.from({ length: 9 }, (_, level) => ({
          level,
          format: LevelFormat.BULLET,
          text: BULLETS[level % BULLETS.length]!,
          alignment: AlignmentType.LEFT,
          style: { paragraph: indent(level) },
        })),
      },
      {
        // Numbering's indent overrides the paragraph style's, so the box's own indent is repeated here.
        reference: LISTS.takeaways,
        levels: [{ level: 0, format: LevelFormat.BULLET, text: BULLETS[0]!, alignment: AlignmentType.LEFT, style: { paragraph: { indent: BOX_INDENT } } }],
      },
      {
        reference: LISTS.numbers,
        levels: Array.from({ length: 9 }, (_, level) => ({
          level,
          format: NUMBER_FORMATS[level % NUMBER_FORMATS.length]!,
          text: `%${level + 1}.`,
          alignment: AlignmentType.LEFT,
          style: { paragraph: indent(level) },
        })),
      },
    ],
  };
}
