import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { errorCode, startTestApp, type TestApp } from '../support/app';
import { demoScope } from '../support/users';

// The ledger and the other lists stream from GET /exports/{kind}.{csv|xlsx}: every row the
// viewer may read, whatever their number, under row-level security, and each export is one
// audit record.

/** The whole ledger through a busy shared machine (measured: 40 s to 3 min for the XLSX, written and parsed here). */
const WHOLE_LEDGER_MS = 600_000;

let app: TestApp;
let analyst: string;

beforeAll(async () => {
  app = await startTestApp();
  analyst = await app.login('analyst');
});
afterAll(() => app.close());

async function download(path: string, token?: string): Promise<Response> {
  return fetch(`${app.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

const query = (filter: object) => `?filter=${encodeURIComponent(JSON.stringify(filter))}`;

/** CSV lines, quoted fields with line breaks kept whole (RFC 4180). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { record.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field); records.push(record); record = []; field = ''; i += 1;
    } else field += ch;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records;
}

async function xlsxRows(response: Response): Promise<ExcelJS.Row[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.fromWeb(response.body! as never), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache' });
  const rows: ExcelJS.Row[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) rows.push(row);
  }
  return rows;
}

/**
 * The audit records of a request. The api writes them when the response has closed, which
 * for a streamed file may be a moment after the client read its last byte: wait a little.
 */
async function auditOf(requestId: string | null) {
  for (let attempt = 0; ; attempt += 1) {
    await app.auditSettled();
    const { rows } = await app.db.pool.query('select event, code, detail, actor_role from audit_log where request_id = $1', [requestId]);
    if (rows.length > 0 || attempt === 200) return rows;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('exports', () => {
  it('the whole demo ledger as CSV: every row, 序号 first, a BOM, and one audit record', async () => {
    const { rows: [{ count }] } = await app.db.pool.query<{ count: number }>('select count(*)::int as count from hazards');
    expect(count).toBeGreaterThanOrEqual(20_000);
    const response = await download('/exports/hazards.csv', analyst);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('隐患排查治理台账.csv'));
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = csvRecords(bytes.toString('utf8').slice(1));
    const [header, ...body] = records;
    expect(header!.slice(0, 4)).toEqual(['序号', '隐患编号', '所属乡镇（街道）', '隐患所在单位（场所、路段）']);
    expect(header).toEqual(expect.arrayContaining(['整改责任人', '整改措施', '整改资金（元）', '整改时限', '应急预案', '挂牌督办', '统一社会信用代码', '起止桩号']));
    expect(body).toHaveLength(count);
    expect(body.map((r) => Number(r[0]))).toEqual(body.map((_, i) => i + 1));
    expect(new Set(body.map((r) => r[1])).size).toBe(count);
    expect(body.every((r) => r.length === header!.length)).toBe(true);
    // A road hazard carries its chainage, an enterprise's its credit code.
    const chainage = header!.indexOf('起止桩号');
    const credit = header!.indexOf('统一社会信用代码');
    expect(body.some((r) => /^K\d+\+\d{3}—K\d+\+\d{3}$/.test(r[chainage]!))).toBe(true);
    expect(body.some((r) => /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(r[credit]!))).toBe(true);
    expect(await auditOf(response.headers.get('x-request-id'))).toEqual([expect.objectContaining({
      event: 'EXPORT', code: 'CSV', actor_role: 'analyst', detail: { kind: 'hazards', rowCount: count, complete: true, filter: {} },
    })]);
  }, WHOLE_LEDGER_MS);

  it('the whole demo ledger as XLSX: every row, with dates as dates', async () => {
    const { rows: [{ count }] } = await app.db.pool.query<{ count: number }>('select count(*)::int as count from hazards');
    const response = await download('/exports/hazards.xlsx', analyst);
    expect(response.status).toBe(200);
    const rows = await xlsxRows(response);
    const [header, ...body] = rows;
    expect(header!.getCell(1).value).toBe('序号');
    expect(body).toHaveLength(count);
    expect(body[body.length - 1]!.getCell(1).value).toBe(count);
    const found = (header!.values as unknown[]).indexOf('排查日期');
    expect(body[0]!.getCell(found).value).toBeInstanceOf(Date);
  }, WHOLE_LEDGER_MS);

  it('follows the filter, as the GraphQL list does', async () => {
    const filter = { levels: ['MAJOR'], statuses: ['REPORTED', 'RECTIFYING'], jurisdictionCode: '430902' };
    const listed = await app.gql('query ($filter: HazardFilter) { hazards(filter: $filter, first: 1) { totalCount } }', { filter }, analyst);
    expect(listed.data.hazards.totalCount).toBeGreaterThan(0);
    const response = await download(`/exports/hazards.csv${query(filter)}`, analyst);
    expect(response.status).toBe(200);
    const [header, ...body] = csvRecords((await response.text()).slice(1));
    expect(body).toHaveLength(listed.data.hazards.totalCount);
    const level = header!.indexOf('隐患级别');
    const status = header!.indexOf('治理状态');
    expect(body.every((r) => r[level] === '重大隐患' && ['登记', '整改中'].includes(r[status]!))).toBe(true);
  });

  it('a town official exports their own town only (row-level security)', async () => {
    const { town } = await demoScope(app.db.pool);
    const token = await app.login('town');
    const { rows: [{ count, name }] } = await app.db.pool.query<{ count: number; name: string }>(
      'select count(*)::int as count, (select name from jurisdictions where code = $1) as name from hazards where town_code = $1', [town]);
    const records = csvRecords((await (await download('/exports/hazards.csv', token)).text()).slice(1));
    expect(records.length - 1).toBe(count);
    expect(new Set(records.slice(1).map((r) => r[2]))).toEqual(new Set([name]));
  });

  it('enterprises, inspections, accidents and the unit figures export too', async () => {
    for (const [kind, table] of [['enterprises', 'enterprises'], ['inspections', 'inspections'], ['accidents', 'accidents']] as const) {
      const { rows: [{ count }] } = await app.db.pool.query<{ count: number }>(`select count(*)::int as count from ${table}`);
      const records = csvRecords((await (await download(`/exports/${kind}.csv`, analyst)).text()).slice(1));
      expect([kind, records.length - 1]).toEqual([kind, count]);
    }
    const period = { from: '2025-01-01', to: '2025-12-31' };
    const stats = await app.gql(`query { jurisdictionStats(parentCode: "430900", from: "${period.from}", to: "${period.to}") { name rank overdue found } }`, {}, analyst);
    const response = await download(`/exports/units.xlsx?parentCode=430900&from=${period.from}&to=${period.to}`, analyst);
    const [header, ...body] = await xlsxRows(response);
    const col = (name: string) => (header!.values as unknown[]).indexOf(name);
    expect(body.map((r) => ({ name: r.getCell(col('单位')).value, rank: r.getCell(col('排名')).value, overdue: r.getCell(col('超期隐患')).value, found: r.getCell(col('排查隐患')).value })))
      .toEqual(stats.data.jurisdictionStats);
  });

  it('refuses the public, a bad filter and an unknown list, in the GraphQL error shape', async () => {
    const publicAnswer = await download('/exports/hazards.csv');
    expect([publicAnswer.status, errorCode(await publicAnswer.json())]).toEqual([401, 'UNAUTHENTICATED']);
    const badLevel = await download(`/exports/hazards.csv${query({ levels: ['HUGE'] })}`, analyst);
    expect([badLevel.status, errorCode(await badLevel.json())]).toEqual([400, 'BAD_USER_INPUT']);
    const notJson = await download('/exports/hazards.csv?filter=%7B', analyst);
    expect([notJson.status, errorCode(await notJson.json())]).toEqual([400, 'BAD_USER_INPUT']);
    const tooLong = await download(`/exports/hazards.csv${query({ search: 'x'.repeat(300) })}`, analyst);
    expect([tooLong.status, errorCode(await tooLong.json())]).toEqual([400, 'BAD_USER_INPUT']);
    const unknownCode = await download(`/exports/hazards.csv${query({ jurisdictionCode: '999999' })}`, analyst);
    expect([unknownCode.status, errorCode(await unknownCode.json())]).toEqual([400, 'BAD_USER_INPUT']);
    const unknown = await download('/exports/users.csv', analyst);
    expect([unknown.status, errorCode(await unknown.json())]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it('other requests are answered while an export streams', async () => {
    const response = await download('/exports/hazards.csv', analyst);
    const reader = response.body!.getReader();
    await reader.read();
    // The export is under way and not read further: the api must still answer.
    const started = performance.now();
    const answer = await app.gql('{ today }', {}, analyst);
    expect(answer.errors).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(10_000);
    await reader.cancel();
  });
});
