import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readTable } from '@risk/api/import/import.read';

// Reading a ledger's .xlsx whatever the order of the parts in its zip (Excel, WPS and exceljs
// each store them differently), the first sheet in the workbook's order, and Chinese text
// intact however the inflated XML is cut into chunks.

const HEADERS = ['单位名称', '统一社会信用代码', '行业领域'];
const known = (header: string) => HEADERS.includes(header);

async function ledger(rows: string[][], more: (book: ExcelJS.Workbook) => void = () => {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  more(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The same package with its parts stored in `order` (the paths first, the rest after, as they were). */
async function restored(bytes: Buffer, order: string[]): Promise<Buffer> {
  const source = await JSZip.loadAsync(bytes);
  const paths = Object.keys(source.files).filter((path) => !source.files[path]!.dir);
  const zip = new JSZip();
  for (const path of [...order, ...paths.filter((p) => !order.includes(p))]) {
    zip.file(path, await source.file(path)!.async('nodebuffer'));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function read(bytes: Buffer): Promise<{ columns: string[]; rows: string[][] }> {
  const table = await readTable(bytes, '台账.xlsx', 'xlsx', 'auto', known);
  const rows: string[][] = [];
  for await (const row of table.rows) rows.push(row.cells);
  return { columns: table.columns, rows };
}

const ROWS = [['赫山区龙光桥街道某机械厂', '91430903MA4L000011', '工贸'], ['资阳区某加油站', '91430902MA4L000022', '危险化学品']];

describe('an .xlsx ledger', () => {
  it.each([
    ['as exceljs stores it', []],
    // The shared strings and relationships before the sheet, the workbook after it: exceljs's
    // own streaming pass read the sheet before the workbook and failed.
    ['shared strings first, the workbook last', ['xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']],
    ['the sheet first of all', ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', '[Content_Types].xml']],
    ['the workbook and styles first, as Excel stores them', ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']],
  ])('is read with its parts stored %s', async (_name, order) => {
    const bytes = await restored(await ledger(ROWS), order);
    expect(await read(bytes)).toEqual({ columns: HEADERS, rows: ROWS });
  });

  it('is read from its first sheet in the workbook, wherever the zip stores that sheet', async () => {
    const bytes = await ledger(ROWS, (book) => book.addWorksheet('填写说明').addRow(['说明：每行一家企业']));
    const sheet2First = await restored(bytes, ['xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml', 'xl/_rels/workbook.xml.rels']);
    expect(await read(sheet2First)).toEqual({ columns: HEADERS, rows: ROWS });
  });

  it('keeps every Chinese character of a large sheet, however its inflated XML is cut', async () => {
    // Inline strings (not shared) put the text in the sheet's own XML, which is inflated in
    // chunks: thousands of rows make sure characters straddle the chunks' edges.
    const rows = Array.from({ length: 4000 }, (_, i) => [`益阳市赫山区第${i}号安全生产隐患排查企业`, `91430903MA4L${String(i).padStart(6, '0')}`, '工贸']);
    const bytes = await ledger([], (book) => {
      const sheet = book.getWorksheet('台账')!;
      for (const row of rows) {
        const added = sheet.addRow([]);
        row.forEach((text, i) => { added.getCell(i + 1).value = { richText: [{ text }] }; });
      }
    });
    const table = await read(bytes);
    expect(table.rows.filter((row) => row.join('').includes('\uFFFD'))).toEqual([]);
    expect(table.rows).toEqual(rows);
  });

  it('that is not a workbook package says so in Chinese', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', '不是表格');
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    await expect(read(bytes)).rejects.toThrow('无法读取该 Excel 文件');
  });
});
