import writeXlsxFile from 'write-excel-file/browser';
import type { TFunction } from 'i18next';
import type { Client, CombinedError } from 'urql';
import type { HazardFilter, HazardRowFragment } from '../gql/graphql';
import { RecordExportMutation } from './export.operations';

/** One column of the ledger export: a header key and how to read the cell. */
interface Column {
  header: string;
  value: (row: HazardRowFragment) => string | number;
}

function columns(t: TFunction, date: (value: string) => string): Column[] {
  const keyed: Column[] = [
    { header: 'export.code', value: (r) => r.code },
    { header: 'export.description', value: (r) => r.description },
    { header: 'export.town', value: (r) => r.town?.name ?? r.townCode },
    { header: 'export.subject', value: (r) => r.enterprise?.name ?? (r.roadSegment ? `${r.roadSegment.roadNumber} ${r.roadSegment.roadName}` : r.placeName ?? '') },
    { header: 'export.sector', value: (r) => t(`sectors.${r.sector}`) },
    { header: 'export.level', value: (r) => t(`hazardLevel.${r.level}`) },
    { header: 'export.source', value: (r) => t(`source.${r.source}`) },
    { header: 'export.status', value: (r) => t(`status.${r.status}`) },
    { header: 'export.foundAt', value: (r) => date(r.foundAt) },
    { header: 'export.deadline', value: (r) => (r.deadline ? date(r.deadline) : '') },
    { header: 'export.overdueDays', value: (r) => r.overdueDays },
  ];
  return keyed.map((c) => ({ ...c, header: t(c.header) }));
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  URL.revokeObjectURL(url);
}

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * Saves a table as CSV. A byte-order mark first, because Excel in China opens a CSV without
 * one as GBK and garbles the Chinese headers.
 */
export function saveCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[], fileName: string): void {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
  save(new Blob(['\uFEFF', lines.join('\r\n')], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`);
}

/** The filtered ledger as CSV. */
export function exportCsv(rows: readonly HazardRowFragment[], t: TFunction, date: (value: string) => string, fileName: string): void {
  const cols = columns(t, date);
  saveCsv(cols.map((c) => c.header), rows.map((r) => cols.map((c) => c.value(r))), fileName);
}

export async function exportXlsx(rows: readonly HazardRowFragment[], t: TFunction, date: (value: string) => string, fileName: string): Promise<void> {
  const cols = columns(t, date);
  const data = [
    cols.map((c) => ({ value: c.header, fontWeight: 'bold' as const })),
    ...rows.map((r) => cols.map((c) => ({ value: c.value(r) }))),
  ];
  save(await writeXlsxFile(data).toBlob(), `${fileName}.xlsx`);
}

/**
 * Exports the ledger as a file, after the API has recorded the export in its audit log
 * (等保 2.0: data leaving the system is audited). When the record fails, nothing is saved.
 */
export async function exportLedger(
  client: Client, format: 'csv' | 'xlsx', rows: readonly HazardRowFragment[], filter: HazardFilter,
  t: TFunction, date: (value: string) => string, fileName: string,
): Promise<CombinedError | undefined> {
  const recorded = await client.mutation(RecordExportMutation, { format: format === 'csv' ? 'CSV' : 'XLSX', rowCount: rows.length, filter }).toPromise();
  if (recorded.error) return recorded.error;
  if (format === 'csv') exportCsv(rows, t, date, fileName);
  else await exportXlsx(rows, t, date, fileName);
  return undefined;
}
