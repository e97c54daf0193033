import {
  AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import type { Block, BriefingContent } from './briefing.content';

/** 仿宋 for the body and 黑体 for headings, as official documents (公文) use; Word substitutes what it lacks. */
const BODY_FONT = { ascii: 'FangSong', eastAsia: '仿宋', hAnsi: 'FangSong' };
const HEADING_FONT = { ascii: 'SimHei', eastAsia: '黑体', hAnsi: 'SimHei' };
/** Printable width of an A4 page in twentieths of a point, with 2.5 cm margins. */
const PAGE_WIDTH_DXA = 9026;
/** Image width in pixels at 96 dpi: 16 cm. */
const IMAGE_WIDTH_PX = 605;

const run = (text: string, options: { bold?: boolean; size?: number; heading?: boolean } = {}) =>
  new TextRun({ text, bold: options.bold, size: options.size ?? 24, font: options.heading ? HEADING_FONT : BODY_FONT });

function table(block: Extract<Block, { kind: 'table' }>): Table {
  const total = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => Math.round((w / total) * PAGE_WIDTH_DXA));
  const row = (cells: string[], header: boolean) => new TableRow({
    tableHeader: header,
    children: cells.map((cell, i) => new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      children: [new Paragraph({ children: [run(cell, { bold: header, size: 20 })] })],
    })),
  });
  return new Table({
    width: { size: PAGE_WIDTH_DXA, type: WidthType.DXA },
    columnWidths: widths,
    rows: [row(block.header, true), ...block.rows.map((cells) => row(cells, false))],
  });
}

function render(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title':
      return [new Paragraph({ alignment: AlignmentType.CENTER, heading: HeadingLevel.TITLE, children: [run(block.text, { bold: true, size: 40, heading: true })] })];
    case 'subtitle':
      return [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(block.text, { size: 21 })] })];
    case 'heading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_1, spacing: { before: 240 }, children: [run(block.text, { bold: true, size: 32, heading: true })] })];
    case 'paragraph':
      return [new Paragraph({ indent: { firstLine: 480 }, spacing: { line: 360 }, children: [run(block.text)] })];
    case 'table':
      return [table(block), new Paragraph({ children: [] })];
    case 'image':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new ImageRun({ type: 'png', data: block.png,
            transformation: { width: IMAGE_WIDTH_PX, height: Math.round((IMAGE_WIDTH_PX * block.height) / block.width) } })],
        }),
        new Paragraph({ alignment: AlignmentType.CENTER, children: [run(block.caption, { size: 20 })] }),
      ];
  }
}

/** The briefing as a Word document (A4). */
export function briefingDocx(content: BriefingContent): Promise<Buffer> {
  const document = new Document({
    title: content.title,
    creator: '安全生产风险一张图',
    sections: [{
      properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1418, right: 1418 } } },
      children: content.blocks.flatMap(render),
    }],
  });
  return Packer.toBuffer(document);
}
