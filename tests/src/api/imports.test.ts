import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { creditCodeCheckCharacter } from '@risk/api/enterprise/credit-code';
import { errorCode, startTestApp, type TestApp } from '../support/app';
import { confirm, csv, download, dryRun, runOf, upload, workbook } from '../support/imports';
import { createUser } from '../support/users';

// Importing ledgers (docs/import.md): templates that import as they are, Excel and CSV in
// the layout of a county ledger, a dry run that reports every problem and writes nothing,
// confirmation in one transaction, idempotent re-imports, scope, and typed refusals.

const KINDS = ['enterprises', 'hazards', 'road-segments', 'inspections', 'accidents'] as const;
const SLOW_MS = 180_000;

let app: TestApp;
let admin: string;
let town: { code: string; name: string; lng: number; lat: number };
let otherTown: { code: string; name: string; lng: number; lat: number };
let townOfficial: string;

/** A tag of this run, so that keys never meet those of another run on the same database. */
const tag = () => randomBytes(3).toString('hex').toUpperCase();

async function someTowns() {
  const { rows } = await app.db.pool.query<{ code: string; name: string; lng: number; lat: number }>(
    `select j.code, j.name, st_x(st_pointonsurface(j.boundary)) as lng, st_y(st_pointonsurface(j.boundary)) as lat
     from jurisdictions j where j.level = 'town'
       and (select count(*) from jurisdictions n where n.level = 'town' and n.name = j.name) = 1
     order by j.code limit 2`);
  return rows;
}

const count = async (table: string, where = 'true', values: unknown[] = []) =>
  (await app.db.pool.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, values)).rows[0]!.n;

beforeAll(async () => {
  app = await startTestApp({ MAX_IMPORT_BYTES: String(2 * 1024 * 1024) });
  admin = await app.login('admin');
  [town, otherTown] = (await someTowns()) as [typeof town, typeof town];
  const official = await createUser(app.db.pool, { role: 'town', jurisdictionCode: town.code });
  townOfficial = await app.login(official.username);
}, SLOW_MS);
afterAll(() => app.close());

describe('templates', () => {
  it.each(KINDS)('the %s template imports as it is, and a second time changes nothing', async (kind) => {
    const response = await download(app, admin, `/imports/templates/${kind}.xlsx`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toContain('填写说明');
    const fields = await app.gql(`query ($k: ImportKind!) { importFields(kind: $k) { name label required allowedValues } }`,
      { k: kind.toUpperCase().replace('-', '_') }, admin);
    const headers = (book.worksheets[0]!.getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(fields.data.importFields.map((f: { label: string }) => f.label));
    // The allowed values of the help sheet are the labels the API names for each field.
    const help = book.getWorksheet('填写说明')!;
    const sector = fields.data.importFields.find((f: { name: string }) => f.name === 'sector');
    if (sector) {
      const row = help.getRows(2, help.rowCount)!.find((r) => r.getCell(1).value === sector.label)!;
      expect(String(row.getCell(4).value).split('、')).toEqual(sector.allowedValues);
      expect(sector.allowedValues).toContain('危险化学品');
    }

    const first = await dryRun(app, admin, `${kind}.xlsx`, bytes, { kind });
    expect(first).toMatchObject({ status: 'CHECKED', totalRows: 1, problemCount: 0, unmappedRequired: [] });
    expect(first.inserted + first.unchanged).toBe(1);
    const done = await confirm(app, admin, first.id);
    expect(done.status).toBe('DONE');
    const again = await dryRun(app, admin, `${kind}.xlsx`, bytes, { kind });
    expect(again).toMatchObject({ status: 'CHECKED', problemCount: 0, inserted: 0, updated: 0, unchanged: 1 });
  }, SLOW_MS);
});

describe('a county hazard ledger', () => {
  const HEADERS = ['序号', '隐患编号', '隐患内容', '隐患级别', '行业领域', '隐患来源', '乡镇', '经度', '纬度', '排查日期',
    '治理状态', '整改责任人', '整改措施', '整改资金（元）', '原整改时限', '整改时限', '延期原因', '应急预案'];
  const row = (code: string, status: string, extra: Partial<Record<string, string | number>> = {}) => {
    const values: Record<string, string | number | null> = {
      序号: 1, 隐患编号: code, 隐患内容: '消防通道堆放杂物', 隐患级别: '一般隐患', 行业领域: '消防', 隐患来源: '部门检查', 乡镇: town.name,
      经度: town.lng, 纬度: town.lat, 排查日期: '2026-03-02', 治理状态: status, 整改责任人: status === '登记' ? null : '刘一',
      整改措施: status === '登记' ? null : '清理杂物', '整改资金（元）': status === '登记' ? null : '1.5万元',
      原整改时限: null, 整改时限: status === '登记' ? null : '2026-04-30', 延期原因: null, 应急预案: status === '登记' ? null : '专人值守', ...extra,
    };
    return HEADERS.map((h) => values[h] ?? null);
  };

  it('a closed hazard with an extended deadline walks the status flow, each step in its history with the import', async () => {
    const code = `YH-T-${tag()}`;
    const bytes = await workbook(HEADERS, [row(code, '已销号', { 原整改时限: '2026-03-31', 延期原因: '设备到货延迟' })], '某县隐患排查治理台账（2026年）');
    const run = await dryRun(app, admin, '台账.xlsx', bytes, { kind: 'hazards' });
    expect(run).toMatchObject({ status: 'CHECKED', problemCount: 0, inserted: 1 });
    const done = await confirm(app, admin, run.id);
    expect(done).toMatchObject({ status: 'DONE', inserted: 1 });
    const { rows: [hazard] } = await app.db.pool.query(
      'select id, status, deadline::text, funds_yuan::float8 as funds, town_code from hazards where code = $1', [code]);
    expect(hazard).toMatchObject({ status: 'CLOSED', deadline: '2026-04-30', funds: 15000, town_code: town.code });
    const { rows: history } = await app.db.pool.query(
      'select event, from_status, to_status, old_deadline::text, new_deadline::text, note, import_id from hazard_history where hazard_id = $1 order by id', [hazard.id]);
    expect(history.map((h) => [h.event, h.from_status, h.to_status])).toEqual([
      ['CREATED', null, 'REPORTED'], ['TRANSITION', 'REPORTED', 'RECTIFYING'], ['DEADLINE_EXTENDED', 'RECTIFYING', 'RECTIFYING'],
      ['TRANSITION', 'RECTIFYING', 'AWAITING_VERIFICATION'], ['TRANSITION', 'AWAITING_VERIFICATION', 'CLOSED'],
    ]);
    expect(history.every((h) => h.import_id === run.id && h.note.includes(run.id) && h.note.includes('台账.xlsx'))).toBe(true);
    expect(history[2]).toMatchObject({ old_deadline: '2026-03-31', new_deadline: '2026-04-30' });
    expect(history[2].note).toContain('设备到货延迟');
  }, SLOW_MS);

  it('a registered row with its five in place is a problem, since registration does not keep them', async () => {
    const code = `YH-R-${tag()}`;
    const bytes = await workbook(HEADERS, [row(code, '登记', { 整改责任人: '刘一', 整改时限: '2026-04-30' })]);
    const run = await dryRun(app, admin, '台账.xlsx', bytes, { kind: 'hazards' });
    expect(run).toMatchObject({ status: 'CHECKED', problemCount: 1 });
    expect(run.problems).toEqual([expect.objectContaining({ row: 2, column: '整改责任人', value: '刘一' })]);
    expect(run.problems[0].reason).toContain('整改中');
  }, SLOW_MS);

  it('one bad row: the dry run names it, confirm is refused and writes nothing, the report marks that row', async () => {
    const codes = [`YH-B-${tag()}`, `YH-B-${tag()}`, `YH-B-${tag()}`];
    const bytes = await workbook(HEADERS, [row(codes[0]!, '登记'), row(codes[1]!, '整改中', { 隐患级别: '特大隐患' }), row(codes[2]!, '登记')], '台账');
    const run = await dryRun(app, admin, '有错误.xlsx', bytes, { kind: 'hazards' });
    expect(run.status).toBe('CHECKED');
    // Row 4 of the sheet: the title, the headers, then the second data row.
    expect(run.problems).toEqual([{ row: 4, column: '隐患级别', value: '特大隐患', reason: expect.stringContaining('不是可选值') }]);
    expect(run.validRows).toBe(2);
    const refused = await app.gql(`mutation ($id: ID!) { confirmImport(id: $id) { id } }`, { id: run.id }, admin);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(await count('hazards', 'code = any($1)', [codes])).toBe(0);
    expect((await runOf(app, admin, run.id)).status).toBe('CHECKED');

    const report = await download(app, admin, `/imports/${run.id}/report.xlsx`);
    expect(report.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await report.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const errorColumn = HEADERS.length + 1;
    expect(sheet.getRow(2).getCell(errorColumn).value).toBe('错误原因');
    expect(String(sheet.getRow(4).getCell(errorColumn).value)).toContain('特大隐患');
    expect(sheet.getRow(3).getCell(errorColumn).value ?? null).toBeNull();
    expect(sheet.getRow(4).getCell(2).value).toBe(codes[1]);
  }, SLOW_MS);

  it('a GB18030 CSV as Chinese Excel saves it, with a row placed at its town by its address', async () => {
    const code = `YH-G-${tag()}`;
    const placed = `YH-G-${tag()}`;
    const text = csv(HEADERS, [row(code, '整改中'), [...row(placed, '登记', { 经度: '', 纬度: '', 乡镇: '' }).slice(0, 17), null]]
      .map((r, i) => (i === 1 ? r : r)))
      // The second row has no coordinates and no town column: its address names the town.
      .replace(/\r\n$/, '');
    const headers = [...HEADERS, '地址'];
    const rows = text.split('\r\n').slice(1).map((line, i) => `${line},${i === 1 ? `湖南省${town.name}某村` : ''}`);
    const bytes = iconv.encode([headers.join(','), ...rows].join('\r\n') + '\r\n', 'gb18030');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const run = await dryRun(app, admin, '隐患台账.csv', bytes, { kind: 'hazards' });
    expect(run).toMatchObject({ status: 'CHECKED', problemCount: 0, inserted: 2, placedAtTown: 1 });
    expect(run.columns).toEqual(headers);
    await confirm(app, admin, run.id);
    const { rows: [hazard] } = await app.db.pool.query(
      `select h.town_code, h.description, hh.note from hazards h join hazard_history hh on hh.hazard_id = h.id and hh.event = 'CREATED' where h.code = $1`, [placed]);
    expect(hazard).toMatchObject({ town_code: town.code, description: '消防通道堆放杂物' });
    // Its history says where its location comes from; a row with coordinates says nothing of it.
    expect(hazard.note).toContain(run.id);
    expect(hazard.note).toContain('按所属乡镇（街道）定位');
    const { rows: [own] } = await app.db.pool.query(
      `select hh.note from hazards h join hazard_history hh on hh.hazard_id = h.id and hh.event = 'CREATED' where h.code = $1`, [code]);
    expect(own.note).not.toContain('定位');
  }, SLOW_MS);

  it('columns named differently are mapped by the user; the mapping is remembered for the next file', async () => {
    const user = await createUser(app.db.pool, { role: 'admin' });
    const token = await app.login(user.username);
    const headers = ['编码X', '问题', '等级', '领域', '方式', '乡镇', '经度', '纬度', '发现于'];
    const bytes = await workbook(headers, [[`YH-M-${tag()}`, '护栏缺失', '一般', '工贸', '企业自查', town.name, town.lng, town.lat, '2026-02-01']]);
    const run = await dryRun(app, token, 'x.xlsx', bytes, { kind: 'hazards' });
    expect(run.unmappedRequired).toEqual(expect.arrayContaining(['code', 'description', 'level', 'sector', 'source', 'foundOn']));
    const refused = await app.gql(`mutation ($id: ID!) { confirmImport(id: $id) { id } }`, { id: run.id }, token);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    const mapping = { code: '编码X', description: '问题', level: '等级', sector: '领域', source: '方式', foundOn: '发现于', town: '乡镇', lng: '经度', lat: '纬度' };
    const remapped = await app.gql(`mutation ($id: ID!, $m: JSON!) { remapImport(id: $id, mapping: $m) { id } }`, { id: run.id, m: mapping }, token);
    expect(remapped.errors).toBeUndefined();
    const { settled } = await import('../support/imports');
    const checked = await settled(app, token, run.id);
    expect(checked).toMatchObject({ status: 'CHECKED', unmappedRequired: [], problemCount: 0, inserted: 1 });
    const next = await dryRun(app, token, 'y.xlsx', await workbook(headers, [[`YH-M-${tag()}`, '护栏缺失', '一般', '工贸', '企业自查', town.name, town.lng, town.lat, '2026-02-01']]), { kind: 'hazards' });
    expect(next.mapping).toEqual(mapping);
    expect(next.unmappedRequired).toEqual([]);
  }, SLOW_MS);
});

describe('scope and idempotence', () => {
  it('a town official imports the rows of their town; another town\'s row is a problem and nothing is written', async () => {
    const headers = ['单位名称', '统一社会信用代码', '行业领域', '风险等级', '所属乡镇（街道）', '经度', '纬度'];
    const code = (n: number) => {
      const first17 = `91${town.code.slice(0, 6)}MA5T${String(n).padStart(5, '0')}`;
      return first17 + creditCodeCheckCharacter(first17);
    };
    const n = Number.parseInt(tag(), 16) % 90000;
    const bytes = await workbook(headers, [
      ['本镇企业', code(n), '工贸', '低风险', town.name, town.lng, town.lat],
      ['外镇企业', code(n + 1), '工贸', '低风险', otherTown.name, otherTown.lng, otherTown.lat],
    ]);
    const run = await dryRun(app, townOfficial, '企业.xlsx', bytes, { kind: 'enterprises' });
    expect(run).toMatchObject({ status: 'CHECKED', error: null });
    expect(run.problems).toEqual([expect.objectContaining({ row: 3, reason: expect.stringContaining('不在您的辖区') })]);
    expect(errorCode(await app.gql(`mutation ($id: ID!) { confirmImport(id: $id) { id } }`, { id: run.id }, townOfficial))).toBe('BAD_USER_INPUT');
    expect(await count('enterprises', 'credit_code = any($1)', [[code(n), code(n + 1)]])).toBe(0);

    const own = await dryRun(app, townOfficial, '企业.xlsx', await workbook(headers, [['本镇企业', code(n), '工贸', '低风险', town.name, town.lng, town.lat]]), { kind: 'enterprises' });
    expect(own).toMatchObject({ status: 'CHECKED', error: null, problemCount: 0, inserted: 1 });
    await confirm(app, townOfficial, own.id);
    const before = await count('enterprises');
    const { rows: [history] } = await app.db.pool.query(
      `select rh.import_id, rh.note from record_history rh join enterprises e on e.id = rh.entity_id and rh.entity_kind = 'enterprise' where e.credit_code = $1`, [code(n)]);
    expect(history).toMatchObject({ import_id: own.id });
    // The same file again: nothing to insert or update, and confirming it changes no count.
    const again = await dryRun(app, townOfficial, '企业.xlsx', await workbook(headers, [['本镇企业', code(n), '工贸', '低风险', town.name, town.lng, town.lat]]), { kind: 'enterprises' });
    expect(again).toMatchObject({ status: 'CHECKED', error: null, problemCount: 0, inserted: 0, updated: 0, unchanged: 1 });
    await confirm(app, townOfficial, again.id);
    expect(await count('enterprises')).toBe(before);
    // A changed value updates the row, and its history names the import that changed it.
    const changed = await dryRun(app, townOfficial, '企业.xlsx', await workbook(headers, [['本镇企业', code(n), '工贸', '较大风险', town.name, town.lng, town.lat]]), { kind: 'enterprises' });
    expect(changed).toMatchObject({ status: 'CHECKED', error: null, problemCount: 0, inserted: 0, updated: 1, unchanged: 0 });
    await confirm(app, townOfficial, changed.id);
    expect(await count('enterprises')).toBe(before);
    const { rows: [update] } = await app.db.pool.query(
      `select e.risk_level, rh.event, rh.changes, rh.import_id from enterprises e
       join record_history rh on rh.entity_id = e.id and rh.entity_kind = 'enterprise' and rh.event = 'UPDATED' where e.credit_code = $1`, [code(n)]);
    expect(update).toMatchObject({ risk_level: 'ORANGE', import_id: changed.id, changes: { risk_level: { old: 'BLUE', new: 'ORANGE' } } });
    // Another user's run is not theirs to see.
    expect((await app.gql(`query ($id: ID!) { importRun(id: $id) { id } }`, { id: own.id }, await app.login('inspector'))).data.importRun).toBeNull();
  }, SLOW_MS);
});

describe('an interrupted import', () => {
  // What app.fail_interrupted_imports does for every api process once a minute (main.ts).
  const sweep = async () => (await app.db.pool.query<{ id: string }>(`select app.fail_interrupted_imports('2 minutes') as id`)).rows.map((r) => r.id);
  const setRun = (id: string, status: string, quietFor: string) =>
    app.db.pool.query(`update import_runs set status = $2, worked_at = now() - $3::interval where id = $1`, [id, status, quietFor]);

  it('fails once its process has been quiet for two minutes, says why in Chinese, and can be checked again; a live one is left alone', async () => {
    const first17 = `91${town.code.slice(0, 6)}MA6T${String(Number.parseInt(tag(), 16) % 90000).padStart(5, '0')}`;
    const file = () => workbook(['单位名称', '统一社会信用代码', '行业领域', '风险等级', '所属乡镇（街道）', '经度', '纬度'],
      [['中断测试企业', first17 + creditCodeCheckCharacter(first17), '工贸', '低风险', town.name, town.lng, town.lat]]);
    const stopped = await dryRun(app, admin, '企业.xlsx', await file(), { kind: 'enterprises' });
    const alive = await dryRun(app, admin, '企业.xlsx', await file(), { kind: 'enterprises' });
    // As a process leaves them when it stops in the middle: READING, its last word minutes ago.
    await setRun(stopped.id, 'READING', '10 minutes');
    await setRun(alive.id, 'READING', '30 seconds');
    const failed = await sweep();
    expect(failed).toContain(stopped.id);
    expect(failed).not.toContain(alive.id);
    expect(await runOf(app, admin, stopped.id)).toMatchObject({ status: 'FAILED', error: expect.stringContaining('导入被中断') });
    expect((await runOf(app, admin, alive.id)).status).toBe('READING');
    // Its process said it is alive: the next sweep leaves it too.
    await setRun(alive.id, 'READING', '10 minutes');
    await app.db.pool.query('select app.import_worked($1::uuid[])', [[alive.id]]);
    expect(await sweep()).not.toContain(alive.id);
    await setRun(alive.id, 'CHECKED', '0 seconds');
    // Its rows were all staged before: checked again, it can be confirmed.
    const remapped = await app.gql(`mutation ($id: ID!, $m: JSON!) { remapImport(id: $id, mapping: $m) { id } }`, { id: stopped.id, m: stopped.mapping }, admin);
    expect(remapped.errors).toBeUndefined();
    const { settled } = await import('../support/imports');
    expect(await settled(app, admin, stopped.id)).toMatchObject({ status: 'CHECKED', problemCount: 0, inserted: 1 });
  }, SLOW_MS);

  // The embedded database has one connection: nothing runs beside a confirmation there.
  if (process.env.TEST_DATABASE_MODE === 'server') {
    it('being confirmed, however long it takes, is never failed: its transaction holds it', async () => {
      const run = await dryRun(app, admin, '企业.xlsx', await workbook(['单位名称', '行业领域', '所属乡镇（街道）', '经度', '纬度'],
        [['确认中企业', '工贸', town.name, town.lng, town.lat]]), { kind: 'enterprises' });
      await setRun(run.id, 'CONFIRMING', '10 minutes');
      const confirmation = await app.db.pool.connect();
      try {
        await confirmation.query('begin');
        await confirmation.query('select 1 from import_runs where id = $1 for update', [run.id]);
        expect(await sweep()).not.toContain(run.id);
        await confirmation.query('rollback');
      } finally {
        confirmation.release();
      }
      // Once no transaction holds it, a CONFIRMING run quiet for minutes is one whose process stopped.
      expect(await sweep()).toContain(run.id);
    }, SLOW_MS);
  }
});

describe('bad input', () => {
  const runsNow = () => count('import_runs');

  it('unknown kind, not a spreadsheet, empty file, too large: a typed refusal and no run', async () => {
    const before = await runsNow();
    const good = await workbook(['单位名称'], [['x']]);
    const unknown = await upload(app, admin, 'a.xlsx', good, { kind: 'ferries' });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'kind' } }] } });
    const notSheet = await upload(app, admin, 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), { kind: 'hazards' });
    expect(notSheet).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'file' } }] } });
    const empty = await upload(app, admin, 'empty.csv', Buffer.alloc(0), { kind: 'hazards' });
    expect(empty).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'file' } }] } });
    const large = await upload(app, admin, 'big.csv', Buffer.alloc(3 * 1024 * 1024, 0x41), { kind: 'hazards' });
    expect(large).toMatchObject({ status: 413, body: { errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] } });
    const badCrs = await upload(app, admin, 'a.xlsx', good, { kind: 'hazards', crs: 'UTM50' });
    expect(badCrs).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'crs' } }] } });
    const publicUpload = await fetch(`${app.baseUrl}/imports`, { method: 'POST', body: new FormData() });
    expect(publicUpload.status).toBe(401);
    expect(await runsNow()).toBe(before);
  });

  it('a spreadsheet that is not one, and a CSV without rows, fail with the reason in Chinese and write nothing', async () => {
    const broken = await dryRun(app, admin, 'broken.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]), { kind: 'hazards' });
    expect(broken).toMatchObject({ status: 'FAILED', error: expect.stringContaining('Excel') });
    const headersOnly = await dryRun(app, admin, 'h.csv', Buffer.from('隐患编号,隐患内容\r\n'), { kind: 'hazards' });
    expect(headersOnly).toMatchObject({ status: 'FAILED', error: '文件中没有数据行' });
    const report = await download(app, admin, `/imports/${broken.id}/report.csv`);
    expect(report.status).toBe(400);
  });

  it('a role that may not create the kind may not import it', async () => {
    const analyst = await app.login('analyst');
    const refused = await upload(app, analyst, 'a.xlsx', await workbook(['单位名称'], [['x']]), { kind: 'enterprises' });
    expect(refused).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'FORBIDDEN' } }] } });
    const template = await download(app, analyst, '/imports/templates/hazards.xlsx');
    expect(template.status).toBe(403);
  });
});
