import 'reflect-metadata';
import { RequestDb } from '@risk/api/common/request-db';
import type { Viewer } from '@risk/api/common/viewer';
import { startTestApp, type TestApp } from '../support/app';
import { createUser, demoScope, type TestUser } from '../support/users';
import { decodeTile, ENVELOPE_4326, tileAt } from './tile-support';

// An uncached tile is one round trip (RequestDb.only): the request's opening statement and
// the tile's statement pipelined before one Sync. Row-level security must cut the tile
// exactly as in a transaction, the settings must end with it, and an account changed since
// its token must be read as it is now.

let app: TestApp;
let town: string;
/** Another town of the city, with hazards. */
let otherTown: string;

beforeAll(async () => {
  app = await startTestApp();
  ({ town } = await demoScope(app.db.pool));
  const { rows: [other] } = await app.db.pool.query<{ code: string }>(
    `select town_code as code from hazards where town_code <> $1 group by town_code order by count(*) desc, town_code limit 1`, [town]);
  otherTown = other!.code;
});
afterAll(() => app.close());

const townViewer = (user: TestUser, code: string): Viewer => ({
  userId: user.id, username: user.username, role: 'town', jurisdictionCode: code, sectors: [], enterpriseId: null, enterpriseTownCode: null,
});

/** Hazards per town as the request sees them, with the role and scope its statement ran under. */
const seen = (db: RequestDb) => db.only<{ role: string; town_code: string; n: number }>(() => ({
  text: `select current_user::text as role, h.town_code::text as town_code, count(*)::int as n
         from hazards h where h.town_code = any($1::text[]) group by h.town_code order by h.town_code`,
  values: [[town, otherTown]],
}));

async function ownerCount(code: string): Promise<number> {
  const { rows: [row] } = await app.db.pool.query<{ n: number }>('select count(*)::int as n from hazards where town_code = $1', [code]);
  return row!.n;
}

describe('a tile in one round trip', () => {
  it("of a town official holds only their town's hazards, over a tile that also holds another town's", async () => {
    const user = await createUser(app.db.pool, { role: 'town', jurisdictionCode: town });
    const token = await app.login(user.username);
    // A z13 tile with hazards of the official's town and of another.
    const { rows } = await app.db.pool.query<{ lng: number; lat: number }>(
      `select st_x(h.location) as lng, st_y(h.location) as lat from hazards h
       where h.town_code = $1 and exists (
         select 1 from hazards o where o.town_code <> $1 and o.location && st_expand(h.location, 0.005))
       order by h.id limit 1`, [town]);
    const tile = tileAt(rows[0]!.lng, rows[0]!.lat, 13);
    const { rows: inTile } = await app.db.pool.query<{ id: number; town_code: string }>(
      `select h.id, h.town_code from hazards h where h.location && ${ENVELOPE_4326} order by h.id`, [tile.z, tile.x, tile.y]);
    expect(inTile.some((h) => h.town_code !== town)).toBe(true);

    const response = await fetch(`${app.baseUrl}/tiles/hazards/${tile.z}/${tile.x}/${tile.y}.mvt`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const ids = (decodeTile(new Uint8Array(await response.arrayBuffer())).hazards ?? []).map((f) => Number(f.id)).sort((a, b) => a - b);
    expect(ids).toEqual(inTile.filter((h) => h.town_code === town).map((h) => Number(h.id)));
  });

  it('runs the statement as app_user in the scope, counts one statement, and leaves no setting on the connection', async () => {
    const user = await createUser(app.db.pool, { role: 'town', jurisdictionCode: town });
    const db = new RequestDb(app.db.apiPool, townViewer(user, town));
    const rows = await seen(db);
    expect(rows).toEqual([{ role: 'app_user', town_code: town, n: await ownerCount(town) }]);
    expect(db.statements.count).toBe(1);
    await expect(db.query('select 1')).rejects.toThrow('the request has ended');
    // The implicit transaction ended with the Sync: the next user of the connection has the
    // login role and no scope (the embedded database's single connection is always the next).
    const client = await app.db.apiPool.connect();
    try {
      const { rows: [after] } = await client.query<{ role: string; prefix: string | null }>(
        `select current_user::text as role, current_setting('app.scope_prefix', true) as prefix`);
      expect(after!.role).not.toBe('app_user');
      expect(after!.prefix ?? '').toBe('');
    } finally {
      client.release();
    }
  });

  it('reads an account moved to another town since its token as it is now: the other town only', async () => {
    const user = await createUser(app.db.pool, { role: 'town', jurisdictionCode: town });
    await app.db.pool.query('update users set jurisdiction_code = $1 where id = $2', [otherTown, user.id]);
    const db = new RequestDb(app.db.apiPool, townViewer(user, town));
    const rows = await seen(db);
    expect(rows).toEqual([{ role: 'app_user', town_code: otherTown, n: await ownerCount(otherTown) }]);
    expect(db.viewer.jurisdictionCode).toBe(otherTown);
  });

  it('refuses a deactivated account with UNAUTHENTICATED and gives it no row', async () => {
    const user = await createUser(app.db.pool, { role: 'town', jurisdictionCode: town });
    await app.db.pool.query('update users set active = false where id = $1', [user.id]);
    await expect(seen(new RequestDb(app.db.apiPool, townViewer(user, town)))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('fails a failing statement with its error and keeps the connection usable', async () => {
    const user = await createUser(app.db.pool, { role: 'town', jurisdictionCode: town });
    const failing = new RequestDb(app.db.apiPool, townViewer(user, town));
    await expect(failing.only(() => ({ text: 'select 1 / $1::int as x', values: [0] }))).rejects.toMatchObject({ code: '22012' });
    const rows = await seen(new RequestDb(app.db.apiPool, townViewer(user, town)));
    expect(rows).toEqual([{ role: 'app_user', town_code: town, n: await ownerCount(town) }]);
  });
});

describe('a tile over HTTP', () => {
  const ACCOUNT_CHECK = 'select app.session_viewer($1::bigint) as session';

  it('made: the account is read in its own round trip; kept: served only after the account is re-read, and as the account is now', async () => {
    const user = await createUser(app.db.pool, { role: 'town', jurisdictionCode: town });
    const token = await app.login(user.username);
    const { rows: [at] } = await app.db.pool.query<{ lng: number; lat: number }>(
      `select st_x(location) as lng, st_y(location) as lat from hazards where town_code = $1 order by id desc limit 1`, [town]);
    // Zoom 15: a tile no other test of this file asks for, so the first request makes it.
    const tile = tileAt(at!.lng, at!.lat, 15);
    const get = async () => {
      const response = await fetch(`${app.baseUrl}/tiles/hazards/${tile.z}/${tile.x}/${tile.y}.mvt`, { headers: { authorization: `Bearer ${token}` } });
      const ids = response.status === 200
        ? (decodeTile(new Uint8Array(await response.arrayBuffer())).hazards ?? []).map((f) => Number(f.id)).sort((a, b) => a - b)
        : [];
      return { status: response.status, ids };
    };
    const idsIn = async (code: string) => (await app.db.pool.query<{ id: string }>(
      `select h.id from hazards h where h.location && ${ENVELOPE_4326} and h.town_code = $4 order by h.id`, [tile.z, tile.x, tile.y, code])).rows.map((r) => Number(r.id));
    const queries = jest.spyOn(app.db.pool, 'query');
    const accountChecks = () => queries.mock.calls.filter(([text]) => text === ACCOUNT_CHECK).length;
    try {
      const made = await get();
      expect(made).toEqual({ status: 200, ids: await idsIn(town) });
      expect(made.ids.length).toBeGreaterThan(0);
      expect(accountChecks()).toBe(0);
      expect(await get()).toEqual(made);
      expect(accountChecks()).toBe(1);
      // Moved to another town since the token: the kept tile of the old town is not theirs.
      await app.db.pool.query('update users set jurisdiction_code = $1 where id = $2', [otherTown, user.id]);
      expect(await get()).toEqual({ status: 200, ids: await idsIn(otherTown) });
      await app.db.pool.query('update users set active = false where id = $1', [user.id]);
      expect((await get()).status).toBe(401);
    } finally {
      queries.mockRestore();
    }
  });
});
