import pg from 'pg';
import { openDatabase, ReplicaSet, seedDemoIfEmpty } from '@risk/db';
import { clientExtensions, fromPostgres } from '@risk/api/common/errors';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_PASSWORD, TEST_SEED } from '../support/constants';
import { freshHazard, scopeOf, type Scope } from '../support/hazard-fixtures';
import { canMakeCluster, startCluster, startReplica, type PgCluster } from '../support/pg-cluster';

// A primary of this file's own and a real streaming replica of it (pg_basebackup -R), with
// the api reading from the replica (READ_DATABASE_URL). Only servers replicate: the embedded
// database has no standby, and the api refuses READ_DATABASE_URL without DATABASE_URL.

const DATABASE = 'risk_replica';
const REPORT = 'mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { id } }';
const HAZARD = 'query ($id: ID!) { hazard(id: $id) { id description } }';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function sql(url: string, text: string): Promise<any[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('READ_DATABASE_URL', () => {
  it('is refused without DATABASE_URL: the embedded database has no replicas', async () => {
    await expect(startTestApp({ DATABASE_URL: '', READ_DATABASE_URL: 'postgres://postgres@127.0.0.1:5433/x' }))
      .rejects.toThrow(/READ_DATABASE_URL needs DATABASE_URL/);
  });

  it('a write refused by a read-only server (25006) is SERVICE_UNAVAILABLE, to retry, not an internal error', () => {
    expect(clientExtensions(fromPostgres({ code: '25006', message: 'cannot execute INSERT in a read-only transaction' })!))
      .toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
  });
});

if (canMakeCluster && process.env.TEST_DATABASE_MODE === 'server') {
  describe('the api over a primary and a streaming replica', () => {
    let primary: PgCluster;
    let replica: PgCluster;
    let app: TestApp;
    let town: Scope;
    let token: string;

    beforeAll(async () => {
      primary = await startCluster();
      await sql(primary.url('postgres'), `create database ${DATABASE}`);
      replica = await startReplica(primary);
      app = await startTestApp({ DATABASE_URL: primary.url(DATABASE), READ_DATABASE_URL: replica.url(DATABASE), TILE_CACHE: 'false' });
      await seedDemoIfEmpty(app.db.pool, { seed: TEST_SEED, password: TEST_PASSWORD });
      town = await scopeOf(app.db.pool, 'town');
      token = await app.login('town');
    }, 300_000);

    afterAll(async () => {
      await app?.close();
      await replica?.remove();
      await primary?.remove();
    });

    const report = async (description: string): Promise<string> => {
      const written = await app.post(REPORT, { input: {
        description, level: 'GENERAL', sector: town.sector, source: 'SUPERVISION', location: { lng: town.lng, lat: town.lat },
      } }, { token });
      expect(written.body.errors).toBeUndefined();
      expect(written.body.extensions?.servedBy).toBe('primary');
      return written.body.data.reportHazard.id;
    };

    it('is never migrated: the api refuses a standby as DATABASE_URL, with the cause', async () => {
      await expect(openDatabase({ databaseUrl: replica.url(DATABASE), dataDir: '' }))
        .rejects.toThrow(/DATABASE_URL names a read-only standby/);
    });

    it('reports the replica ready, at the primary\'s migration level, with its lag, in /healthz', async () => {
      const health = await (await fetch(`${app.baseUrl}/healthz`)).json();
      expect(health.database.replicas).toEqual([expect.objectContaining({
        name: `127.0.0.1:${replica.port}/${DATABASE}`, state: 'ready', migrationLevel: app.db.migrationLevel,
        replayedLsn: expect.stringMatching(/^[0-9A-F]+\/[0-9A-F]+$/), lagBytes: expect.any(Number),
      })]);
    });

    it('serves queries from the replica and mutations on the primary, with the same answers', async () => {
      const query = `{ hazards(first: 5) { totalCount edges { node { id code status } } } jurisdictionStats(parentCode: "${town.townCode.slice(0, 6)}") { code overdue } }`;
      const read = await app.post(query, {}, { token });
      expect(read.body.errors).toBeUndefined();
      expect(read.body.extensions?.servedBy).toBe('replica');
      const onPrimary = new pg.Pool({ connectionString: primary.url(DATABASE), max: 1 });
      try {
        const { rows: [{ count }] } = await onPrimary.query(`select count(*)::int as count from hazards where town_code = $1`, [town.townCode]);
        expect(read.body.data.hazards.totalCount).toBe(count);
      } finally {
        await onPrimary.end();
      }
    });

    it('lets a viewer read their own write at once, every time', async () => {
      for (let i = 0; i < 20; i += 1) {
        const id = await report(`读己之写 ${i}`);
        const read = await app.post(HAZARD, { id }, { token });
        expect(read.body.data.hazard).toEqual({ id, description: `读己之写 ${i}` });
      }
    });

    it('reads on the primary while the replica has not replayed the last write, and on the replica once it has', async () => {
      await sql(replica.url(DATABASE), 'select pg_wal_replay_pause()');
      let id: string;
      try {
        id = await report('复制暂停时登记');
        const read = await app.post(HAZARD, { id }, { token });
        expect(read.body.extensions?.servedBy).toBe('primary');
        expect(read.body.data.hazard.id).toBe(id);
        // The figures too: a cache renewed by that write is filled from the primary, never the lagging replica.
        const stats = await app.post(`{ jurisdictionStats(parentCode: "${town.townCode.slice(0, 4)}00") { code openByLevel { general } } }`, {}, { token: await app.login('leader') });
        expect(stats.body.errors).toBeUndefined();
        expect(stats.body.extensions?.servedBy).toBe('primary');
        const [{ open }] = await sql(primary.url(DATABASE),
          `select count(*)::int as open from hazards where status <> 'CLOSED' and level = 'GENERAL' and town_code like '${town.townCode.slice(0, 6)}%'`);
        expect(stats.body.data.jurisdictionStats.find((unit: { code: string }) => unit.code === town.townCode.slice(0, 6)).openByLevel.general).toBe(open);
      } finally {
        await sql(replica.url(DATABASE), 'select pg_wal_replay_resume()');
      }
      for (let tries = 0; ; tries += 1) {
        const read = await app.post(HAZARD, { id }, { token });
        if (read.body.extensions?.servedBy === 'replica') {
          expect(read.body.data.hazard.id).toBe(id);
          break;
        }
        if (tries > 50) throw new Error('reads did not return to the replica after it replayed the write');
        await sleep(100);
      }
    });

    it('serves tiles from the replica: a row the primary has and the paused replica lacks is not in them, until replayed', async () => {
      const z = 14;
      const x = Math.floor(((town.lng + 180) / 360) * 2 ** z);
      const rad = (town.lat * Math.PI) / 180;
      const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * 2 ** z);
      const tile = async () => Buffer.from(await (await fetch(`${app.baseUrl}/tiles/hazards/${z}/${x}/${y}.mvt`,
        { headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'identity' } })).arrayBuffer());
      const before = await tile();
      await sql(replica.url(DATABASE), 'select pg_wal_replay_pause()');
      try {
        // Written by the owner, not through this api: the api has no write of its own to wait for.
        const owner = new pg.Pool({ connectionString: primary.url(DATABASE), max: 1 });
        await freshHazard(owner, town).finally(() => owner.end());
        expect((await tile()).equals(before)).toBe(true);
      } finally {
        await sql(replica.url(DATABASE), 'select pg_wal_replay_resume()');
      }
      for (let tries = 0; (await tile()).equals(before); tries += 1) {
        if (tries > 50) throw new Error('the tile did not show the replayed row');
        await sleep(100);
      }
    });

    it('does not read from a replica whose schema is behind the primary\'s', async () => {
      const set = new ReplicaSet([replica.url(DATABASE)], (url) => new pg.Pool({ connectionString: url, max: 1 }), (url) => url,
        app.db.pool, app.db.migrationLevel + 1, () => undefined);
      try {
        await set.settle(0);
        expect(set.status()[0]).toMatchObject({ state: 'behind', migrationLevel: app.db.migrationLevel });
        expect(set.pick()).toBeUndefined();
      } finally {
        await set.close();
      }
    });
  });
}
