import type { ElementContent } from 'hast';
import { BorderStyle, ImageRun, Paragraph, ShadingType, TableOfContents, TextRun, type ParagraphChild } from 'docx';
import type { BriefModel } from '../../compose/brief-model.js';
import { formatDate } from '../../compose/template-helpers.js';
import { BriefFragments } from './brief-fragments.js';
import { parseFragment, type Block } from './html-blocks.js';
import { inlineRuns } from './html-runs.js';
import type { WordParts } from './word-parts.js';
import { LISTS, STYLE } from './word-styles.js';

/** The Word designs, one for each built-in layout; any other layout takes the nearest. */
export type WordDesign = 'brief' | 'handout' | 'report' | 'annotated-bibliography';

/** The fixed words of a design, from the brief's labels (the ones its HTML layout prints). */
function designLabels(label: BriefModel['labelText'], design: WordDesign) {
  const kicker = { brief: 'policyBrief', handout: 'factSheet', report: 'report', 'annotated-bibliography': 'annotatedBibliography' }[design];
  return {
    kicker: label(kicker),
    takeaways: label(design === 'handout' ? 'keyPoints' : 'keyTakeaways'),
    references: label(design === 'handout' ? 'sources' : design === 'annotated-bibliography' ? 'annotatedReferences' : 'references'),
  };
}

/** The document body of a brief in a design: title block, takeaways, contents, sections by kind, references. */
export function briefBody(model: BriefModel, design: WordDesign, parts: WordParts, fragments: BriefFragments): (Block | TableOfContents)[] {
  const words = designLabels(model.labelText, design);
  const body: (Block | TableOfContents)[] = [...titleBlock(model, design, words.kicker, parts)];
  if (design === 'annotated-bibliography') return [...body, ...annotatedReferences(model, words.references, parts)];
  if (design !== 'report') body.push(...takeaways(model, words.takeaways));
  if (model.toc) {
    body.push(
      new Paragraph({ style: STYLE.tocHeading, pageBreakBefore: design === 'report', children: [new TextRun(model.labelText('contents'))] }),
      new TableOfContents(model.labelText('contents'), { hyperlink: true, headingStyleRange: '1-2' }),
    );
  }
  model.groups.forEach((group, index) => {
    body.push(
      new Paragraph({
        style: STYLE.heading(1),
        pageBreakBefore: design === 'report' && index === 0,
        children: parts.bookmark(`kind-${group.kind}`, [new TextRun(group.heading)]),
      }),
    );
    for (const section of group.sections) {
      body.push(new Paragraph({ style: STYLE.heading(2), children: parts.bookmark(`section-${section.id}`, [new TextRun(section.title)]) }));
      body.push(...fragments.blocks(section.id, parts));
    }
  });
  body.push(...references(model, words.references, parts, fragments));
  return body;
}

function titleBlock(model: BriefModel, design: WordDesign, designKicker: string, parts: WordParts): Paragraph[] {
  const { brief, theme } = model;
  const label = (name: string) => model.labelText(name);
  const blocks: Paragraph[] = [];
  const logo = logoRun(parts);
  if (logo) {
    blocks.push(new Paragraph({ style: STYLE.meta, spacing: { after: 60 }, children: [logo] }));
    if (theme.organization) {
      blocks.push(
        new Paragraph({
          style: STYLE.meta,
          spacing: { after: 200 },
          children: [
            new TextRun({ text: theme.organization, bold: true, color: parts.brand.palette.primary, size: 22 }),
            ...(theme.footer ? [new TextRun({ text: theme.footer, break: 1 })] : []),
          ],
        }),
      );
    }
  }
  const kicker = design === 'handout' && !logo && theme.organization ? theme.organization : designKicker;
  const kickerOrganization = !logo && theme.organization && design !== 'handout' && design !== 'report' ? ` · ${theme.organization}` : '';
  if (design === 'report') {
    blocks.push(...coverBand(model, kicker, parts));
  } else {
    blocks.push(new Paragraph({ style: STYLE.kicker, children: [new TextRun(kicker + kickerOrganization)] }));
    blocks.push(new Paragraph({ style: STYLE.title, children: [new TextRun(brief.title)] }));
    if (brief.subtitle) blocks.push(new Paragraph({ style: STYLE.subtitle, children: [new TextRun(brief.subtitle)] }));
  }
  const meta: [string, string][] = [];
  if (brief.audience) meta.push([label(design === 'handout' ? 'for' : 'preparedFor'), brief.audience]);
  meta.push([label('date'), formatDate(brief.date, brief.lang)]);
  if (design !== 'handout' && design !== 'annotated-bibliography') {
    if (brief.populationLabels.length > 0) meta.push([label('students'), brief.populationLabels.join(', ')]);
    if (brief.topicLabels.length > 0) meta.push([label('topics'), brief.topicLabels.join(', ')]);
  }
  meta.forEach(([label, value], index) => {
    const last = index === meta.length - 1;
    blocks.push(
      new Paragraph({
        style: STYLE.meta,
        ...(last && design !== 'report' ? { border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: parts.brand.palette.primary, space: 8 } }, spacing: { after: 240 } } : {}),
        children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
      }),
    );
  });
  return blocks;
}

/**
 * The report cover's band: kicker, title and subtitle on the brand's primary
 * colour, a third of the way down the page, in the theme's colour for text on
 * it (checked for contrast with the rest of the palette).
 */
function coverBand(model: BriefModel, kicker: string, parts: WordParts): Paragraph[] {
  const { primary } = parts.brand.palette;
  const edge = { style: BorderStyle.SINGLE, size: 4, color: primary, space: 12 };
  const band = {
    shading: { type: ShadingType.CLEAR, fill: primary, color: 'auto' },
    border: { top: edge, bottom: edge, left: edge, right: edge },
    indent: { left: 240, right: 240 },
  };
  const onBand = { color: parts.brand.palette.onPrimary };
  return [
    new Paragraph({ style: STYLE.kicker, ...band, spacing: { before: 2400, after: 120 }, children: [new TextRun({ text: kicker, ...onBand })] }),
    new Paragraph({ style: STYLE.title, ...band, children: [new TextRun({ text: model.brief.title, ...onBand })] }),
    ...(model.brief.subtitle ? [new Paragraph({ style: STYLE.subtitle, ...band, children: [new TextRun({ text: model.brief.subtitle, ...onBand })] })] : []),
    new Paragraph({ style: STYLE.meta, spacing: { after: 360 }, children: [] }),
  ];
}

function logoRun(parts: WordParts): ParagraphChild | undefined {
  const logo = parts.brand.logo;
  if (!logo) return undefined;
  const image = parts.images.get(logo.data);
  if ('problem' in image) {
    parts.warn(`the theme's logo is left out of the Word file: ${image.problem}`);
    return undefined;
  }
  // As tall as the HTML shows it (about half an inch).
  const height = 48;
  const width = Math.round((image.width / image.height) * height);
  const id = parts.nextDrawing();
  const altText = { id: String(id), name: 'Logo', description: logo.alt };
  const transformation = { width, height };
  return image.type === 'svg'
    ? new ImageRun({ type: 'svg', data: image.data, fallback: { type: 'png', data: image.fallback }, transformation, altText })
    : new ImageRun({ type: image.type, data: image.data, transformation, altText });
}

function takeaways(model: BriefModel, heading: string): Paragraph[] {
  if (model.takeaways.length === 0) return [];
  return [
    new Paragraph({ style: STYLE.takeawaysHeading, children: [new TextRun(heading)] }),
    ...model.takeaways.map(
      (takeaway) => new Paragraph({ style: STYLE.takeaway, numbering: { reference: LISTS.takeaways, level: 0 }, children: [new TextRun(takeaway.text)] }),
    ),
  ];
}

function references(model: BriefModel, heading: string, parts: WordParts, fragments: BriefFragments): Paragraph[] {
  if (model.references.length === 0) return [];
  return [
    new Paragraph({ style: STYLE.heading(1), children: parts.bookmark('references', [new TextRun(heading)]) }),
    ...model.references.map((reference) => entry(reference, model.hangingIndent, parts, fragments)),
  ];
}

function annotatedReferences(model: BriefModel, heading: string, parts: WordParts): Paragraph[] {
  const fragments = new BriefFragments({ ...model, sections: [] });
  // The annotated-bibliography template's own sentence.
  const intro = model.references.length > 0 ? model.labelText('bibliographyIntro', { count: model.references.length }) : model.labelText('bibliographyEmpty');
  const blocks = [new Paragraph({ style: STYLE.normal, children: [new TextRun(intro)] })];
  if (model.references.length === 0) return blocks;
  blocks.push(new Paragraph({ style: STYLE.heading(1), children: parts.bookmark('references', [new TextRun(heading)]) }));
  for (const reference of model.references) {
    blocks.push(entry(reference, model.hangingIndent, parts, fragments, reference.annotation !== undefined));
    if (reference.annotation) blocks.push(new Paragraph({ style: STYLE.annotation, children: [new TextRun(reference.annotation)] }));
  }
  return blocks;
}

/** One entry of the reference list, bookmarked so citations link to it; DOIs and URLs stay live links. */
function entry(reference: BriefModel['references'][number], hanging: boolean, parts: WordParts, fragments: BriefFragments, keepNext = false): Paragraph {
  const tree = parseFragment(reference.html);
  const runs = inlineRuns(
    tree.children.filter((node): node is ElementContent => node.type === 'element' || node.type === 'text'),
    fragments.context(parts),
  );
  return new Paragraph({
    style: STYLE.bibliography,
    keepNext,
    ...(hanging ? { indent: { left: 480, hanging: 480 } } : {}),
    children: parts.bookmark(reference.anchor, runs),
  });
}
