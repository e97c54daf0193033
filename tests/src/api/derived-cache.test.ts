import { startTestApp, type TestApp } from '../support/app';
import { freshHazard, scopeOf } from '../support/hazard-fixtures';
import { createUser } from '../support/users';
import { decodeTile, tileAt } from '../tiles/tile-support';

const STATS = `query ($parent: String!) { jurisdictionStats(parentCode: $parent, level: town) { code overdue } }`;
const START = `mutation ($id: ID!, $v: Int!, $five: FiveInPlaceInput!, $reason: String) {
  startRectification(id: $id, version: $v, fiveInPlace: $five, deadlineChangeReason: $reason) { id status } }`;
const inDays = (days: number) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);

let app: TestApp;
let token: string;

let overdue: { id: number; version: number; town: string; lng: number; lat: number };

beforeAll(async () => {
  app = await startTestApp();
  token = await app.login('town');
  // The demo town is a typical one, with few overdue hazards: the test makes its own, about an
  // enterprise (which rectifies; the town supervises), before anything is cached.
  const place = await scopeOf(app.db.pool, 'town');
  ({ rows: [overdue] } = await app.db.pool.query<{ id: number; version: number; town: string; lng: number; lat: number }>(
    `insert into hazards (code, description, level, sector, source, enterprise_id, location, town_code, found_at, responsible_person, deadline)
     values ('T-' || md5(random()::text), 'test hazard', 'GENERAL', 'FIRE_SAFETY', 'DEPARTMENT_INSPECTION',
             (select id from enterprises where town_code = $3 and status <> 'CLOSED' order by id limit 1),
             st_setsrid(st_makepoint($1, $2), 4326), $3, now() - interval '30 days', 'p', app.today() - 10)
     returning id, version, town_code as town, st_x(location) as lng, st_y(location) as lat`,
    [place.lng, place.lat, place.townCode]));
});
afterAll(() => app.close());

async function overdueIdsInTile(tile: { z: number; x: number; y: number }): Promise<number[]> {
  const response = await fetch(`${app.baseUrl}/tiles/hazards/${tile.z}/${tile.x}/${tile.y}.mvt?overdue=true`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  return (decodeTile(new Uint8Array(await response.arrayBuffer())).hazards ?? []).map((f) => Number(f.id));
}

async function enterpriseNamesInTile(tile: { z: number; x: number; y: number }, as: string): Promise<string[]> {
  const response = await fetch(`${app.baseUrl}/tiles/enterprises/${tile.z}/${tile.x}/${tile.y}.mvt`, {
    headers: { authorization: `Bearer ${as}` },
  });
  expect(response.status).toBe(200);
  return (decodeTile(new Uint8Array(await response.arrayBuffer())).enterprises ?? []).map((f) => String(f.properties.name));
}

async function townOverdue(county: string, town: string, as = token): Promise<{ overdue: number; statements: number }> {
  const result = await app.gql(STATS, { parent: county }, as);
  expect(result.errors).toBeUndefined();
  const row = result.data.jurisdictionStats.find((r: { code: string }) => r.code === town);
  return { overdue: row.overdue, statements: result.extensions!.sqlStatements! };
}

describe('cached tiles and figures', () => {
  it('serve a repeated aggregate without running its statement again', async () => {
    const { rows: [user] } = await app.db.pool.query<{ town: string }>(`select jurisdiction_code as town from users where username = 'town'`);
    const county = user!.town.slice(0, 6);
    await townOverdue(county, user!.town);
    expect((await townOverdue(county, user!.town)).statements).toBe(0);
  });

  it('show a write made through the api in the very next tile and figures', async () => {
    const { id, version, town, lng, lat } = overdue;
    const county = town.slice(0, 6);
    const tile = tileAt(lng, lat, 14);

    expect(await overdueIdsInTile(tile)).toContain(id);
    const before = await townOverdue(county, town);
    // Asked twice, so both are surely in the caches before the write.
    expect(await overdueIdsInTile(tile)).toContain(id);
    expect((await townOverdue(county, town)).statements).toBe(0);

    // The town supervises the enterprise's rectification: it may give a new deadline, with a reason.
    const started = await app.gql(START, {
      id: String(id), v: version, reason: '企业停产检修，重新确定整改期限',
      five: { responsiblePerson: '李明', measures: '更换灭火器', fundsYuan: 800, deadline: inDays(20), contingencyPlan: '临时值守' },
    }, token);
    expect(started.errors).toBeUndefined();

    expect(await overdueIdsInTile(tile)).not.toContain(id);
    expect((await townOverdue(county, town)).overdue).toBe(before.overdue - 1);
  });

  it('renew after a write only what it can affect: its town\'s and its ancestors\' figures and its tiles, not another town\'s', async () => {
    const place = await scopeOf(app.db.pool, 'town');
    const county = place.townCode.slice(0, 6);
    // An enterprise in another county, and a town official there.
    const { rows: [firm] } = await app.db.pool.query<{ id: number; name: string; town: string; lng: number; lat: number }>(
      `select id, name, town_code as town, st_x(location) as lng, st_y(location) as lat from enterprises
       where not (town_code >= $1 and town_code < $1 || ':') order by id limit 1`, [county]);
    const other = await createUser(app.db.pool, { role: 'town', jurisdictionCode: firm!.town });
    const otherToken = await app.login(other.username);
    const otherCounty = firm!.town.slice(0, 6);
    const leader = await app.login('leader');
    const mine = await freshHazard(app.db.pool, { ...place, sector: 'FIRE_SAFETY', enterpriseId: null }, 'REPORTED');

    // Cached: the town's, the city leader's and the other town's figures, and the other town's tile.
    const otherTile = tileAt(firm!.lng, firm!.lat, 14);
    for (const ask of [() => townOverdue(county, place.townCode), () => townOverdue('430900', place.townCode, leader),
      () => townOverdue(otherCounty, firm!.town, otherToken)]) {
      await ask();
      expect((await ask()).statements).toBe(0);
    }
    expect(await enterpriseNamesInTile(otherTile, otherToken)).toContain(firm!.name);

    const started = await app.gql(START, {
      id: mine.id, v: mine.version,
      five: { responsiblePerson: '李明', measures: '更换灭火器', fundsYuan: 800, deadline: inDays(20), contingencyPlan: '临时值守' },
    }, token);
    expect(started.errors).toBeUndefined();

    expect((await townOverdue(county, place.townCode)).statements).toBeGreaterThan(0);
    expect((await townOverdue('430900', place.townCode, leader)).statements).toBeGreaterThan(0);
    expect((await townOverdue(otherCounty, firm!.town, otherToken)).statements).toBe(0);
    // Renamed behind the api's back: the database announces the town (live updates), not the
    // enterprise's place, so only a renewed tile would show the new name.
    const renamed = `${firm!.name}（改名）`;
    await app.db.pool.query('update enterprises set name = $2 where id = $1', [firm!.id, renamed]);
    try {
      expect(await enterpriseNamesInTile(otherTile, otherToken)).toContain(firm!.name);
      // …while a tile made now (the admin's, never cached) shows the new name.
      expect(await enterpriseNamesInTile(otherTile, await app.login('admin'))).toContain(renamed);
    } finally {
      await app.db.pool.query('update enterprises set name = $2 where id = $1', [firm!.id, firm!.name]);
    }
  });
});
