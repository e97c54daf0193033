import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell, CellType } from './export.kinds';

/** A column as a writer sees it: the header, the cell type and (XLSX) its width. */
export interface SheetColumn {
  header: string;
  type: CellType;
  width: number;
}

/** A table written row by row into a stream; `end` finishes the file and the stream. */
export interface SheetWriter {
  write(cells: readonly Cell[]): void;
  end(): Promise<void>;
}

export const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Waits while the client reads slower than the database answers, so nothing piles up in memory. */
export async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) await once(out, 'drain');
}

const csvCell = (value: Cell): string => {
  const text = value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * CSV in UTF-8 with a byte-order mark first: Excel in China opens a CSV without one as GBK
 * and garbles the Chinese. Lines end with CRLF (RFC 4180).
 */
export function csvWriter(out: Writable, columns: readonly SheetColumn[]): SheetWriter {
  out.write(`\uFEFF${columns.map((c) => csvCell(c.header)).join(',')}\r\n`);
  return {
    write(cells) {
      out.write(`${cells.map(csvCell).join(',')}\r\n`);
    },
    async end() {
      out.end();
      await once(out, 'finish');
    },
  };
}

const NUMBER_FORMATS: Record<CellType, string | undefined> = {
  text: undefined, integer: '0', number: '#,##0.00', date: 'yyyy-mm-dd',
};

/** A calendar day 'yyyy-mm-dd' as the Date exceljs writes as that day's serial number (UTC midnight). */
const excelDate = (day: string): Date => new Date(`${day}T00:00:00Z`);

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed (serialised into the
 * zip stream) as it is written, strings inline rather than in a shared table, so memory holds
 * the rows not yet compressed, never the sheet. Dates are real dates (a serial number with a
 * date format), so Excel sorts and filters them as dates.
 */
export function xlsxWriter(out: Writable, columns: readonly SheetColumn[], sheetName: string): SheetWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    key: String(i), header: c.header, width: c.width,
    ...(NUMBER_FORMATS[c.type] ? { style: { numFmt: NUMBER_FORMATS[c.type] } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return {
    write(cells) {
      sheet.addRow(cells.map((cell, i) => (columns[i]!.type === 'date' && typeof cell === 'string' ? excelDate(cell) : cell))).commit();
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
  };
}
