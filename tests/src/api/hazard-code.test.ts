import { errorCode, startTestApp, type TestApp } from '../support/app';
import { scopeOf, type Scope } from '../support/hazard-fixtures';

// A registration's code ends in a random tail, which can repeat a code of the same town and
// day. A collision cannot be waited for, so the test makes them: a trigger, for this file
// only, gives the next inserted hazards the codes queued in a table, as a repeated tail would.

const REPORT = `mutation ($input: ReportHazardInput!) { reportHazard(input: $input) { id code } }`;

let app: TestApp;
let town: Scope;
let token: string;

beforeAll(async () => {
  app = await startTestApp();
  town = await scopeOf(app.db.pool, 'town');
  token = await app.login('town');
  await app.db.pool.query(`
    create table test_repeated_codes (id serial primary key, code text not null);
    create function test_repeat_code() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
      declare repeated text;
      begin
        delete from test_repeated_codes where id = (select min(id) from test_repeated_codes) returning code into repeated;
        if repeated is not null then new.code := repeated; end if;
        return new;
      end $$;
    create trigger test_repeat_code before insert on hazards for each row execute function test_repeat_code();`);
});
afterAll(async () => {
  await app.db.pool.query(`
    drop trigger test_repeat_code on hazards;
    drop function test_repeat_code();
    drop table test_repeated_codes;`);
  await app.close();
});

const report = () => app.gql(REPORT, { input: {
  description: '疏散通道堆放杂物', level: 'GENERAL', sector: 'FIRE_SAFETY', source: 'SUPERVISION',
  location: { lng: town.lng, lat: town.lat }, placeName: '农贸市场',
} }, token);

async function repeat(code: string, times: number) {
  await app.db.pool.query('insert into test_repeated_codes (code) select $1 from generate_series(1, $2)', [code, times]);
}

const hazardCount = async () => Number((await app.db.pool.query('select count(*) from hazards')).rows[0].count);

it('a registration whose code repeats an existing one is tried again with a new code', async () => {
  const first = await report();
  expect(first.errors).toBeUndefined();
  const taken: string = first.data.reportHazard.code;
  await repeat(taken, 2);
  const before = await hazardCount();
  const second = await report();
  expect(second.errors).toBeUndefined();
  expect(second.data.reportHazard.code).not.toBe(taken);
  expect(second.data.reportHazard.code).toMatch(new RegExp(`^YH-${town.townCode}-\\d{8}-[0-9A-F]{6}$`));
  expect(await hazardCount()).toBe(before + 1);
  // Both repeats were used up by the tries, and the existing hazard kept its code alone.
  expect((await app.db.pool.query('select count(*)::int as n from test_repeated_codes')).rows[0].n).toBe(0);
  expect((await app.db.pool.query('select count(*)::int as n from hazards where code = $1', [taken])).rows[0].n).toBe(1);
});

it('after five repeats in a row it is refused as a conflict and writes nothing', async () => {
  const first = await report();
  const taken: string = first.data.reportHazard.code;
  await repeat(taken, 5);
  const before = await hazardCount();
  const refused = await report();
  expect(errorCode(refused)).toBe('CONFLICT');
  expect(await hazardCount()).toBe(before);
});
