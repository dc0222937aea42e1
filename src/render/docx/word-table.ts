import type { Element, ElementContent } from 'hast';
import { BorderStyle, Paragraph, ShadingType, Table, TableCell, TableRow, WidthType } from 'docx';
import { alignOf, type Block, type BlockContext } from './html-blocks.js';
import { STYLE } from './word-styles.js';

type Blocks = (nodes: readonly ElementContent[], context: BlockContext) => Block[];

/**
 * An HTML table as a Word table the width of the text: its header rows (thead,
 * or a first row of th cells) are marked as header rows, which Word repeats on
 * every page and screen readers announce; its caption goes above it in the
 * Caption style.
 */
export function wordTable(table: Element, context: BlockContext, blocks: Blocks): Block[] {
  const { palette } = context.parts.brand;
  const rows: { row: Element; header: boolean }[] = [];
  const caption = table.children.find((child): child is Element => child.type === 'element' && child.tagName === 'caption');
  for (const child of table.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'tr') rows.push({ row: child, header: false });
    for (const row of child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot' ? child.children : []) {
      if (row.type === 'element' && row.tagName === 'tr') rows.push({ row, header: child.tagName === 'thead' });
    }
  }
  const first = rows[0];
  if (first && !rows.some((row) => row.header) && cells(first.row).every((cell) => cell.tagName === 'th')) first.header = true;
  const rule = { style: BorderStyle.SINGLE, size: 4, color: palette.rule };
  const wordRows = rows.map(({ row, header }) =>
    new TableRow({
      // Left out of other rows: some readers take any w:tblHeader, even w:val="off", for a header.
      tableHeader: header || undefined,
      cantSplit: true,
      children: cells(row).map((cell) => {
        const inCell: BlockContext = {
          ...context,
          style: STYLE.tableText,
          indent: undefined,
          keepNext: undefined,
          spacing: undefined,
          lead: undefined,
          align: alignOf(cell),
          bold: header || cell.tagName === 'th',
        };
        const content = blocks(cell.children, inCell);
        return new TableCell({
          columnSpan: span(cell.properties.colSpan),
          rowSpan: span(cell.properties.rowSpan),
          shading: header ? { type: ShadingType.CLEAR, fill: palette.callout, color: 'auto' } : undefined,
          // Word wants a paragraph in every cell.
          children: content.length > 0 ? content : [new Paragraph({ style: STYLE.tableText, children: [] })],
        });
      }),
    }),
  );
  const result: Block[] = [];
  // The caption carries the table's id, so cross-references to the table land on it.
  const id = table.properties.id ?? caption?.properties.id;
  // Above its table, the caption sits close to it.
  const above: BlockContext = { ...context, style: STYLE.caption, keepNext: true, spacing: { before: 160, after: 80 } };
  if (caption) result.push(...blocks([{ ...caption, tagName: 'p', properties: { ...caption.properties, id } }], above));
  if (wordRows.length > 0) {
    result.push(
      new Table({
        rows: wordRows,
        width: { size: 100, type: WidthType.PERCENTAGE },
        borders: { top: rule, bottom: rule, left: rule, right: rule, insideHorizontal: rule, insideVertical: rule },
        margins: { left: 80, right: 80 },
      }),
    );
  }
  return result;
}

function span(value: unknown): number | undefined {
  const number = Number(value ?? 1);
  return Number.isInteger(number) && number > 1 ? number : undefined;
}

function cells(row: Element): Element[] {
  return row.children.filter((cell): cell is Element => cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th'));
}
