import { TextDecoder } from 'node:util';
import { ImportFileError } from './file-error';

type Value = string | number | boolean | null;

/** A .dbf attribute table: field names in file order, one object per record. */
export interface DbfTable {
  fields: string[];
  rows: Record<string, Value>[];
}

/**
 * The TextDecoder label of a .cpg (a code page as ArcGIS and QGIS write it); undefined when
 * it names nothing we know, so the text is decoded as if there were no .cpg.
 */
function encodingOfCpg(cpg: string | undefined): string | undefined {
  const name = cpg?.trim().toLowerCase().replace(/[\s_-]/g, '');
  if (!name) return undefined;
  if (['utf8', '65001'].includes(name)) return 'utf-8';
  // GBK and GB2312 are subsets of GB18030; decoding with it reads all three.
  if (['gbk', 'gb2312', 'gb18030', 'cp936', '936', '54936', 'ansi936'].includes(name)) return 'gb18030';
  if (['88591', 'iso88591', 'latin1', 'cp1252', '1252'].includes(name)) return 'windows-1252';
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return undefined;
  }
}

const isUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * Reads a dBASE III table, the attribute part of a Shapefile. Text is decoded with the .cpg's
 * code page; without one as UTF-8 when the whole file is valid UTF-8, else as GB18030 (a
 * Chinese Windows tool writes GBK and no .cpg). Blank numbers and dates are null; a date is
 * written YYYY-MM-DD.
 */
export function readDbf(bytes: Buffer, cpg: string | undefined): DbfTable {
  if (bytes.length < 32) throw new ImportFileError('.dbf 属性文件已损坏');
  const count = bytes.readUInt32LE(4);
  const headerLength = bytes.readUInt16LE(8);
  const recordLength = bytes.readUInt16LE(10);
  if (headerLength < 33 || headerLength > bytes.length || headerLength + count * recordLength > bytes.length) {
    throw new ImportFileError('.dbf 属性文件已损坏或不完整');
  }
  const encoding = encodingOfCpg(cpg) ?? (isUtf8(bytes.subarray(32)) ? 'utf-8' : 'gb18030');
  const decoder = new TextDecoder(encoding);
  const columns: { name: string; type: string; offset: number; length: number }[] = [];
  let offset = 1; // each record starts with its deletion flag
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const nameBytes = bytes.subarray(at, at + 11);
    const end = nameBytes.indexOf(0);
    const name = decoder.decode(end < 0 ? nameBytes : nameBytes.subarray(0, end)).trim();
    const length = bytes[at + 16];
    columns.push({ name, type: String.fromCharCode(bytes[at + 11]).toUpperCase(), offset, length });
    offset += length;
  }
  if (offset > recordLength) throw new ImportFileError('.dbf 属性文件的字段定义与记录长度不符');
  const rows: Record<string, Value>[] = [];
  for (let index = 0; index < count; index++) {
    const start = headerLength + index * recordLength;
    const row: Record<string, Value> = {};
    for (const column of columns) {
      const raw = bytes.subarray(start + column.offset, start + column.offset + column.length);
      row[column.name] = valueOf(column.type, raw, decoder);
    }
    rows.push(row);
  }
  return { fields: columns.map((column) => column.name), rows };
}

function valueOf(type: string, raw: Buffer, decoder: TextDecoder): Value {
  const ascii = raw.toString('latin1').trim();
  switch (type) {
    case 'N':
    case 'F': {
      const number = Number(ascii);
      return ascii === '' || !Number.isFinite(number) ? null : number;
    }
    case 'L':
      return /^[TtYy]$/.test(ascii) ? true : /^[FfNn]$/.test(ascii) ? false : null;
    case 'D':
      return /^\d{8}$/.test(ascii) ? `${ascii.slice(0, 4)}-${ascii.slice(4, 6)}-${ascii.slice(6, 8)}` : null;
    default: {
      const end = raw.indexOf(0);
      const text = decoder.decode(end < 0 ? raw : raw.subarray(0, end)).trim();
      return text === '' ? null : text;
    }
  }
}
