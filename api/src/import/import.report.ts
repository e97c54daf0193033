import ExcelJS from 'exceljs';
import type { RequestDb } from '../common/request-db';
import { csvRecords, decodeText, type Encoding, type FileFormat } from './import.read';

// The error report: the user's own file with a column 错误原因 added, so they fix the rows
// where they keep them and import the same file again. A spreadsheet stays a spreadsheet,
// a CSV a CSV (UTF-8 with BOM, which Excel opens), a GeoJSON gets a property; a
// Shapefile's report is a workbook of its attributes.

export const ERROR_COLUMN = '错误原因';

export type ReportFormat = 'xlsx' | 'csv' | 'geojson';

/** The format of a run's report: its file's own, a workbook for a Shapefile. */
export const reportFormatOf = (format: FileFormat): ReportFormat => (format === 'shapefile' ? 'xlsx' : format);

interface ReportRun {
  id: string;
  file_format: FileFormat;
  file_bytes: Buffer;
  encoding: Encoding;
  header_row: number | null;
  columns: string[];
}

/** The problems of each row as one text: 列「值」：原因；… */
async function reasonsByRow(db: RequestDb, id: string): Promise<Map<number, string>> {
  const rows = await db.query<{ row_number: number; text: string }>(
    `select r.row_number, string_agg(coalesce(p->>'column', '') || case when coalesce(p->>'value', '') = '' then '' else '「' || (p->>'value') || '」' end
                                     || '：' || (p->>'reason'), '；' order by o) as text
     from import_rows r cross join lateral jsonb_array_elements(r.problems) with ordinality as e(p, o)
     where r.import_id = $1 and r.problems <> '[]'::jsonb
     group by r.row_number`, [id]);
  return new Map(rows.map((row) => [row.row_number, row.text]));
}

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The report file of a run. */
export async function reportOf(db: RequestDb, run: ReportRun): Promise<{ format: ReportFormat; bytes: Buffer }> {
  const reasons = await reasonsByRow(db, run.id);
  const format = reportFormatOf(run.file_format);
  if (run.file_format === 'xlsx') {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(run.file_bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const column = Math.max(sheet.columnCount, run.columns.length) + 1;
    const header = sheet.getRow(run.header_row ?? 1).getCell(column);
    header.value = ERROR_COLUMN;
    header.font = { bold: true, color: { argb: 'FFC00000' } };
    for (const [rowNumber, text] of reasons) {
      const cell = sheet.getRow(rowNumber).getCell(column);
      cell.value = text;
      cell.font = { color: { argb: 'FFC00000' } };
    }
    sheet.getColumn(column).width = 60;
    return { format, bytes: Buffer.from(await book.xlsx.writeBuffer()) };
  }
  if (run.file_format === 'csv') {
    const lines: string[] = [];
    let n = 0;
    for (const record of csvRecords(decodeText(run.file_bytes, run.encoding))) {
      n += 1;
      const extra = n === run.header_row ? ERROR_COLUMN : reasons.get(n) ?? '';
      lines.push([...record, extra].map(csvField).join(','));
    }
    return { format, bytes: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8') };
  }
  if (run.file_format === 'geojson') {
    const collection = JSON.parse(run.file_bytes.toString('utf8')) as { features?: { properties?: Record<string, unknown> | null }[] };
    (collection.features ?? []).forEach((feature, i) => {
      feature.properties = { ...feature.properties, [ERROR_COLUMN]: reasons.get(i + 1) ?? null };
    });
    return { format, bytes: Buffer.from(JSON.stringify(collection), 'utf8') };
  }
  // A Shapefile: its attributes as staged, one row per record, and the reasons.
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('错误报告');
  sheet.addRow(['记录号', ...run.columns, ERROR_COLUMN]).font = { bold: true };
  const rows = await db.query<{ row_number: number; cells: string[] }>(
    `select row_number, array(select jsonb_array_elements_text(source->'c')) as cells from import_rows where import_id = $1 order by row_number`, [run.id]);
  for (const row of rows) sheet.addRow([row.row_number, ...row.cells, reasons.get(row.row_number) ?? '']);
  return { format, bytes: Buffer.from(await book.xlsx.writeBuffer()) };
}
