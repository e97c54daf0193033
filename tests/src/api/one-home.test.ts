import 'reflect-metadata';
import * as enums from '@risk/api/common/enums';
import { STAFF_WRITERS } from '@risk/api/common/mutation';
import { rolledBack, testPool, whenFree } from '../support/db';
import type pg from 'pg';

// Each rule has one home, in SQL where the database enforces it; the api's copies are held to
// it here, so a copy that drifts fails a test instead of a user.

/** Where the database defines each enumeration of api/src/common/enums.ts. */
type Source = { domain: string } | { table: string; column: string } | { values: (client: pg.PoolClient) => Promise<string[]> };
const SOURCES: Record<string, Source> = {
  Sector: { domain: 'sector' },
  RiskLevel: { domain: 'risk_level' },
  HazardLevel: { domain: 'hazard_level' },
  HazardStatus: { domain: 'hazard_status' },
  HazardSource: { domain: 'hazard_source' },
  SupervisionLevel: { domain: 'supervision_level' },
  HazardAction: { domain: 'hazard_action' },
  HazardEvent: { table: 'hazard_history', column: 'event' },
  ChaseStep: { domain: 'chase_step' },
  EnterpriseStatus: { table: 'enterprises', column: 'status' },
  StandardizationGrade: { table: 'enterprises', column: 'standardization_grade' },
  RoadClass: { table: 'road_segments', column: 'road_class' },
  RoadFeature: { table: 'road_segments', column: 'features' },
  InspectionKind: { table: 'inspections', column: 'kind' },
  EnforcementKind: { table: 'enforcement_actions', column: 'kind' },
  // A grade is computed, not stored: the values are what accident_grade answers at each threshold.
  AccidentGrade: {
    values: async (client) => (await client.query<{ grade: string }>(
      `select distinct accident_grade(d, 0, 0) as grade from unnest(array[0, 3, 10, 30]) d`)).rows.map((r) => r.grade),
  },
};

/** The quoted values of a column's IN / = ANY / <@ ARRAY check. */
async function checkValues(client: pg.PoolClient, table: string, column: string): Promise<string[]> {
  const { rows } = await client.query<{ def: string }>(
    `select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = $1::regclass and contype = 'c'`, [table]);
  const defs = rows.map((r) => r.def).filter((def) => def.includes(`(${column} = ANY (ARRAY[`) || def.includes(`(${column} <@ ARRAY[`));
  expect(defs).toHaveLength(1);
  return [...defs[0]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

const sorted = (values: Iterable<string>) => [...values].sort();

describe('one home per rule', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = testPool();
    await whenFree(() => pool.query('select 1'));
  });
  afterAll(() => pool.end());

  const exported = Object.entries(enums).filter(([, value]) => typeof value === 'object');

  it('knows where the database defines every enumeration the api declares', () => {
    expect(sorted(exported.map(([name]) => name))).toEqual(sorted(Object.keys(SOURCES)));
  });

  it.each(exported)('gives the GraphQL enum %s exactly the values the database allows', (name, values) =>
    rolledBack(pool, async (client) => {
      const source = SOURCES[name]!;
      const database = 'domain' in source
        ? (await client.query<{ v: string }>('select app.enum_values($1) as v', [source.domain])).rows.map((r) => r.v)
        : 'table' in source ? await checkValues(client, source.table, source.column) : await source.values(client);
      expect(database.length).toBeGreaterThan(0);
      expect(sorted(Object.values(values as Record<string, string>))).toEqual(sorted(database));
    }));

  it('names every edge of the status flow by an action the api knows', () =>
    rolledBack(pool, async (client) => {
      const { rows } = await client.query<{ action: string; from_status: string; to_status: string }>(
        'select action, from_status, to_status from hazard_transitions order by action');
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(Object.values(enums.HazardAction)).toContain(row.action);
        expect(Object.values(enums.HazardStatus)).toEqual(expect.arrayContaining([row.from_status, row.to_status]));
      }
    }));

  it('lets exactly the api\'s staff writers write in their scope (app.can_write)', () =>
    rolledBack(pool, async (client) => {
      const { rows: [town] } = await client.query<{ code: string }>(`select code from jurisdictions where level = 'town' order by code limit 1`);
      const roles = (await client.query<{ v: string }>(`select app.enum_values('user_role') as v`)).rows.map((r) => r.v);
      const writers: string[] = [];
      for (const role of roles) {
        await client.query(
          `select set_config('app.role', $1, true), set_config('app.scope_prefix', $2, true), set_config('app.sectors', 'FIRE_SAFETY', true)`,
          [role, role === 'admin' ? '' : town!.code]);
        const { rows: [row] } = await client.query<{ can: boolean }>(`select app.can_write($1, 'FIRE_SAFETY') as can`, [town!.code]);
        if (row!.can) writers.push(role);
      }
      expect(sorted(writers)).toEqual(sorted(STAFF_WRITERS));
    }));
});
