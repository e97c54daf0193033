import ExcelJS from 'exceljs';
import type { TestApp } from './app';

// Driving an import as a client does: POST /imports (multipart), then the run through
// GraphQL until its background work is done.

export const RUN_FIELDS = `id kind fileName status totalRows processedRows validRows problemCount columns mapping unmappedRequired
  inserted updated unchanged placedAtTown error problems(first: 1000) { row column value reason }`;

export interface Run {
  id: string;
  status: string;
  totalRows: number | null;
  processedRows: number;
  validRows: number;
  problemCount: number;
  columns: string[];
  mapping: Record<string, string>;
  unmappedRequired: string[];
  inserted: number;
  updated: number;
  unchanged: number;
  placedAtTown: number;
  error: string | null;
  problems: { row: number; column: string | null; value: string | null; reason: string }[];
}

/** POST /imports: the HTTP status and the JSON answer. */
export async function upload(app: TestApp, token: string, fileName: string, bytes: Buffer | Uint8Array,
  fields: Record<string, string>): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', new Blob([bytes]), fileName);
  const response = await fetch(`${app.baseUrl}/imports`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

export async function runOf(app: TestApp, token: string, id: string): Promise<Run> {
  const result = await app.gql<{ importRun: Run }>(`query ($id: ID!) { importRun(id: $id) { ${RUN_FIELDS} } }`, { id }, token);
  if (!result.data?.importRun) throw new Error(`no run ${id}: ${JSON.stringify(result.errors)}`);
  return result.data.importRun;
}

/** The run once its background step has finished (not READING or CONFIRMING). */
export async function settled(app: TestApp, token: string, id: string, timeoutMs = 120_000): Promise<Run> {
  const started = Date.now();
  for (;;) {
    const run = await runOf(app, token, id);
    if (run.status !== 'READING' && run.status !== 'CONFIRMING') {
      // An internal failure is logged with its cause, which the run's Chinese reason hides.
      const cause = app.logLines().find((line) => line.msg === 'import failed' && line.importId === id);
      if (cause) console.error(`import ${id} failed: ${JSON.stringify(cause.err)}`);
      return run;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`import ${id} still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Uploads a file and waits for its dry run. */
export async function dryRun(app: TestApp, token: string, fileName: string, bytes: Buffer | Uint8Array, fields: Record<string, string>): Promise<Run> {
  const posted = await upload(app, token, fileName, bytes, fields);
  if (posted.status !== 202) throw new Error(`upload refused: ${posted.status} ${JSON.stringify(posted.body)}`);
  return settled(app, token, posted.body.id);
}

/** confirmImport, then the run once written. */
export async function confirm(app: TestApp, token: string, id: string): Promise<Run> {
  const result = await app.gql(`mutation ($id: ID!) { confirmImport(id: $id) { id status } }`, { id }, token);
  if (result.errors) throw new Error(`confirm refused: ${JSON.stringify(result.errors)}`);
  return settled(app, token, id);
}

/** An .xlsx of one sheet: a title row above the headers, as county ledgers have, then the rows. */
export async function workbook(headers: string[], rows: (string | number | Date | null)[][], title?: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  if (title) sheet.addRow([title]);
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** CSV text of headers and rows (RFC 4180 quoting). */
export function csv(headers: string[], rows: (string | number | null)[][]): string {
  const field = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [headers, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** GET a path with the bearer token. */
export function download(app: TestApp, token: string, path: string): Promise<Response> {
  return fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
}
