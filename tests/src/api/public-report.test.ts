import { RequestDb } from '@risk/api/common/request-db';
import { PUBLIC_VIEWER } from '@risk/api/common/viewer';
import { errorCode, startTestApp, type TestApp } from '../support/app';
import { scopeOf, type Scope } from '../support/hazard-fixtures';

// One accepted report and one refused outside every town use up the window.
const LIMIT = 2;
const REPORT = 'mutation ($input: PublicReportInput!) { reportHazardPublic(input: $input) { receipt townCode foundAt } }';

let app: TestApp;
let town: Scope;

beforeAll(async () => {
  app = await startTestApp({ PUBLIC_REPORTS_PER_HOUR: String(LIMIT) });
  town = await scopeOf(app.db.pool, 'town');
});
afterAll(() => app.close());

const input = () => ({ input: {
  description: '渡口无救生衣', sector: 'WATER_TRAFFIC', placeName: '资江渡口', contact: '138****0000',
  location: { lng: town.lng, lat: town.lat },
} });

describe('a citizen\'s report (群众举报)', () => {
  let receipt: string;

  it('is accepted without signing in and answered with a receipt only', async () => {
    const result = await app.gql(REPORT, input());
    expect(result.errors).toBeUndefined();
    receipt = result.data.reportHazardPublic.receipt;
    expect(result.data.reportHazardPublic).toEqual({ receipt: expect.stringMatching(/^GZ-/), townCode: town.townCode, foundAt: expect.any(String) });
    const { rows } = await app.db.pool.query('select source, status, reporter_contact from hazards where code = $1', [receipt]);
    expect(rows).toEqual([{ source: 'PUBLIC_REPORT', status: 'REPORTED', reporter_contact: '138****0000' }]);
  });

  it('cannot be read back by the public', async () => {
    const db = new RequestDb(app.db.pool, PUBLIC_VIEWER);
    try {
      expect(await db.query('select id from hazards where code = $1', [receipt])).toEqual([]);
      expect(await db.query('select h.id from hazard_history h join hazards z on z.id = h.hazard_id where z.code = $1', [receipt])).toEqual([]);
    } finally {
      await db.finish(false);
    }
  });

  it('is refused outside every town', async () => {
    const result = await app.gql(REPORT, { input: { ...input().input, location: { lng: 0, lat: 0 } } });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
  });

  it(`is limited to ${LIMIT} an hour per client, failed attempts included`, async () => {
    const { rows: [before] } = await app.db.pool.query('select count(*)::int as n from hazards');
    const result = await app.gql(REPORT, input());
    expect(errorCode(result)).toBe('RATE_LIMITED');
    expect(result.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    const { rows: [after] } = await app.db.pool.query('select count(*)::int as n from hazards');
    expect(after.n).toBe(before.n);
  });
});
