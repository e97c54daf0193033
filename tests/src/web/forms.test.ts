import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app';
import { launchChromium, showHeatmap } from '../support/browser';
import { TEST_PASSWORD } from '../support/constants';
import { phonePhoto } from '../support/attachments';
import { scopeOf } from '../support/hazard-fixtures';

// The forms of web/src/forms in a headless Chromium against the api in-process: each
// acceptance story of issue 10 part 1, and bad input in every form, which must show a
// readable error and write nothing (counted in the database before and after).
let app: TestApp;
let browser: Browser;

// A story signs in, loads the map and writes through several forms: on the embedded
// database (one connection for every request of the page) on a loaded machine that takes
// minutes, so the waits are long; what is waited for is unchanged.
jest.setTimeout(300_000);
const WAIT_MS = 90_000;

beforeAll(async () => {
  app = await startTestApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signIn(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(app.baseUrl);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await page.click('button[type=submit]');
  // Staff open on the map; an enterprise account on its company card (its home).
  await page.waitForSelector('[data-testid=risk-map][data-ready=true], [data-testid=company-card]');
  await page.waitForSelector('[data-testid=new-record], [data-testid=hazard-row]');
  return page;
}

/** Rows of a table, read as the database owner (outside row-level security). */
async function count(table: string, where = 'true', values: unknown[] = []): Promise<number> {
  const { rows: [row] } = await app.db.pool.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, values);
  return row!.n;
}

/** Clicks the map `dx`, `dy` pixels from its centre (the user's own town fills the view). */
async function clickMap(page: Page, dx = 0, dy = 0): Promise<void> {
  const box = (await page.locator('[data-testid=risk-map]').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
}

async function pickOnMap(page: Page, dx = 0, dy = 0): Promise<void> {
  await page.click('[data-testid=pick-location]');
  await page.waitForSelector('[data-testid=risk-map][data-picking=point]');
  await clickMap(page, dx, dy);
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=location-value]')?.textContent ?? ''));
}

const heatWeight = async (page: Page) => Number(await page.getAttribute('[data-testid=risk-map]', 'data-heat-weight'));
const tag = () => Math.random().toString(36).slice(2, 8);

test('a town official registers a hazard picked on the map, with a photo, and finds it in the list and on the map', async () => {
  const page = await signIn('town');
  await showHeatmap(page);
  const heatBefore = await heatWeight(page);
  const description = `农贸市场消防通道被占用 ${tag()}`;

  await page.click('[data-testid=new-hazard]');
  await page.check('input[name=subject][value=place]');
  await page.fill('input[name=placeName]', '镇农贸市场');
  await page.selectOption('select[name=source]', 'DEPARTMENT_INSPECTION');
  await page.selectOption('select[name=sector]', 'FIRE_SAFETY');
  await page.selectOption('select[name=level]', 'MAJOR');
  await page.fill('textarea[name=description]', description);
  await pickOnMap(page, 0, 20);
  await page.setInputFiles('[data-testid=hazard-photos]', { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await phonePhoto() });
  await page.click('[data-testid=hazard-form] button[type=submit]');

  // The new hazard opens; it is in the ledger of the official's town, with its photo before rectification.
  await page.waitForSelector(`[data-testid=hazard-detail]:has-text("${description}")`);
  expect(await page.textContent('[data-testid=detail-status]')).toBe('登记');
  const code = (await page.textContent('[data-testid=hazard-detail] h2'))!.split(' · ')[0]!.trim();
  const { rows: [saved] } = await app.db.pool.query(
    'select h.town_code, h.source, h.place_name, u.username from hazards h join users u on u.id = h.reporter_user_id where h.description = $1', [description]);
  expect(saved).toMatchObject({ source: 'DEPARTMENT_INSPECTION', place_name: '镇农贸市场', username: 'town' });
  const { rows: [official] } = await app.db.pool.query(`select jurisdiction_code from users where username = 'town'`);
  expect(saved.town_code).toBe(official.jurisdiction_code);
  const { rows: photos } = await app.db.pool.query(
    `select a.kind from attachments a join hazards h on h.id = a.hazard_id where h.description = $1`, [description]);
  expect(photos).toEqual([{ kind: 'BEFORE' }]);

  // In the list, newest first; on the map, the heat of the town grows by a major hazard's weight (5).
  await page.click('text=返回列表');
  await page.selectOption('select[name=order]', 'FOUND_AT_DESC');
  await page.waitForSelector(`[data-testid=hazard-row]:first-child:has-text("${code}")`);
  await page.waitForFunction((before) => Number(document.querySelector('[data-testid=risk-map]')?.getAttribute('data-heat-weight')) === before + 5, heatBefore);
  await page.close();
});

test('an enterprise user self-reports a find at its own premises (企业自查)', async () => {
  const own = await scopeOf(app.db.pool, 'enterprise');
  const page = await signIn('enterprise');
  // Enterprises, inspections and the rest are staff's: the menu offers the enterprise only its own finds.
  expect(await page.locator('[data-testid=new-record] button').count()).toBe(1);
  const description = `液氨储罐区压力表超期未检 ${tag()}`;
  await page.click('[data-testid=new-hazard]');
  await page.waitForSelector('[data-testid=own-enterprise]');
  // An enterprise records only its own self-inspection finds: no subject or source to choose.
  expect(await page.locator('input[name=subject]').count()).toBe(0);
  expect(await page.locator('select[name=source]').count()).toBe(0);
  await page.selectOption('select[name=sector]', own.sector);
  await page.selectOption('select[name=level]', 'GENERAL');
  await page.fill('textarea[name=description]', description);
  await page.click('[data-testid=hazard-form] button[type=submit]');
  await page.waitForSelector(`[data-testid=hazard-detail]:has-text("${description}")`);
  expect(await page.textContent('[data-testid=hazard-detail]')).toContain('企业自查');

  const { rows: [saved] } = await app.db.pool.query(
    `select source, enterprise_id, st_distance(h.location, e.location) < 1e-5 as at_premises
     from hazards h join enterprises e on e.id = h.enterprise_id where h.description = $1`, [description]);
  expect(saved).toEqual({ source: 'SELF_INSPECTION', enterprise_id: own.enterpriseId, at_premises: true });
  await page.close();
});

test('an inspector records an inspection with two findings and a fine, and sees the two hazards', async () => {
  const inspector = await scopeOf(app.db.pool, 'inspector');
  const { rows: [target] } = await app.db.pool.query(
    `select id, name, credit_code from enterprises where town_code like $1 || '%' and sector = 'HAZARDOUS_CHEMICALS' and status <> 'CLOSED' order by id limit 1`,
    [inspector.viewer.jurisdictionCode]);
  const inspectionsBefore = await count('inspections', 'enterprise_id = $1', [target.id]);
  const page = await signIn('inspector');
  await page.click('[data-testid=new-inspection]');
  await page.fill('[data-testid=find-enterprise] input', target.credit_code);
  await page.click(`[data-testid=find-enterprise] button:has-text("${target.name}")`);
  await page.selectOption('select[name=kind]', 'SPECIAL_CAMPAIGN');
  await page.selectOption('select[name=sector]', 'HAZARDOUS_CHEMICALS');
  await page.fill('input[name=inspectors]', '李四、王五');
  const findings = [`储罐区未设置可燃气体报警 ${tag()}`, `安全出口堵塞 ${tag()}`];
  await page.fill('textarea[name="f0.description"]', findings[0]!);
  await page.selectOption('select[name="f0.level"]', 'MAJOR');
  await page.click('[data-testid=add-finding]');
  await page.fill('textarea[name="f1.description"]', findings[1]!);
  await page.selectOption('select[name="f1.level"]', 'GENERAL');
  await page.check('input[name=enforcement][value=ORDER_RECTIFY]');
  await page.check('input[name=enforcement][value=FINE]');
  await page.fill('input[name=fineAmountYuan]', '30000');
  await page.click('[data-testid=inspection-form] button[type=submit]');

  await page.waitForSelector('[data-testid=inspection-recorded]');
  expect(await page.locator('[data-testid=finding-hazard]').count()).toBe(2);
  expect(await count('inspections', 'enterprise_id = $1', [target.id])).toBe(inspectionsBefore + 1);
  const { rows } = await app.db.pool.query(
    `select h.description, h.level, h.source, a.kind, a.fine_amount_yuan::float as fine
     from inspections i join hazards h on h.inspection_id = i.id left join enforcement_actions a on a.inspection_id = i.id and a.kind = 'FINE'
     where h.description = any($1) order by h.description`, [findings]);
  expect(rows).toHaveLength(2);
  expect(rows.every((r) => r.source === 'DEPARTMENT_INSPECTION' && r.fine === 30000)).toBe(true);

  // Each finding is a hazard the inspector can open.
  await page.locator('[data-testid=finding-hazard]').first().click();
  await page.waitForSelector('[data-testid=hazard-detail]');
  const opened = (await page.textContent('[data-testid=hazard-detail]'))!;
  expect(findings.filter((f) => opened.includes(f))).toHaveLength(1);
  await page.close();
});

test('an inspector registers a major hazard, lists it for supervision at the county and publishes it', async () => {
  const page = await signIn('inspector');
  const description = `烟花爆竹仓库超量储存 ${tag()}`;
  await page.click('[data-testid=new-hazard]');
  await page.check('input[name=subject][value=place]');
  await page.fill('input[name=placeName]', '城郊烟花爆竹仓库');
  await page.selectOption('select[name=source]', 'SUPERVISION');
  await page.selectOption('select[name=sector]', 'FIREWORKS');
  await page.selectOption('select[name=level]', 'MAJOR');
  await page.fill('textarea[name=description]', description);
  await pickOnMap(page, 0, 20);
  await page.click('[data-testid=hazard-form] button[type=submit]');
  await page.waitForSelector(`[data-testid=hazard-detail]:has-text("${description}")`);

  // Offered because the hazard's viewerActions hold LIST_FOR_SUPERVISION.
  await page.click('[data-testid=action-list]');
  const { rows: [{ deadline }] } = await app.db.pool.query(`select (app.today() + 90)::text as deadline`);
  await page.selectOption('[data-testid=form-list] select[name=level]', 'COUNTY');
  for (const [name, value] of Object.entries({
    listingBody: '县安全生产委员会', rectifyingUnit: '城郊烟花爆竹仓库', rectifyingHead: '周八', regulatingUnit: '县应急管理局',
    regulatingHead: '吴九', supervisingOfficial: '郑十',
  })) await page.fill(`[data-testid=form-list] input[name=${name}]`, value);
  await page.fill('[data-testid=form-list] input[name=deadline]', deadline);
  await page.click('[data-testid=form-list] button[type=submit]');
  await page.waitForSelector('[data-testid=hazard-detail] dd:has-text("县级")');

  await page.click('[data-testid=action-publish]');
  await page.fill('[data-testid=form-publish] input[name=note]', '县级挂牌督办，向社会公示');
  await page.click('[data-testid=form-publish] button[type=submit]');
  await page.waitForSelector('[data-testid=detail-published]:text-is("已公示")');
  const { rows: [saved] } = await app.db.pool.query(
    `select h.listed_level, h.published, s.listing_body, s.supervising_official
     from hazards h join listed_supervisions s on s.hazard_id = h.id where h.description = $1`, [description]);
  expect(saved).toEqual({ listed_level: 'COUNTY', published: true, listing_body: '县安全生产委员会', supervising_official: '郑十' });
  // Published: the withdrawal (撤销公示) is what is offered now.
  await page.waitForSelector('[data-testid=action-unpublish]');
  await page.close();
});

describe('bad input gets a readable error and writes nothing', () => {
  test('a hazard with missing fields, or at a place outside the official\'s town', async () => {
    const before = await count('hazards');
    const page = await signIn('town');
    await page.click('[data-testid=new-hazard]');
    await page.click('[data-testid=hazard-form] button[type=submit]');
    for (const field of ['placeName', 'source', 'sector', 'level', 'description', 'location']) {
      expect(await page.textContent(`[data-testid=problem-${field}]`)).toMatch(/必填|请在地图上点选位置/);
    }
    // All five in place or none: a responsible person alone is refused.
    await page.fill('input[name=responsiblePerson]', '张三');
    expect(await page.textContent('[data-testid=problem-measures]')).toContain('必填');
    await page.fill('input[name=responsiblePerson]', '');

    await page.fill('input[name=placeName]', '渡口');
    await page.selectOption('select[name=source]', 'DEPARTMENT_INSPECTION');
    await page.selectOption('select[name=sector]', 'WATER_TRAFFIC');
    await page.selectOption('select[name=level]', 'GENERAL');
    await page.fill('textarea[name=description]', '渡船未配救生衣');
    // The corner of the map lies outside the town that fills the view.
    const box = (await page.locator('[data-testid=risk-map]').boundingBox())!;
    await pickOnMap(page, -box.width / 2 + 8, -box.height / 2 + 8);
    await page.click('[data-testid=hazard-form] button[type=submit]');
    expect(await page.textContent('[data-testid=hazard-form] .error')).toMatch(/管辖范围|不符合要求|未通过校验/);
    expect(await count('hazards')).toBe(before);
    await page.close();
  });

  test('an enterprise with a wrong credit code, checked as it is typed', async () => {
    const before = await count('enterprises');
    const page = await signIn('town');
    await page.click('[data-testid=new-enterprise]');
    await page.fill('input[name=name]', '测试化工有限公司');
    // The first 17 call for the check character E, not A: the API names the right one.
    await page.fill('input[name=creditCode]', '91430900MA4L16JR6A');
    await page.waitForSelector('[data-testid=credit-code-check][data-valid=false]');
    expect(await page.textContent('[data-testid=credit-code-check]')).toMatch(/校验码不符|18 位/);
    await page.selectOption('select[name=sector]', 'HAZARDOUS_CHEMICALS');
    await page.selectOption('select[name=riskLevel]', 'ORANGE');
    await pickOnMap(page, 0, 20);
    await page.click('[data-testid=enterprise-form] button[type=submit]');
    await page.waitForSelector('[data-testid=problem-creditCode]');
    await page.fill('input[name=creditCode]', 'ABC');
    await page.waitForSelector('[data-testid=credit-code-check]:has-text("18 位")');
    expect(await count('enterprises')).toBe(before);
    await page.close();
  });

  test('an inspection without its fields, and a fine without an amount', async () => {
    const before = await count('inspections');
    const hazards = await count('hazards');
    const page = await signIn('inspector');
    await page.click('[data-testid=new-inspection]');
    await page.check('input[name=enforcement][value=FINE]');
    await page.click('[data-testid=inspection-form] button[type=submit]');
    for (const field of ['kind', 'sector', 'inspectors', 'townCode', 'f0.description', 'f0.level', 'fineAmountYuan']) {
      await page.waitForSelector(`[data-testid="problem-${field}"]`);
    }
    expect(await count('inspections')).toBe(before);
    expect(await count('hazards')).toBe(hazards);
    await page.close();
  });

  test('a listing without its fields', async () => {
    const page = await signIn('inspector');
    await page.click('[data-testid=new-hazard]');
    await page.check('input[name=subject][value=place]');
    await page.fill('input[name=placeName]', '危化品仓库');
    await page.selectOption('select[name=source]', 'SUPERVISION');
    await page.selectOption('select[name=sector]', 'HAZARDOUS_CHEMICALS');
    await page.selectOption('select[name=level]', 'MAJOR');
    await page.fill('textarea[name=description]', `仓库未设防爆电器 ${tag()}`);
    await pickOnMap(page, 0, 20);
    await page.click('[data-testid=hazard-form] button[type=submit]');
    await page.waitForSelector('[data-testid=action-list]');
    const before = await count('listed_supervisions');
    await page.click('[data-testid=action-list]');
    await page.fill('[data-testid=form-list] input[name=listingBody]', '县安委会');
    await page.click('[data-testid=form-list] button[type=submit]');
    for (const field of ['level', 'rectifyingUnit', 'deadline']) await page.waitForSelector(`[data-testid=problem-${field}]`);
    expect(await count('listed_supervisions')).toBe(before);
    await page.close();
  });

  test('a road segment whose end lies before its start, or without a line, and an accident without its facts', async () => {
    const segments = await count('road_segments');
    const accidents = await count('accidents');
    const page = await signIn('town');
    await page.click('[data-testid=new-roadSegment]');
    await page.fill('input[name=roadNumber]', 'X012');
    await page.fill('input[name=roadName]', '测试县道');
    await page.selectOption('select[name=roadClass]', 'COUNTY');
    await page.selectOption('select[name=riskLevel]', 'RED');
    await page.fill('input[name=start]', 'K13+050');
    await page.fill('input[name=end]', 'K12+300');
    await page.click('[data-testid=road-segment-form] button[type=submit]');
    expect(await page.textContent('[data-testid=problem-end]')).toContain('终点桩号须大于起点桩号');
    await page.waitForSelector('[data-testid=problem-geometry]');
    await page.fill('textarea[name=geojson]', '{"type":"Point","coordinates":[112.3,28.5]}');
    await page.waitForSelector('[data-testid=problem-geojson]');
    expect(await count('road_segments')).toBe(segments);

    await page.click('text=返回列表');
    await page.click('[data-testid=new-accident]');
    await page.click('[data-testid=accident-form] button[type=submit]');
    for (const field of ['occurredAt', 'description', 'sector', 'location']) await page.waitForSelector(`[data-testid=problem-${field}]`);
    expect(await count('accidents')).toBe(accidents);
    await page.close();
  });
});

test('a town official draws a road segment on the map with its chainage', async () => {
  const page = await signIn('town');
  const name = `测试乡道 ${tag()}`;
  await page.click('[data-testid=new-roadSegment]');
  await page.fill('input[name=roadNumber]', 'Y101');
  await page.fill('input[name=roadName]', name);
  await page.selectOption('select[name=roadClass]', 'TOWNSHIP');
  await page.selectOption('select[name=riskLevel]', 'ORANGE');
  await page.fill('input[name=start]', 'K1+200');
  await page.fill('input[name=end]', 'K1+900');
  await page.check('input[name=feature][value=SHARP_BEND_STEEP_SLOPE]');
  await page.click('[data-testid=draw-line]');
  await clickMap(page, -20, 10);
  await clickMap(page, 20, 30);
  await page.waitForSelector('[data-testid=line-vertices]:has-text("2")');
  await page.click('[data-testid=road-segment-form] button[type=submit]');
  await page.waitForSelector(`[data-testid=road-segment-detail]:has-text("${name}")`);
  const { rows: [saved] } = await app.db.pool.query(
    `select start_chainage_m, end_chainage_m, st_npoints(geom) as points, features::text[] as features from road_segments where road_name = $1`, [name]);
  expect(saved).toEqual({ start_chainage_m: 1200, end_chainage_m: 1900, points: 2, features: ['SHARP_BEND_STEEP_SLOPE'] });
  await page.close();
});
