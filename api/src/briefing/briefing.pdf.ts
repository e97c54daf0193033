import { access } from 'node:fs/promises';
import PDFDocument from 'pdfkit';
import type { Block, BriefingContent } from './briefing.content';

/** The PostScript name of the font inside the WenQuanYi collection; a .ttf has only one font. */
const COLLECTION_FONT = 'WenQuanYiZenHei';
const MARGIN = 56;

/**
 * The briefing as PDF (A4). The Chinese font is embedded as a subset of the glyphs used
 * (pdfkit does that for every TrueType font), so the file reads the same on any machine.
 */
export async function briefingPdf(content: BriefingContent, fontPath: string): Promise<Buffer> {
  await access(fontPath).catch(() => {
    throw new Error(`the Chinese font ${fontPath} is missing (CJK_FONT; Debian: apt-get install fonts-wqy-zenhei)`);
  });
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: content.title, Creator: '安全生产风险一张图' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', fontPath, fontPath.endsWith('.ttc') ? COLLECTION_FONT : undefined);
  doc.font('cjk');
  const width = doc.page.width - 2 * MARGIN;

  const table = (block: Extract<Block, { kind: 'table' }>) => {
    const total = block.widths.reduce((a, b) => a + b, 0);
    const widths = block.widths.map((w) => (w / total) * width);
    const drawRow = (cells: string[], header: boolean) => {
      doc.fontSize(header ? 9.5 : 9);
      const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 6 }))) + 6;
      if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
      const top = doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        if (header) doc.rect(x, top, widths[i]!, height).fillAndStroke('#eeeeee', '#888888').fill('#000000');
        else doc.rect(x, top, widths[i]!, height).stroke('#888888');
        doc.text(cell, x + 3, top + 3, { width: widths[i]! - 6 });
        x += widths[i]!;
      });
      doc.x = MARGIN;
      doc.y = top + height;
    };
    drawRow(block.header, true);
    for (const cells of block.rows) drawRow(cells, false);
    doc.moveDown(0.8);
  };

  for (const block of content.blocks) {
    switch (block.kind) {
      case 'title':
        doc.fontSize(18).text(block.text, { align: 'center' }).moveDown(0.4);
        break;
      case 'subtitle':
        doc.fontSize(9.5).fillColor('#444444').text(block.text, { align: 'center' }).fillColor('#000000').moveDown(1);
        break;
      case 'heading':
        doc.fontSize(14).text(block.text).moveDown(0.4);
        break;
      case 'paragraph':
        doc.fontSize(11).text(block.text, { indent: 22, lineGap: 4 }).moveDown(0.6);
        break;
      case 'table':
        table(block);
        break;
      case 'image': {
        // At most a page high (with its caption): a tall unit is drawn narrower.
        const height = Math.min((width * block.height) / block.width, doc.page.height - 2 * MARGIN - 40);
        const drawn = (height * block.width) / block.height;
        if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
        doc.image(block.png, MARGIN + (width - drawn) / 2, doc.y, { width: drawn });
        doc.y += height + 6;
        doc.fontSize(9.5).text(block.caption, MARGIN, doc.y, { align: 'center', width }).moveDown(1);
        break;
      }
    }
  }
  doc.end();
  return done;
}
