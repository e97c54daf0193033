import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import type { Geometry } from 'geojson';
import { ImportFileError, readSpatialFile, type SourceCrs } from './spatial-file';

// Reading a ledger file into rows of text cells, whatever its format: the first sheet of an
// .xlsx (streamed: a 100,000-row workbook is never a DOM in memory), a CSV in UTF-8 or in
// GB18030 as Chinese Excel saves it, a GeoJSON or a zipped Shapefile (read by
// spatial-file.ts, whose records bring their geometry along).

export type FileFormat = 'xlsx' | 'csv' | 'geojson' | 'shapefile';
export type Encoding = 'auto' | 'utf-8' | 'gb18030';

export interface SourceRow {
  /** The row as the user sees it: the spreadsheet's row number, the CSV's record number, the feature's number. */
  rowNumber: number;
  cells: string[];
  /** A spatial record's geometry, in the file's coordinates. */
  geometry?: Geometry | null;
}

export interface SourceTable {
  columns: string[];
  /** The row that holds the headers (spreadsheets, CSV); null for spatial files. */
  headerRow: number | null;
  rows: AsyncIterable<SourceRow>;
  /** The CRS a Shapefile's .prj names, when it names one. */
  declaredCrs?: SourceCrs;
}

/** The format of an upload by its name (and, for the zip containers, their signature); ImportFileError for anything else. */
export function formatOf(fileName: string, bytes: Buffer): FileFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  const zipped = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
  if (extension === 'xlsx' && zipped) return 'xlsx';
  if (extension === 'zip' && zipped) return 'shapefile';
  if (extension === 'csv' || extension === 'txt') return 'csv';
  if (extension === 'geojson' || extension === 'json') return 'geojson';
  if (extension === 'xls') throw new ImportFileError('不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后导入');
  throw new ImportFileError('不是可导入的文件：请上传 Excel（.xlsx）、CSV、GeoJSON 或 Shapefile（.zip）文件');
}

/** CSV text: UTF-8 (with or without BOM) when it decodes as UTF-8, else GB18030, which Chinese Excel writes. */
export function decodeText(bytes: Buffer, encoding: Encoding): string {
  const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (encoding === 'gb18030') return iconv.decode(bytes, 'gb18030');
  if (encoding === 'utf-8') return withoutBom.toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(withoutBom);
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

/** The records of CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
export function* csvRecords(text: string): Generator<string[]> {
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let any = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      quoted = true;
      any = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      yield record;
      record = [];
      field = '';
      any = false;
    } else {
      field += ch;
      any = true;
    }
  }
  if (any || record.length > 0) {
    record.push(field);
    yield record;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A cell as text. Excel keeps a date as the wall-clock time in UTC fields; a date without a
 * time of day is written as a day.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const h = value.getUTCHours(), m = value.getUTCMinutes(), s = value.getUTCSeconds();
    return h === 0 && m === 0 && s === 0 ? day : `${day} ${pad(h)}:${pad(m)}:${pad(s)}`;
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown };
    if (v.richText) return v.richText.map((part) => part.text).join('');
    if ('result' in v) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
  }
  return '';
}

const blankRow = (cells: string[]) => cells.every((cell) => cell.trim() === '');

/** How many rows from the top are searched for the headers (a ledger has a title and notes above them). */
const HEADER_SEARCH_ROWS = 10;

/**
 * Splits rows into headers and data: the header row is, among the first rows, the one with
 * the most cells that `isKnownHeader` recognises; with none, the first non-blank row.
 */
async function* withHeaders(
  rows: AsyncIterable<SourceRow>, isKnownHeader: (header: string) => boolean, found: (columns: string[], headerRow: number) => void,
): AsyncGenerator<SourceRow> {
  const head: SourceRow[] = [];
  const iterator = rows[Symbol.asyncIterator]();
  let next = await iterator.next();
  while (!next.done && head.length < HEADER_SEARCH_ROWS) {
    if (!blankRow(next.value.cells)) head.push(next.value);
    next = await iterator.next();
  }
  if (head.length === 0) {
    found([], 0);
    return;
  }
  const score = (row: SourceRow) => row.cells.filter((cell) => cell.trim() !== '' && isKnownHeader(cell)).length;
  const best = head.reduce((a, b) => (score(b) > score(a) ? b : a), head[0]!);
  const header = score(best) > 0 ? best : head[0]!;
  const width = header.cells.length;
  found(header.cells.map((cell, i) => cell.trim() || `第${i + 1}列`), header.rowNumber);
  const fit = (row: SourceRow) => ({ ...row, cells: Array.from({ length: width }, (_, i) => (row.cells[i] ?? '').trim()) });
  for (const row of head) if (row.rowNumber > header.rowNumber) yield fit(row);
  for (; !next.done; next = await iterator.next()) if (!blankRow(next.value.cells)) yield fit(next.value);
}

/** Inflated XML as text, a character split between two chunks kept whole. */
async function* decoded(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

interface ReaderInternals {
  workbookRels?: { Id: string; Target: string }[];
  model?: { sheets?: { rId: string }[] };
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
}

/**
 * exceljs 4.4's streaming reader, given the parts of the file in the order it needs them.
 *
 * - Its own pass reads the zip's entries in their stored order through unzipper and parks a
 *   sheet that comes before the shared strings (exceljs writes them so) in a temporary file;
 *   meanwhile the entries after it are sometimes lost (a race in its stream iteration, about
 *   one file in four hundred here, more on a busy machine), and the sheet is then read
 *   without the workbook: "Cannot read properties of undefined (reading 'sheets')", or
 *   without the shared strings. The file is in memory already: this pass opens the zip by
 *   its directory (jszip) and reads the relationships, the workbook, the styles and the shared
 *   strings first, then the sheets in the workbook's order, each inflated as a stream.
 * - It decodes every inflated chunk of a sheet's XML on its own, so a Chinese character whose
 *   bytes straddle two chunks comes out as U+FFFD, in about one row of a thousand of a large
 *   ledger (exceljs issues #2063, #2084, open). This reader hands it the sheets and the
 *   shared strings as decoded text, which it takes as it is.
 */
class OrderedWorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  constructor(private readonly bytes: Buffer, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>) {
    super(Readable.from([]), options);
  }

  override async *parse(): AsyncGenerator<unknown> {
    const self = this as unknown as ReaderInternals;
    const zip = await JSZip.loadAsync(this.bytes);
    // jszip streams are readable-stream 2's, which cannot be iterated: wrapped in Node's own.
    const part = (path: string) => {
      const entry = zip.file(path);
      return entry ? new Readable().wrap(entry.nodeStream('nodebuffer')) : undefined;
    };
    const rels = part('xl/_rels/workbook.xml.rels');
    const workbook = part('xl/workbook.xml');
    if (!rels || !workbook) throw new ImportFileError('无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式');
    await self._parseRels(rels);
    await self._parseWorkbook(workbook);
    const styles = part('xl/styles.xml');
    if (styles) await self._parseStyles(styles);
    const strings = part('xl/sharedStrings.xml');
    if (strings) {
      strings.setEncoding('utf8');
      yield* self._parseSharedStrings(strings);
    }
    for (const [index, sheet] of (self.model?.sheets ?? []).entries()) {
      // A target is relative to xl/ or absolute in the package.
      const target = self.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target.replace(/^\/?(xl\/)?/, '');
      const stream = target === undefined ? undefined : part(`xl/${target}`);
      const sheetNo = target?.match(/sheet(\d+)\.xml$/)?.[1] ?? String(index + 1);
      if (stream) yield* self._parseWorksheet(decoded(stream), sheetNo);
    }
  }
}

async function* xlsxRows(bytes: Buffer): AsyncGenerator<SourceRow> {
  const reader = new OrderedWorkbookReader(bytes, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      // The first sheet is the ledger; a template's 填写说明 comes after it.
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        yield { rowNumber: row.number, cells: values.slice(1).map(cellText) };
      }
      return;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式');
  }
}

async function* listRows(rows: Iterable<SourceRow>): AsyncGenerator<SourceRow> {
  yield* rows;
}

/**
 * The table of a file: its headers (recognised by `isKnownHeader`) and its rows, streamed.
 * Throws ImportFileError, in Chinese, when the file cannot be read at all.
 */
export async function readTable(
  bytes: Buffer, fileName: string, format: FileFormat, encoding: Encoding, isKnownHeader: (header: string) => boolean,
): Promise<SourceTable> {
  if (bytes.length === 0) throw new ImportFileError('文件是空的');
  if (format === 'geojson' || format === 'shapefile') {
    const spatial = await readSpatialFile(bytes, fileName);
    const columns = spatial.fields;
    return {
      columns,
      headerRow: null,
      declaredCrs: spatial.declaredCrs,
      rows: listRows(spatial.records.map((record) => ({
        rowNumber: record.rowNumber,
        cells: columns.map((name) => cellText(record.properties[name] ?? null).trim()),
        geometry: record.geometry,
      }))),
    };
  }
  const table: SourceTable = { columns: [], headerRow: null, rows: listRows([]) };
  const source = format === 'xlsx'
    ? xlsxRows(bytes)
    : listRows((function* () {
      let n = 0;
      for (const cells of csvRecords(decodeText(bytes, encoding))) yield { rowNumber: (n += 1), cells };
    })());
  const rows = withHeaders(source, isKnownHeader, (columns, headerRow) => {
    table.columns = columns;
    table.headerRow = headerRow;
  });
  // The headers are known once the first data row is read (or the file ends).
  const iterator = rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (table.columns.length === 0) throw new ImportFileError('文件中没有表头和数据行');
  table.rows = (async function* () {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  })();
  return table;
}
