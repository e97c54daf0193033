import type { Pool, PoolClient } from 'pg';
import { insertDemoUsers, type DemoUser } from './users';
import { insertSink, loadRows, resetIdentities, type Sink } from './load';
import { tables, todayInChina } from './rows';
import { buildGeography } from './geography';
import { jurisdictionRows } from './stream';
import { createWorld, DEMO_SCALE, type Scale } from './world';

export type { DemoUser } from './users';
export { checksum } from './stream';
export { DEFAULT_CITY_CODE, placeOf, UnknownPlaceError } from './geography';
export { createWorld, DEMO_SCALE, type Scale, type World } from './world';
export { isValidCreditCode } from './enterprises';

export interface SeedOptions {
  seed: number;
  password: string;
  /**
   * The day the data is anchored to ('YYYY-MM-DD', China); today by default. Hazards span the
   * two years before it, so the overdue share stays realistic whenever the demo is loaded:
   * the same seed and the same day give the same data.
   */
  today?: string;
  /** The GB/T 2260 code of the city or county-level unit to set up (CITY_CODE); 益阳市 430900 by default. */
  cityCode?: string;
  log?: (line: string) => void;
}

export interface DemoSummary {
  towns: number;
  enterprises: number;
  hazards: number;
  roadSegments: number;
  users: DemoUser[];
}

/**
 * Loads a generated world and its demo users in one transaction, when the database holds no
 * jurisdictions yet; returns null otherwise. The history rows are
 * generated, so the hazard triggers (which would write their own with now() as the time) are
 * switched off with the replica role for this transaction only; the generator keeps the rows
 * consistent and the seed tests check that it does.
 */
export async function loadWorld(client: PoolClient, scale: Scale, options: SeedOptions & {
  sink: (client: PoolClient) => Sink;
  batchSize: number;
  progress?: (table: string, loaded: number) => void;
}): Promise<DemoSummary | null> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  await client.query('begin');
  try {
    // Two starters of one database (the api and a test run) must not both load: the second
    // waits here and then finds the data.
    await client.query('select pg_advisory_xact_lock(4309)');
    const { rows: [state] } = await client.query<{ empty: boolean }>('select not exists (select 1 from jurisdictions) as empty');
    if (!state!.empty) {
      await client.query('rollback');
      return null;
    }
    const world = createWorld(options.seed, scale, options.today ?? todayInChina(), options.cityCode);
    const { geography } = world;
    log(`generated the geography of ${geography.city.name} (${geography.counties.length} county-level units, ${geography.towns.length} towns), `
      + `${world.enterprises.length} enterprises and ${world.roadSegments.length} road segments in ${Date.now() - started} ms`);
    for (const unit of geography.leftOut) log(`left out ${unit.code} ${unit.name}: ${unit.reason}`);
    await client.query('set local session_replication_role = replica');
    const upkeep = await suspendUpkeep(client);
    const loaded = await loadRows(world, options.sink(client), { batchSize: options.batchSize, ...(options.progress ? { progress: options.progress } : {}) });
    await resetIdentities(client);
    await client.query('set local session_replication_role = origin');
    await upkeep.resume();
    log(`indexes built and summaries counted from the loaded rows after ${Date.now() - started} ms`);
    const users = await insertDemoUsers(client, options.password);
    await client.query('commit');
    log(`loaded ${Object.entries(loaded).map(([t, n]) => `${n} ${t}`).join(', ')} in ${Date.now() - started} ms`);
    await client.query('analyze');
    log(`demo data ready after ${Date.now() - started} ms`);
    return {
      towns: world.geography.towns.length,
      enterprises: loaded.enterprises,
      hazards: loaded.hazards,
      roadSegments: loaded.roadSegments,
      users,
    };
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/**
 * What every row written costs beyond the row, switched off on the loaded tables for this
 * transaction: the summaries' upkeep (the triggers that fire even for the replica role, 0019,
 * 0026 and 0030) and the indexes no constraint needs (trigram, GiST, the lookups). Batch after
 * batch of deltas, lateness refreshes and index entries cost a province load hours; counted
 * and built once from the loaded rows, they take minutes. `resume` builds the indexes again
 * as they were and counts every summary with the repair's own function.
 */
async function suspendUpkeep(client: PoolClient): Promise<{ resume: () => Promise<void> }> {
  const loaded = Object.values(tables).map((spec) => spec.name);
  const { rows: triggers } = await client.query<{ disable: string; enable: string }>(
    `select format('alter table %s disable trigger %I', t.tgrelid::regclass, t.tgname) as disable,
            format('alter table %s enable always trigger %I', t.tgrelid::regclass, t.tgname) as enable
     from pg_trigger t join pg_class c on c.oid = t.tgrelid
     where t.tgenabled = 'A' and not t.tgisinternal and c.relnamespace = 'public'::regnamespace and c.relname = any($1)`,
    [loaded]);
  const { rows: indexes } = await client.query<{ drop: string; create: string; comment: string | null }>(
    `select format('drop index %s', i.indexrelid::regclass) as drop, pg_get_indexdef(i.indexrelid) as create,
            case when obj_description(i.indexrelid, 'pg_class') is not null
              then format('comment on index %s is %L', i.indexrelid::regclass, obj_description(i.indexrelid, 'pg_class')) end as comment
     from pg_index i join pg_class c on c.oid = i.indrelid
     where c.relnamespace = 'public'::regnamespace and c.relname = any($1)
       and not i.indisunique and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    [loaded]);
  for (const t of triggers) await client.query(t.disable);
  for (const i of indexes) await client.query(i.drop);
  return {
    async resume() {
      await client.query(`set local maintenance_work_mem = '512MB'`);
      for (const i of indexes) {
        await client.query(i.create);
        if (i.comment) await client.query(i.comment);
      }
      for (const t of triggers) await client.query(t.enable);
      await client.query(`set local work_mem = '256MB'`);
      await client.query('select app.rebuild_hazard_summaries()');
    },
  };
}

/**
 * Without demo data (DEMO_DATA=false): loads only the chosen place's jurisdictions — its
 * counties with their boundaries, its towns with their names and codes and synthetic
 * boundaries — when the database has none yet; returns the number of towns, or null.
 */
export async function loadPlaceIfEmpty(pool: Pool, options: Pick<SeedOptions, 'seed' | 'cityCode' | 'log'>): Promise<number | null> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(4309)');
    const { rows: [state] } = await client.query<{ empty: boolean }>('select not exists (select 1 from jurisdictions) as empty');
    if (!state!.empty) {
      await client.query('rollback');
      return null;
    }
    const geography = buildGeography(options.seed, options.cityCode);
    for (const unit of geography.leftOut) options.log?.(`left out ${unit.code} ${unit.name}: ${unit.reason}`);
    await insertSink(client).write(tables.jurisdictions, [...jurisdictionRows(geography)]);
    await client.query('commit');
    return geography.towns.length;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Loads the demo data of the chosen city (Yiyang by default) when the database holds no jurisdictions yet; returns what it
 * loaded, or null when the database already had data.
 */
export async function seedDemoIfEmpty(pool: Pool, options: SeedOptions): Promise<DemoSummary | null> {
  const client = await pool.connect();
  try {
    return await loadWorld(client, DEMO_SCALE, { ...options, sink: insertSink, batchSize: 5000 });
  } finally {
    client.release();
  }
}
