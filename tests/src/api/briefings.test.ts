import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import sharp from 'sharp';
import { TEST_PASSWORD } from '../support/constants';
import { errorCode, startTestApp, type TestApp } from '../support/app';
import { createUser } from '../support/users';

// The monthly briefing (通报, DOCX and PDF) and the quarterly statistics table (XLSX) are made
// on demand from the API's own figures, kept in the database under row-level security, and
// downloaded with the bearer token.

// Asynchronous, never execFileSync: the api runs in this process and must go on answering
// (and closing idle connections on time) while poppler works.
const run = async (command: string, args: string[]) => (await promisify(execFile)(command, args, { encoding: 'utf8' })).stdout;

let app: TestApp;
let leader: string;
let work: string;

beforeAll(async () => {
  app = await startTestApp();
  leader = await app.login('leader');
  work = mkdtempSync(join(tmpdir(), 'briefings-'));
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await app.close();
});

const BRIEFING_FIELDS = 'id kind jurisdictionCode jurisdictionName periodFrom periodTo title files { format path bytes }';
const GENERATE = `mutation ($code: String!, $month: String!) { generateBriefing(jurisdictionCode: $code, month: $month) { ${BRIEFING_FIELDS} } }`;
const QUARTERLY = `mutation ($code: String!, $year: Int!, $quarter: Int!) { generateQuarterlyTable(jurisdictionCode: $code, year: $year, quarter: $quarter) { ${BRIEFING_FIELDS} } }`;
const STATS = `query ($from: LocalDate, $to: LocalDate, $filter: HazardFilter) {
  jurisdictionStats(parentCode: "430900", from: $from, to: $to, filter: $filter) {
    code name rank overdue listed found rectified riskScore accidents { current previous } deaths { current }
  }
}`;

interface UnitStats { code: string; name: string; rank: number; overdue: number; listed: number; found: number; rectified: number; riskScore: number }

const integer = (n: number) => n.toLocaleString('zh-CN');
const sum = (units: UnitStats[], pick: (u: UnitStats) => number) => units.reduce((t, u) => t + pick(u), 0);

async function loginAs(username: string): Promise<string> {
  const result = await app.gql('mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: TEST_PASSWORD });
  return result.data.login.token;
}

async function download(path: string, token?: string): Promise<Response> {
  return fetch(`${app.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** The month before the deployment's today, YYYY-MM, and its first and last day. */
async function lastMonth(): Promise<{ month: string; from: string; to: string }> {
  const today = (await app.gql('{ today }', {}, leader)).data.today as string;
  const first = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  const last = new Date(first.getTime() - 86_400_000);
  const month = last.toISOString().slice(0, 7);
  return { month, from: `${month}-01`, to: last.toISOString().slice(0, 10) };
}

describe('the monthly briefing', () => {
  it('is made as DOCX and PDF holding the figures of jurisdictionStats, in Chinese, with the map', async () => {
    const { month, from, to } = await lastMonth();
    const made = await app.gql(GENERATE, { code: '430900', month }, leader);
    expect(made.errors).toBeUndefined();
    const briefing = made.data.generateBriefing;
    expect(briefing).toMatchObject({ kind: 'MONTHLY', jurisdictionCode: '430900', periodFrom: from, periodTo: to });
    expect(briefing.title).toBe(`益阳市${Number(month.slice(0, 4))}年${Number(month.slice(5))}月安全生产隐患排查治理情况通报`);
    const units: UnitStats[] = (await app.gql(STATS, { from, to }, leader)).data.jurisdictionStats;
    expect(units.length).toBeGreaterThan(1);
    const worst = units.find((u) => u.rank === 1)!;

    const docx = briefing.files.find((f: { format: string }) => f.format === 'docx');
    const docxResponse = await download(docx.path, leader);
    expect(docxResponse.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await docxResponse.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    // The document's text, paragraphs and table cells run together (as the PDF's text is compared).
    const words = xml.replace(/<[^>]+>/g, '');
    expect(words).toContain(briefing.title);
    expect(words).toContain(`共排查隐患${integer(sum(units, (u) => u.found))}项`);
    expect(words).toContain(`已整改${integer(sum(units, (u) => u.rectified))}项`);
    expect(words).toContain(`超期未整改隐患${integer(sum(units, (u) => u.overdue))}项`);
    for (const u of units) expect(words).toContain(`${u.rank}${u.name}${u.riskScore.toFixed(1)}${integer(u.overdue)}${integer(u.listed)}${integer(u.found)}`);
    expect(words).toContain(`通报批评`);
    expect(words).toContain(`${worst.name}（超期隐患${integer(worst.overdue)}项`);
    expect(Object.keys(zip.files).some((name) => /^word\/media\/.+\.png$/.test(name))).toBe(true);

    const pdf = briefing.files.find((f: { format: string }) => f.format === 'pdf');
    const pdfResponse = await download(pdf.path, leader);
    expect(pdfResponse.headers.get('content-type')).toBe('application/pdf');
    const pdfPath = join(work, 'briefing.pdf');
    writeFileSync(pdfPath, Buffer.from(await pdfResponse.arrayBuffer()));
    const text = (await run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'])).replace(/\s+/g, '');
    expect(text).toContain(briefing.title);
    expect(text).toContain(`共排查隐患${integer(sum(units, (u) => u.found))}项`);
    expect(text).toContain(`超期未整改隐患${integer(sum(units, (u) => u.overdue))}项`);
    for (const u of units) expect(text).toContain(u.name);
    // The Chinese font is embedded (a subset), so any reader shows the characters.
    expect(await run('pdffonts', [pdfPath])).toMatch(/WenQuanYi.*yes\s+yes/);
    // The pages as images: one of them shows the map's dark reds (units with the most overdue).
    await run('pdftoppm', ['-png', '-r', '40', pdfPath, join(work, 'page')]);
    const pages = readdirSync(work).filter((name) => name.startsWith('page'));
    expect(pages.length).toBeGreaterThan(0);
    const reds = await Promise.all(pages.map(async (page) => {
      const { data, info } = await sharp(readFileSync(join(work, page))).raw().toBuffer({ resolveWithObject: true });
      let count = 0;
      for (let i = 0; i < data.length; i += info.channels) if (data[i]! > 150 && data[i + 1]! < 80 && data[i + 2]! < 80) count += 1;
      return count;
    }));
    expect(Math.max(...reds)).toBeGreaterThan(100);
  });

  it('is kept and listed for later download, in the sight of those above the unit only', async () => {
    const { month } = await lastMonth();
    const county = await createUser(app.db.pool, { role: 'leader', jurisdictionCode: '430902' });
    const countyToken = await loginAs(county.username);
    const own = (await app.gql(GENERATE, { code: '430902', month }, countyToken)).data.generateBriefing;
    const city = (await app.gql(GENERATE, { code: '430900', month }, leader)).data.generateBriefing;
    const listOf = async (token: string) => (await app.gql(`{ briefings(first: 200) { id } }`, {}, token)).data.briefings.map((b: { id: string }) => b.id);
    expect(await listOf(leader)).toEqual(expect.arrayContaining([own.id, city.id]));
    const countyList = await listOf(countyToken);
    expect(countyList).toContain(own.id);
    expect(countyList).not.toContain(city.id);
    const refused = await download(`/briefings/${city.id}.pdf`, countyToken);
    expect([refused.status, errorCode(await refused.json())]).toEqual([404, 'NOT_FOUND']);
    // The county leader may not make the city's briefing either (the insert policy).
    expect(errorCode(await app.gql(GENERATE, { code: '430900', month }, countyToken))).toMatch(/NOT_FOUND|FORBIDDEN/);
  });

  it('refuses a town official, the public, a bad month, a month to come and a town', async () => {
    const { month } = await lastMonth();
    expect(errorCode(await app.gql(GENERATE, { code: '430900', month }, await app.login('town')))).toBe('FORBIDDEN');
    expect(errorCode(await app.gql(GENERATE, { code: '430900', month }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await app.gql(GENERATE, { code: '430900', month: '2026-13' }, leader))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.gql(GENERATE, { code: '430900', month: '2099-01' }, leader))).toBe('BAD_USER_INPUT');
    const { rows: [town] } = await app.db.pool.query<{ code: string }>(`select code from jurisdictions where level = 'town' limit 1`);
    expect(errorCode(await app.gql(GENERATE, { code: town!.code, month }, leader))).toBe('BAD_USER_INPUT');
    expect((await download('/briefings/1.pdf')).status).toBe(401);
  });
});

describe('the quarterly statistics table', () => {
  it('is an XLSX in the national layout whose totals equal the API', async () => {
    const { month } = await lastMonth();
    const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5))];
    const quarter = Math.ceil(m / 3);
    const made = await app.gql(QUARTERLY, { code: '430900', year, quarter }, leader);
    expect(made.errors).toBeUndefined();
    const table = made.data.generateQuarterlyTable;
    const { periodFrom: from, periodTo: to } = table;
    expect(from).toBe(`${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`);
    const statsOf = async (filter: object) => (await app.gql(STATS, { from, to, filter }, leader)).data.jurisdictionStats as UnitStats[];
    const [general, major, province, city, county] = await Promise.all([
      statsOf({ levels: ['GENERAL'] }), statsOf({ levels: ['MAJOR'] }),
      statsOf({ listedLevels: ['PROVINCE'] }), statsOf({ listedLevels: ['CITY'] }), statsOf({ listedLevels: ['COUNTY'] }),
    ]);

    const response = await download(table.files[0].path, leader);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as never);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe(table.title);
    expect([sheet.getCell('A3').value, sheet.getCell('B3').value, sheet.getCell('C3').value, sheet.getCell('F3').value, sheet.getCell('J3').value])
      .toEqual(['序号', '单位', '一般隐患', '重大隐患', '挂牌督办（项）']);
    expect([sheet.getCell('C4').value, sheet.getCell('D4').value, sheet.getCell('E4').value, sheet.getCell('I4').value])
      .toEqual(['排查数（项）', '已整改（项）', '整改率', '未整改（项）']);
    const total = sheet.getRow(5 + general.length);
    expect(total.getCell(2).value).toBe('合计');
    const cells = [3, 4, 6, 7, 9, 10, 11, 12].map((c) => total.getCell(c).value);
    expect(cells).toEqual([
      sum(general, (u) => u.found), sum(general, (u) => u.rectified),
      sum(major, (u) => u.found), sum(major, (u) => u.rectified), sum(major, (u) => u.found - u.rectified),
      sum(province, (u) => u.found), sum(city, (u) => u.found), sum(county, (u) => u.found),
    ]);
    expect(sum(general, (u) => u.found) + sum(major, (u) => u.found)).toBeGreaterThan(0);
    // One row per county, each with its own figures (units of equal rank may come in either order).
    const rows = general.map((_, i) => [sheet.getRow(5 + i).getCell(2).value, sheet.getRow(5 + i).getCell(3).value]);
    expect(new Map(rows as [string, number][])).toEqual(new Map(general.map((u) => [u.name, u.found])));
  });
});
