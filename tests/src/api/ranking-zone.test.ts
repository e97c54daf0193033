import { readConfig } from '@risk/api/config';
import { startTestApp, type TestApp } from '../support/app';

// 红区/蓝区 of jurisdictionStats (docs/metrics.md): one rule, its shares set by RANKING_ZONES.
const ZONES = 'query { jurisdictionStats(parentCode: "430900", level: town) { code rank riskScore zone } }';

interface Row { code: string; rank: number; riskScore: number; zone: 'RED' | 'BLUE' | null }

async function zones(env: Record<string, string>): Promise<Row[]> {
  const app: TestApp = await startTestApp(env);
  try {
    const result = await app.gql<{ jurisdictionStats: Row[] }>(ZONES, {}, await app.login('leader'));
    expect(result.errors).toBeUndefined();
    return result.data!.jurisdictionStats;
  } finally {
    await app.close();
  }
}

test('by default the top quarter by score is the red zone and the bottom quarter (and every zero score) the blue zone', async () => {
  const rows = await zones({});
  const n = rows.length;
  expect(n).toBeGreaterThan(8);
  for (const row of rows) {
    const position = (row.rank - 1) / n;
    const expected = row.riskScore > 0 && position < 0.25 ? 'RED' : row.riskScore === 0 || position >= 0.75 ? 'BLUE' : null;
    expect({ code: row.code, zone: row.zone }).toEqual({ code: row.code, zone: expected });
  }
  expect(rows.filter((r) => r.zone === 'RED').length).toBeGreaterThan(0);
  expect(rows.filter((r) => r.zone === 'BLUE').length).toBeGreaterThan(0);
});

test('RANKING_ZONES changes the shares: half red and no blue zone but the zero scores', async () => {
  const rows = await zones({ RANKING_ZONES: '{"red": 0.5, "blue": 0}' });
  const n = rows.length;
  for (const row of rows) {
    const expected = row.riskScore > 0 && (row.rank - 1) / n < 0.5 ? 'RED' : row.riskScore === 0 ? 'BLUE' : null;
    expect({ code: row.code, zone: row.zone }).toEqual({ code: row.code, zone: expected });
  }
});

test.each([
  ['not JSON', 'red'],
  ['an unknown key', '{"amber": 0.2}'],
  ['a share above 1', '{"red": 1.5}'],
  ['a negative share', '{"blue": -0.1}'],
])('a RANKING_ZONES with %s stops the api naming the variable', (_what, value) => {
  expect(() => readConfig({ RANKING_ZONES: value })).toThrow(/RANKING_ZONES/);
});
