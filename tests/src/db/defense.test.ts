import pg from 'pg';
import { API_LOGIN_ROLE } from '@risk/db';
import { codePrefix } from '@risk/api/common/viewer';
import { attempt, testPool, whenFree } from '../support/db';
import { freshHazard, townOutside } from '../support/hazard-fixtures';

// Every bypass of issue 9, tried as a client other than the api would: a personal login role
// that is a member of app_user (an analyst with psql), and the api's own login role. On a
// server each logs in on its own connection; the embedded database has one connection and
// one user, so there the test connection takes the role with `set session authorization`
// (what README calls the embedded mode's limits: the api itself stays the superuser there).

const suffix = `${process.pid}_${Date.now() % 100000}`;
/** Mapped to a town official (users.db_role), without the right to temporary tables. */
const ANALYST = `risk_test_analyst_${suffix}`;
/** Mapped to a town official too, and granted temporary tables, to try shadowing. */
const SHADOWER = `risk_test_shadower_${suffix}`;
/** A member of app_user mapped to no user. */
const STRANGER = `risk_test_stranger_${suffix}`;

type Client = pg.ClientBase;

describe('the database defends itself against any session of the app role', () => {
  let pool: pg.Pool;
  let town: { townCode: string; lng: number; lat: number };
  let userIds: number[] = [];

  /**
   * Runs `work` in a transaction, rolled back, as a login role: its own connection on a
   * server, the test connection under `set session authorization` on the embedded database.
   */
  async function as<T>(role: string, work: (client: Client) => Promise<T>): Promise<T> {
    if (process.env.TEST_DATABASE_MODE === 'server') {
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.username = role;
      url.password = '';
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query('begin');
        return await work(client);
      } finally {
        await client.query('rollback').catch(() => undefined);
        await client.end();
      }
    }
    const client = await pool.connect();
    const { rows: [owner] } = await client.query<{ name: string }>('select session_user as name');
    try {
      await client.query(`set session authorization ${pg.escapeIdentifier(role)}`);
      await client.query('begin');
      return await work(client);
    } finally {
      await client.query('rollback').catch(() => undefined);
      // PGlite keeps a reset session at the role it switched to: name the owner again.
      await client.query(`set session authorization ${pg.escapeIdentifier(owner!.name)}`);
      client.release();
    }
  }

  /** Sets the api's request settings as an administrator would have them. */
  const claimAdmin = (client: Client) => client.query(
    `select set_config('app.role', 'admin', true), set_config('app.scope_prefix', '', true), set_config('app.user_id', '1', true)`);

  const count = async (client: Client, sql: string, values: unknown[] = []) =>
    (await client.query<{ n: number }>(`select count(*)::int as n from (${sql}) rows`, values)).rows[0]!.n;

  beforeAll(async () => {
    pool = testPool();
    await whenFree(() => pool.query('select 1'));
    const { rows: [row] } = await pool.query<{ code: string }>(
      `select j.code from jurisdictions j where j.level = 'town' and j.boundary is not null
         and exists (select 1 from enterprises e where e.town_code = j.code) order by j.code limit 1`);
    town = { townCode: row!.code, ...(await pool.query<{ lng: number; lat: number }>(
      `select st_x(p) as lng, st_y(p) as lat from (select st_pointonsurface(boundary) as p from jurisdictions where code = $1) t`,
      [row!.code])).rows[0]! };
    for (const role of [ANALYST, SHADOWER, STRANGER]) {
      await pool.query(`create role ${pg.escapeIdentifier(role)} login in role app_user`);
    }
    await pool.query(`grant temporary on database ${pg.escapeIdentifier((await pool.query('select current_database() as d')).rows[0].d)} to ${pg.escapeIdentifier(SHADOWER)}`);
    for (const role of [ANALYST, SHADOWER]) {
      const { rows: [user] } = await pool.query<{ id: number }>(
        `insert into users (username, password_hash, display_name, role, jurisdiction_code, db_role)
         values ($1, 'not-a-hash', '测试乡镇人员', 'town', $2, $1) returning id`, [role, town.townCode]);
      userIds.push(user!.id);
    }
  });

  afterAll(async () => {
    await pool.query('delete from users where id = any($1)', [userIds]);
    const { rows: [db] } = await pool.query('select current_database() as d');
    for (const role of [ANALYST, SHADOWER, STRANGER]) {
      await pool.query(`revoke all on database ${pg.escapeIdentifier(db.d)} from ${pg.escapeIdentifier(role)}`).catch(() => undefined);
      await pool.query(`drop role if exists ${pg.escapeIdentifier(role)}`);
    }
    userIds = [];
    await pool.end();
  });

  it('gives every security-definer function a search_path with pg_temp last', async () => {
    const { rows } = await pool.query<{ fn: string; config: string[] | null }>(
      `select p.oid::regprocedure::text as fn, p.proconfig as config from pg_proc p
       where p.prosecdef and p.pronamespace in ('app'::regnamespace, 'public'::regnamespace)
         and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
       order by 1`);
    expect(rows.length).toBeGreaterThan(5);
    const unsafe = rows.filter(({ config }) =>
      !(config ?? []).some((setting) => /^search_path=.*,\s*pg_temp$/.test(setting)));
    expect(unsafe).toEqual([]);
  });

  it('lets the api log in as a role that is neither superuser nor owner and may become only app_user', async () => {
    const { rows: [role] } = await pool.query(
      `select rolsuper, rolinherit, rolbypassrls, rolcreaterole, rolcreatedb, rolcanlogin,
              array(select b.rolname::text from pg_auth_members m join pg_roles b on b.oid = m.roleid where m.member = r.oid) as member_of,
              (select count(*)::int from pg_class where relowner = r.oid)
              + (select count(*)::int from pg_proc where proowner = r.oid)
              + (select count(*)::int from pg_namespace where nspowner = r.oid) as owned
       from pg_roles r where rolname = $1`, [API_LOGIN_ROLE]);
    expect(role).toEqual({
      rolsuper: false, rolinherit: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, rolcanlogin: true,
      member_of: ['app_user'], owned: 0,
    });
  });

  it('leaves the api\'s login role reading nothing after reset role', () =>
    as(API_LOGIN_ROLE, async (client) => {
      await client.query(`select set_config('role', 'app_user', true)`);
      await claimAdmin(client);
      expect(await count(client, 'select 1 from hazards')).toBeGreaterThan(0);
      await client.query('reset role');
      for (const table of ['hazards', 'users', 'enterprises', 'hazard_history']) {
        expect({ table, code: await attempt(client, `select 1 from ${table} limit 1`) }).toEqual({ table, code: '42501' });
      }
    }));

  it('lets only the api\'s login role sign users in, since sign-in reads password hashes', async () => {
    await as(ANALYST, async (client) => {
      expect(await attempt(client, `select * from app.login_candidate('admin')`)).toBe('42501');
    });
    await as(API_LOGIN_ROLE, async (client) => {
      expect((await client.query(`select username from app.login_candidate('admin')`)).rows).toEqual([{ username: 'admin' }]);
    });
  });

  it('gives a personal login role the scope of its user, whatever scope it sets for itself', async () => {
    const { rows: [expected] } = await pool.query<{ n: number }>('select count(*)::int as n from enterprises where town_code = $1', [town.townCode]);
    expect(expected!.n).toBeGreaterThan(0);
    await as(ANALYST, async (client) => {
      expect(await count(client, 'select 1 from enterprises')).toBe(expected!.n);
      await claimAdmin(client);
      await client.query(`select set_config('app.scope_prefix', '', false)`);
      expect(await count(client, 'select 1 from enterprises')).toBe(expected!.n);
      expect((await client.query(`select app.role() as role, app.scope_prefix() as prefix`)).rows[0])
        .toEqual({ role: 'town', prefix: town.townCode });
    });
  });

  it('gives a login role mapped to no user no scope at all, whatever it sets', () =>
    as(STRANGER, async (client) => {
      await claimAdmin(client);
      await client.query(`select set_config('role', 'app_user', true)`);
      for (const table of ['hazards', 'enterprises', 'jurisdictions', 'users']) {
        expect({ table, rows: await count(client, `select 1 from ${table}`) }).toEqual({ table, rows: 0 });
      }
    }));

  it('refuses temporary tables to app_user and personal roles', async () => {
    await as(ANALYST, async (client) => {
      expect(await attempt(client, 'create temp table scratch (x int)')).toBe('42501');
    });
    await as(API_LOGIN_ROLE, async (client) => {
      await client.query(`select set_config('role', 'app_user', true)`);
      expect(await attempt(client, 'create temp table scratch (x int)')).toBe('42501');
    });
  });

  describe('a temporary table named like a rule table changes nothing, even for a role allowed temporary tables', () => {
    it('still refuses REPORTED → CLOSED when a temporary hazard_transitions allows it', async () => {
      const hazard = await freshHazard(pool, { ...town, sector: 'FIRE_SAFETY', enterpriseId: null }, 'REPORTED');
      await as(SHADOWER, async (client) => {
        await client.query('create temp table hazard_transitions (from_status text, to_status text)');
        await client.query(`insert into hazard_transitions values ('REPORTED', 'CLOSED')`);
        expect(await attempt(client, `update hazards set status = 'CLOSED' where id = $1`, [hazard.id])).toBe('RS001');
      });
    });

    it('still writes the history when a temporary hazard_history would catch it', async () => {
      const hazard = await freshHazard(pool, { ...town, sector: 'FIRE_SAFETY', enterpriseId: null }, 'RECTIFYING');
      await as(SHADOWER, async (client) => {
        await client.query('create temp table hazard_history as select * from public.hazard_history where false');
        await client.query(`select set_config('app.note', '整改完成', true)`);
        const before = await count(client, 'select 1 from public.hazard_history where hazard_id = $1', [hazard.id]);
        expect(await attempt(client, `update hazards set status = 'AWAITING_VERIFICATION' where id = $1`, [hazard.id])).toBe('ok');
        expect(await count(client, 'select 1 from public.hazard_history where hazard_id = $1', [hazard.id])).toBe(before + 1);
        expect(await count(client, 'select 1 from pg_temp.hazard_history')).toBe(0);
      });
    });

    it('still checks the location against the real town when a temporary jurisdictions says it lies inside', async () => {
      const elsewhere = await townOutside(pool, town.townCode);
      await as(SHADOWER, async (client) => {
        await client.query(`create temp table jurisdictions as
          select $1::text as code, 'town'::text as level, st_multi(st_makeenvelope(-180, -90, 180, 90, 4326)) as boundary`, [town.townCode]);
        expect(await attempt(client,
          `insert into hazards (code, description, level, sector, source, location, town_code, found_at)
           values ('T-shadow', 'test hazard', 'GENERAL', 'FIRE_SAFETY', 'DEPARTMENT_INSPECTION',
                   st_setsrid(st_makepoint($1, $2), 4326), $3, now())`,
          [elsewhere.lng, elsewhere.lat, town.townCode])).toBe('RS003');
      });
    });
  });

  // Publication is granted: a change of it is a hazard event (PUBLISHED, UNPUBLISHED) in the history.
  it('refuses in-scope writes of level, dates and listing that would leave no history', async () => {
    const reported = await freshHazard(pool, { ...town, sector: 'FIRE_SAFETY', enterpriseId: null }, 'REPORTED');
    const closed = await freshHazard(pool, { ...town, sector: 'FIRE_SAFETY', enterpriseId: null }, 'CLOSED');
    await as(ANALYST, async (client) => {
      await client.query(`select set_config('app.note', '调整', true)`);
      const writes: [string, string][] = [
        ['level', `update hazards set level = 'MAJOR' where id = ${reported.id}`],
        ['found_at', `update hazards set found_at = now() - interval '1 year' where id = ${reported.id}`],
        ['closed_at', `update hazards set closed_at = now() - interval '1 year' where id = ${closed.id}`],
        ['listed_level', `update hazards set listed_level = 'PROVINCE' where id = ${reported.id}`],
        ['a hazard born closed', `insert into hazards (code, description, level, sector, source, location, town_code, found_at, status, closed_at)
          values ('T-born-closed', 'test hazard', 'GENERAL', 'FIRE_SAFETY', 'DEPARTMENT_INSPECTION',
                  st_setsrid(st_makepoint(${town.lng}, ${town.lat}), 4326), '${town.townCode}', now(), 'CLOSED', now())`],
        ['an accident\'s reporting time', `insert into accidents (occurred_at, location, town_code, sector, description, created_at)
          values (now(), st_setsrid(st_makepoint(${town.lng}, ${town.lat}), 4326), '${town.townCode}', 'FIRE_SAFETY', 'test', now() - interval '1 day')`],
      ];
      for (const [what, sql] of writes) expect({ what, code: await attempt(client, sql) }).toEqual({ what, code: '42501' });
      expect(await attempt(client, `update hazards set deadline = current_date + 10 where id = $1`, [reported.id])).toBe('RS002');
      // The paths that record history stay open: a transition, and the deadline it sets.
      expect(await attempt(client,
        `update hazards set status = 'RECTIFYING', responsible_person = 'p', measures = 'm', funds_yuan = 1,
           deadline = current_date + 10, contingency_plan = 'c' where id = $1`, [reported.id])).toBe('ok');
      expect(await count(client, `select 1 from hazard_history where hazard_id = $1 and event = 'TRANSITION'`, [reported.id])).toBe(1);
    });
  });

  it('derives scope prefixes in SQL exactly as the api does', async () => {
    const { rows } = await pool.query<{ code: string; prefix: string }>('select code, app.code_prefix(code) as prefix from jurisdictions');
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter(({ code, prefix }) => codePrefix(code) !== prefix)).toEqual([]);
  });
});
