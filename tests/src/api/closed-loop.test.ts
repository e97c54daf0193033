import { hashPassword } from '@risk/db';
import { startTestApp, type GraphQLResult, type TestApp } from '../support/app';
import { TEST_PASSWORD } from '../support/constants';
import { testPlace, KINDS, kindHazard, type Place, type Status } from '../support/closed-loop';
import { hazardState } from '../support/hazard-fixtures';

// The closed loop through GraphQL: what each person may do to each kind of hazard in each
// status is what Hazard.viewerActions says, and every refusal has its code and writes nothing.

/** The date `days` after the database's today (app.today(), the deployment's date). */
let today = '';
const inDays = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);

type Action = 'START_RECTIFICATION' | 'SUBMIT_RECTIFICATION' | 'VERIFY_PASS' | 'VERIFY_FAIL' | 'REOPEN' | 'EXTEND_DEADLINE' | 'LIST_FOR_SUPERVISION'
  | 'PUBLISH' | 'UNPUBLISH';

const FIVE = { responsiblePerson: '张伟', measures: '更换破损设备', fundsYuan: 5000, contingencyPlan: '设置警戒区' };
const LEVEL_OF_RANK = ['COUNTY', 'COUNTY', 'CITY', 'PROVINCE', 'PROVINCE'] as const;

interface Persona {
  name: string;
  username: string;
  /** 0 town or enterprise, 1 county, 2 city, 3 province, 4 admin: the level it lists at. */
  rank: number;
}

/** The mutation of each action, on hazard `id` at `version`, as a persona of `rank`. */
function mutation(action: Action, rank: number): string {
  switch (action) {
    case 'START_RECTIFICATION': return `startRectification(id: $id, version: $v, fiveInPlace: ${JSON.stringify(FIVE).replace(/"(\w+)":/g, '$1:')})`;
    case 'SUBMIT_RECTIFICATION': return 'submitRectification(id: $id, version: $v, note: "整改完成")';
    case 'VERIFY_PASS': return 'verifyRectification(id: $id, version: $v, passed: true, note: "验收合格", evaluation: "第三方评估报告 2026-07 号")';
    case 'VERIFY_FAIL': return 'verifyRectification(id: $id, version: $v, passed: false, note: "整改不到位")';
    case 'REOPEN': return 'reopenHazard(id: $id, version: $v, reason: "回头看发现反弹")';
    case 'EXTEND_DEADLINE': return `extendDeadline(id: $id, version: $v, newDeadline: "${inDays(90)}", reason: "设备采购周期长")`;
    case 'LIST_FOR_SUPERVISION': return `listForSupervision(hazardId: $id, input: { level: ${LEVEL_OF_RANK[rank]}, listingBody: "安委会",
      rectifyingUnit: "a", rectifyingHead: "b", regulatingUnit: "c", regulatingHead: "d", supervisingOfficial: "e",
      deadline: "${inDays(60)}", yearListed: 2026 })`;
    case 'PUBLISH': return 'setHazardPublication(id: $id, version: $v, published: true, note: "向社会公示")';
    case 'UNPUBLISH': return 'setHazardPublication(id: $id, version: $v, published: false, note: "公示期满")';
  }
}

/**
 * The actions that may apply in each status; every other one is refused by the status flow.
 * The hazards are made unpublished, so PUBLISH applies and UNPUBLISH is refused.
 */
const IN_STATUS: Record<Status, Action[]> = {
  REPORTED: ['START_RECTIFICATION', 'EXTEND_DEADLINE', 'LIST_FOR_SUPERVISION', 'PUBLISH', 'UNPUBLISH'],
  RECTIFYING: ['SUBMIT_RECTIFICATION', 'EXTEND_DEADLINE', 'LIST_FOR_SUPERVISION', 'PUBLISH', 'UNPUBLISH'],
  AWAITING_VERIFICATION: ['VERIFY_PASS', 'VERIFY_FAIL', 'EXTEND_DEADLINE', 'LIST_FOR_SUPERVISION', 'PUBLISH', 'UNPUBLISH'],
  CLOSED: ['REOPEN', 'PUBLISH', 'UNPUBLISH'],
};

let app: TestApp;
let place: Place;
const tokens = new Map<string, string>();
const suffix = Math.random().toString(36).slice(2, 8);
const PERSONAS: Persona[] = [
  { name: 'the administrator', username: 'admin', rank: 4 },
  { name: 'a city leader', username: 'leader', rank: 2 },
  { name: 'a city analyst', username: 'analyst', rank: 2 },
  { name: 'a provincial inspector', username: `prov-${suffix}`, rank: 3 },
  { name: 'a city inspector', username: `city-${suffix}`, rank: 2 },
  { name: 'a county inspector', username: `county-${suffix}`, rank: 1 },
  { name: 'the town official', username: `town-${suffix}`, rank: 0 },
  { name: 'the enterprise', username: `ent-${suffix}`, rank: 0 },
];
const token = (username: string) => tokens.get(username)!;
const other = `town2-${suffix}`;

beforeAll(async () => {
  app = await startTestApp({ AGGREGATE_CACHE: 'false' });
  place = await testPlace(app.db.pool);
  today = (await app.db.pool.query('select app.today()::text as today')).rows[0].today;
  const hash = await hashPassword(TEST_PASSWORD);
  // This file's own people, of a town away from the demo's (its hazards stay out of the demo
  // town's lists): inspectors of the place's sector at each level, two officials of the
  // town, and the enterprise's user.
  const extra: [string, string, string | null, string[], number | null][] = [
    [`prov-${suffix}`, 'inspector', `${place.townCode.slice(0, 2)}0000`, [place.sector], null],
    [`city-${suffix}`, 'inspector', `${place.townCode.slice(0, 4)}00`, [place.sector], null],
    [`county-${suffix}`, 'inspector', place.townCode.slice(0, 6), [place.sector], null],
    [`town-${suffix}`, 'town', place.townCode, [], null],
    [other, 'town', place.townCode, [], null],
    [`ent-${suffix}`, 'enterprise', null, [], place.enterpriseId],
  ];
  for (const [username, role, jurisdiction, sectors, enterprise] of extra) {
    await app.db.pool.query(
      `insert into users (username, password_hash, display_name, role, jurisdiction_code, sectors, enterprise_id)
       values ($1, $2, $1, $3, $4, $5::sector[], $6)`, [username, hash, role, jurisdiction, sectors, enterprise]);
  }
  for (const username of [...PERSONAS.map((p) => p.username), other]) tokens.set(username, await app.login(username));
});
afterAll(() => app.close());

async function versionOf(id: string): Promise<number> {
  return (await app.db.pool.query('select version from hazards where id = $1', [id])).rows[0].version;
}

async function run(action: Action, rank: number, id: string, as?: string): Promise<GraphQLResult> {
  // Listing takes no version: a listing is a record of its own, not an update of the hazard.
  if (action === 'LIST_FOR_SUPERVISION') return app.gql(`mutation ($id: ID!) { r: ${mutation(action, rank)} { id } }`, { id }, as);
  return app.gql(`mutation ($id: ID!, $v: Int!) { r: ${mutation(action, rank)} { id } }`, { id, v: await versionOf(id) }, as);
}

async function viewerActions(id: string, as: string): Promise<Action[]> {
  const result = await app.gql('query ($id: ID!) { hazard(id: $id) { viewerActions } }', { id }, as);
  expect(result.errors).toBeUndefined();
  return result.data.hazard?.viewerActions ?? [];
}

const code = (result: GraphQLResult) => result.errors?.[0]?.extensions?.code;
const rule = (result: GraphQLResult) => result.errors?.[0]?.extensions?.rule;

describe('the closed loop through GraphQL', () => {
  // One test per person: each walks 5 kinds × 4 statuses with a fresh hazard per mutation,
  // which takes a while on the single-connection embedded database.
  it.each(PERSONAS.map((p) => [p.name, p] as const))(
    'offers %s exactly the actions the mutations allow, for every kind of hazard in every status; each refusal coded and writing nothing',
    async (_name, persona) => {
      const mismatches: string[] = [];
      const REFUSALS = new Set(['FORBIDDEN', 'INVALID_TRANSITION', 'BAD_USER_INPUT', 'CONFLICT']);
      for (const kind of KINDS) {
        for (const status of Object.keys(IN_STATUS) as Status[]) {
          const offered = await viewerActions(await kindHazard(app.db.pool, place, kind, status), token(persona.username));
          const allowed: Action[] = [];
          for (const action of IN_STATUS[status]) {
            const id = await kindHazard(app.db.pool, place, kind, status);
            const before = await hazardState(app.db.pool, id);
            const result = await run(action, persona.rank, id, token(persona.username));
            if (!result.errors) {
              allowed.push(action);
              continue;
            }
            if (!REFUSALS.has(code(result)!)) mismatches.push(`${action} ${kind.name}: unexpected ${code(result)} ${result.errors[0]!.message}`);
            if (JSON.stringify(await hazardState(app.db.pool, id)) !== JSON.stringify(before)) mismatches.push(`${action} ${kind.name}: a refusal wrote`);
          }
          const order = (list: Action[]) => [...list].sort();
          if (JSON.stringify(order(offered)) !== JSON.stringify(order(allowed))) {
            mismatches.push(`${kind.name} ${status}: offered ${offered.join(',')} but allowed ${allowed.join(',')}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    }, 600_000);

  it('refuses an action the status flow does not allow from the hazard\'s status, and never offers it', async () => {
    const id = await kindHazard(app.db.pool, place, KINDS[0]!, 'CLOSED');
    const result = await run('SUBMIT_RECTIFICATION', 4, id, token('admin'));
    expect(code(result)).toBe('INVALID_TRANSITION');
    expect(await viewerActions(id, token('admin'))).toEqual(['REOPEN', 'PUBLISH']);
  });

  it('offers the anonymous public nothing and asks it to sign in', async () => {
    const id = await kindHazard(app.db.pool, place, KINDS[0]!, 'AWAITING_VERIFICATION');
    expect(code(await run('VERIFY_PASS', 0, id))).toBe('UNAUTHENTICATED');
  });

  it('refuses the town official who clears its own overdue figures, at the step that breaks the rules, the hazard staying overdue and counted', async () => {
    const town = token(`town-${suffix}`);
    const id = await kindHazard(app.db.pool, place, KINDS[0]!, 'REPORTED', { subject: 'place', deadlineDays: -703 });
    const overdueCount = async () => {
      const stats = await app.gql('query ($p: String!) { jurisdictionStats(parentCode: $p, level: town) { code overdue } }',
        { p: place.townCode.slice(0, 6) }, token('admin'));
      return stats.data.jurisdictionStats.find((s: { code: string }) => s.code === place.townCode).overdue as number;
    };
    const before = { count: await overdueCount(), state: await hazardState(app.db.pool, id) };
    const start = (extra: string) => app.gql(
      `mutation ($id: ID!, $v: Int!) { startRectification(id: $id, version: $v, fiveInPlace: { responsiblePerson: "张伟",
         measures: "清理", fundsYuan: 100, contingencyPlan: "警戒", deadline: "${inDays(30)}" }${extra}) { id } }`,
      { id, v: before.state.version }, town);

    const noReason = await start('');
    expect([code(noReason), noReason.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'deadlineChangeReason']);
    const ownExtension = await start(', deadlineChangeReason: "重新确定整改期限"');
    expect([code(ownExtension), rule(ownExtension)]).toEqual(['FORBIDDEN', 'EXTENSION_BY_RECTIFIER']);
    expect(await hazardState(app.db.pool, id)).toEqual(before.state);
    const seen = await app.gql('query ($id: ID!) { hazard(id: $id) { overdue overdueDays } }', { id }, town);
    expect(seen.data.hazard).toEqual({ overdue: true, overdueDays: 703 });
    expect(await overdueCount()).toBe(before.count);

    // Started on its registered deadline and submitted, it is still the town's own work.
    expect((await run('START_RECTIFICATION', 0, id, town)).errors).toBeUndefined();
    expect((await run('SUBMIT_RECTIFICATION', 0, id, town)).errors).toBeUndefined();
    const submitted = await hazardState(app.db.pool, id);
    const selfCheck = await run('VERIFY_PASS', 0, id, town);
    expect([code(selfCheck), rule(selfCheck)]).toEqual(['FORBIDDEN', 'OWN_RECTIFICATION']);
    expect(await hazardState(app.db.pool, id)).toEqual(submitted);
    expect(await viewerActions(id, town)).not.toContain('VERIFY_PASS');
    expect(await viewerActions(id, token(other))).toContain('VERIFY_PASS');
    expect((await run('VERIFY_PASS', 0, id, token(other))).errors).toBeUndefined();
  });

  it('has a major hazard verified by its sector\'s department or the county, passing with an evaluation shown in the history', async () => {
    const id = await kindHazard(app.db.pool, place, KINDS[1]!, 'AWAITING_VERIFICATION');
    const byTown = await run('VERIFY_PASS', 0, id, token(`town-${suffix}`));
    expect([code(byTown), rule(byTown)]).toEqual(['FORBIDDEN', 'MAJOR_HAZARD_VERIFIER']);
    const county = token(`county-${suffix}`);
    const noEvaluation = await app.gql('mutation ($id: ID!, $v: Int!) { verifyRectification(id: $id, version: $v, passed: true, note: "合格") { id } }',
      { id, v: await versionOf(id) }, county);
    expect([code(noEvaluation), rule(noEvaluation), noEvaluation.errors?.[0]?.extensions?.field]).toEqual(['BAD_USER_INPUT', 'EVALUATION_REQUIRED', 'evaluation']);
    expect((await run('VERIFY_PASS', 1, id, county)).errors).toBeUndefined();
    const history = await app.gql('query ($id: ID!) { hazard(id: $id) { status history { toStatus evaluation } } }', { id }, county);
    expect(history.data.hazard.status).toBe('CLOSED');
    expect(history.data.hazard.history.at(-1)).toEqual({ toStatus: 'CLOSED', evaluation: '第三方评估报告 2026-07 号' });
  });

  it('closes a listed hazard only at its listing level or above, and lists only major hazards, at one\'s own level', async () => {
    const cityListed = await kindHazard(app.db.pool, place, KINDS[3]!, 'AWAITING_VERIFICATION');
    const byCounty = await run('VERIFY_PASS', 1, cityListed, token(`county-${suffix}`));
    expect([code(byCounty), rule(byCounty)]).toEqual(['FORBIDDEN', 'LISTING_LEVEL']);
    expect((await run('VERIFY_PASS', 2, cityListed, token(`city-${suffix}`))).errors).toBeUndefined();

    const general = await kindHazard(app.db.pool, place, KINDS[0]!, 'RECTIFYING');
    const listGeneral = await run('LIST_FOR_SUPERVISION', 1, general, token(`county-${suffix}`));
    expect([code(listGeneral), rule(listGeneral)]).toEqual(['BAD_USER_INPUT', 'LISTING_NEEDS_MAJOR_HAZARD']);
    const major = await kindHazard(app.db.pool, place, KINDS[1]!, 'RECTIFYING');
    const before = await hazardState(app.db.pool, major);
    const aboveOwnLevel = await run('LIST_FOR_SUPERVISION', 2, major, token(`county-${suffix}`));
    expect([code(aboveOwnLevel), rule(aboveOwnLevel)]).toEqual(['FORBIDDEN', 'LISTING_LEVEL']);
    expect(await hazardState(app.db.pool, major)).toEqual(before);
    const listed = await app.gql(`mutation ($id: ID!) { r: ${mutation('LIST_FOR_SUPERVISION', 2)} { listedLevel } }`,
      { id: major }, token(`city-${suffix}`));
    expect(listed.data?.r).toEqual({ listedLevel: 'CITY' });
  });

  it('records a deadline changed at the start as an extension with its reason', async () => {
    const id = await kindHazard(app.db.pool, place, KINDS[0]!, 'REPORTED', { deadlineDays: 10 });
    const result = await app.gql(
      `mutation ($id: ID!, $v: Int!) { startRectification(id: $id, version: $v, deadlineChangeReason: "汛期施工受限",
         fiveInPlace: { responsiblePerson: "张伟", measures: "加固", fundsYuan: 100, contingencyPlan: "警戒", deadline: "${inDays(40)}" })
         { deadline history { event note oldDeadline newDeadline } } }`,
      { id, v: await versionOf(id) }, token(`county-${suffix}`));
    expect(result.errors).toBeUndefined();
    const { deadline, history } = result.data.startRectification;
    expect(deadline).toBe(inDays(40));
    expect(history.map((h: { event: string }) => h.event)).toEqual(['CREATED', 'TRANSITION', 'DEADLINE_EXTENDED']);
    expect(history[2]).toEqual({ event: 'DEADLINE_EXTENDED', note: '汛期施工受限', oldDeadline: inDays(10), newDeadline: inDays(40) });
  });

  it('answers viewerActions for a page of hazards in one statement', async () => {
    const page = (fields: string) => app.gql(`query { hazards(first: 50) { edges { node { id ${fields} } } } }`, {}, token('admin'));
    const without = await page('');
    const withActions = await page('viewerActions');
    expect(withActions.data.hazards.edges).toHaveLength(50);
    expect(withActions.extensions!.sqlStatements! - without.extensions!.sqlStatements!).toBe(1);
  });
});

