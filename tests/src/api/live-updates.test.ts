import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { hashPassword } from '@risk/db';
import { startTestApp, type TestApp } from '../support/app';
import { KINDS, kindHazard, testPlace, type Place } from '../support/closed-loop';
import { TEST_PASSWORD } from '../support/constants';
import { createUser } from '../support/users';

// Subscriptions over the WebSocket at /graphql (api/src/live). With a PostgreSQL server the
// subscribers listen on a second api process over the same database, and the writes go
// through the first: every process hears what the database announces. The embedded database
// admits one connection, so there one api process does both.
let writer: TestApp;
let listener: TestApp;
const clients: Client[] = [];
/** One hash for every user the file makes: each scrypt run takes seconds on a busy machine. */
let passwordHash: string;

interface Change { kind: string; hazardId: string; townCode: string; status: string }
interface Update { hazards: Change[]; townCodes: string[]; resync: boolean }

const LIVE = 'subscription { liveUpdates { hazards { kind hazardId townCode status } townCodes resync } }';
const FIVE = '{ responsiblePerson: "张伟", measures: "更换破损设备", fundsYuan: 5000, contingencyPlan: "设置警戒区" }';

beforeAll(async () => {
  passwordHash = await hashPassword(TEST_PASSWORD);
  writer = await startTestApp();
  listener = process.env.TEST_DATABASE_MODE === 'embedded' ? writer : await startTestApp();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  if (listener !== writer) await listener?.close();
  await writer?.close();
});

/** A graphql-ws client of the listening process, signed in with `token`. */
function connect(token: string | undefined, params: Record<string, unknown> = {}): Client {
  const client = createClient({
    url: `${listener.baseUrl.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...params },
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

interface Heard {
  updates: Update[];
  errors: { message: string; extensions?: { code?: string } }[];
  /** Resolves when the subscription ends (completed, refused, or the connection closed). */
  closed: Promise<void>;
}

/** Subscribes to liveUpdates and collects what arrives. */
function listen(client: Client, query = LIVE): Heard {
  const heard: Heard = { updates: [], errors: [], closed: Promise.resolve() };
  heard.closed = new Promise((resolve) => {
    client.subscribe<{ liveUpdates: Update }>({ query }, {
      next: (result) => {
        if (result.data) heard.updates.push(result.data.liveUpdates);
        if (result.errors) heard.errors.push(...(result.errors as Heard['errors']));
      },
      error: (error) => {
        heard.errors.push(...(Array.isArray(error) ? error : [{ message: String((error as { reason?: string }).reason ?? error) }]));
        resolve();
      },
      complete: () => resolve(),
    });
  });
  return heard;
}

/** Waits until `predicate` holds of what was heard, at most `ms`. */
async function until(heard: Heard, predicate: (updates: Update[]) => boolean, ms = 2000): Promise<number> {
  const started = Date.now();
  while (!predicate(heard.updates)) {
    if (Date.now() - started > ms) throw new Error(`not heard within ${ms} ms: ${JSON.stringify(heard.updates)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

const changesOf = (updates: Update[]) => updates.flatMap((update) => update.hazards);
const heardOf = (updates: Update[], id: string, kind: string) => changesOf(updates).some((c) => c.hazardId === id && c.kind === kind);

/** An enterprise's place in another town than `other`'s (and than the demo town official's). */
async function placeOutside(other: Place): Promise<Place> {
  const { rows: [row] } = await writer.db.pool.query(
    `select e.town_code, e.id, e.sector, st_x(e.location) as lng, st_y(e.location) as lat
     from enterprises e
     where e.town_code <> $1
       and e.town_code not in (select jurisdiction_code from users where username = 'town' and jurisdiction_code is not null)
     order by e.id limit 1`, [other.townCode]);
  return { townCode: row.town_code, enterpriseId: Number(row.id), sector: row.sector, lng: row.lng, lat: row.lat };
}

/** A town official of the place's town, signed in on the writing process. */
async function officialOf(place: Place): Promise<string> {
  const user = await createUser(writer.db.pool, { role: 'town', jurisdictionCode: place.townCode, passwordHash });
  return writer.login(user.username);
}

/** Waits until the listening process's subscriptions are in place (graphql-ws acknowledges nothing per subscription). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function startRectification(token: string, id: string): Promise<void> {
  const { rows: [row] } = await writer.db.pool.query('select version from hazards where id = $1', [id]);
  const result = await writer.gql(
    `mutation ($id: ID!, $v: Int!) { startRectification(id: $id, version: $v, fiveInPlace: ${FIVE}) { status } }`,
    { id, v: row.version }, token);
  expect(result.errors).toBeUndefined();
}

test('a town official hears their town\'s status change within 2 s and never another town\'s; a leader hears both', async () => {
  const here = await testPlace(writer.db.pool);
  const there = await placeOutside(here);
  const [hereToken, thereToken] = [await officialOf(here), await officialOf(there)];
  const leader = await createUser(writer.db.pool, { role: 'leader', jurisdictionCode: '430900', passwordHash });
  const hereHazard = await kindHazard(writer.db.pool, here, KINDS[0]!, 'REPORTED');
  const thereHazard = await kindHazard(writer.db.pool, there, KINDS[0]!, 'REPORTED');

  const hereHeard = listen(connect(hereToken));
  const thereHeard = listen(connect(thereToken));
  const leaderHeard = listen(connect(await writer.login(leader.username)));
  await settle();

  await startRectification(hereToken, hereHazard);
  const took = await until(hereHeard, (updates) => heardOf(updates, hereHazard, 'STATUS_CHANGED'));
  expect(took).toBeLessThan(2000);
  await startRectification(thereToken, thereHazard);
  await until(thereHeard, (updates) => heardOf(updates, thereHazard, 'STATUS_CHANGED'));
  await until(leaderHeard, (updates) => heardOf(updates, hereHazard, 'STATUS_CHANGED') && heardOf(updates, thereHazard, 'STATUS_CHANGED'));
  // What the leader heard last has reached everyone by now: nothing of the other town came.
  await settle();

  const change = changesOf(hereHeard.updates).find((c) => c.hazardId === hereHazard)!;
  expect(change).toMatchObject({ townCode: here.townCode, status: 'RECTIFYING' });
  expect(changesOf(hereHeard.updates).every((c) => c.townCode === here.townCode)).toBe(true);
  expect(hereHeard.updates.flatMap((u) => u.townCodes).every((town) => town === here.townCode)).toBe(true);
  expect(hereHeard.updates.flatMap((u) => u.townCodes)).toContain(here.townCode);
  expect(changesOf(thereHeard.updates).every((c) => c.townCode === there.townCode)).toBe(true);
  expect(thereHeard.updates.flatMap((u) => u.townCodes).every((town) => town === there.townCode)).toBe(true);
  expect(leaderHeard.updates.flatMap((u) => u.townCodes)).toEqual(expect.arrayContaining([here.townCode, there.townCode]));
  expect([...hereHeard.errors, ...thereHeard.errors, ...leaderHeard.errors]).toEqual([]);
});

test('a major hazard registered in a town is announced to that town, and the listening process\'s figures follow', async () => {
  const here = await testPlace(writer.db.pool);
  const there = await placeOutside(here);
  const hereToken = await officialOf(here);
  const hereHeard = listen(connect(hereToken));
  const thereHeard = listen(connect(await officialOf(there)));
  // The listening process caches the town's figures now (AGGREGATE_CACHE, 30 s).
  const openMajor = async () => {
    const result = await listener.gql('query ($p: String!) { jurisdictionStats(parentCode: $p, level: town) { code openMajor } }',
      { p: here.townCode.slice(0, 6) }, hereToken);
    return (result.data.jurisdictionStats as { code: string; openMajor: number }[]).find((row) => row.code === here.townCode)!.openMajor;
  };
  const before = await openMajor();
  await settle();

  const major = await kindHazard(writer.db.pool, here, KINDS[1]!, 'REPORTED');
  await until(hereHeard, (updates) => heardOf(updates, major, 'NEW_MAJOR_HAZARD'));
  // What the client refetches on the update is current, whichever process wrote.
  expect(await openMajor()).toBe(before + 1);
  await settle();
  expect(changesOf(thereHeard.updates).some((c) => c.hazardId === major)).toBe(false);
});

test('a hazard whose deadline passed is announced as newly overdue when the day changes, to its town only', async () => {
  const here = await testPlace(writer.db.pool);
  const there = await placeOutside(here);
  const hereHeard = listen(connect(await officialOf(here)));
  const thereHeard = listen(connect(await officialOf(there)));
  // Due yesterday: overdue since today began. No write marks that moment; the api's day check does.
  const late = await kindHazard(writer.db.pool, here, KINDS[0]!, 'REPORTED', { deadlineDays: -1 });
  const { rows: [{ yesterday }] } = await writer.db.pool.query(`select (app.today() - 1)::text as yesterday`);
  await settle();

  await listener.live.checkDay(yesterday);
  await until(hereHeard, (updates) => heardOf(updates, late, 'NEWLY_OVERDUE'));
  await settle();
  expect(changesOf(thereHeard.updates).some((c) => c.hazardId === late)).toBe(false);
  // Checked again on the same day, nothing is announced twice.
  const before = changesOf(hereHeard.updates).filter((c) => c.kind === 'NEWLY_OVERDUE').length;
  await listener.live.checkDay();
  await settle();
  expect(changesOf(hereHeard.updates).filter((c) => c.kind === 'NEWLY_OVERDUE')).toHaveLength(before);
});

test('a connection without a valid token is refused', async () => {
  for (const token of [undefined, 'not-a-token']) {
    const heard = listen(connect(token));
    await heard.closed;
    expect(heard.errors[0]?.message).toBe('Forbidden');
    expect(heard.updates).toEqual([]);
  }
});

test('a client that connects again after a loss is first told to refetch (resync)', async () => {
  const heard = listen(connect(await writer.login('leader'), { resumed: true }));
  await until(heard, (updates) => updates.length > 0);
  expect(heard.updates[0]).toEqual({ hazards: [], townCodes: [], resync: true });
});

test('subscription documents pass the query limits, and queries are refused on the WebSocket', async () => {
  const client = connect(await writer.login('leader'));
  const deep = listen(client, 'subscription { liveUpdates { hazards { a { b { c { d { e { f { g { h } } } } } } } } } }');
  await deep.closed;
  expect(deep.errors[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' });
  const aliases = `subscription { liveUpdates { ${Array.from({ length: 40 }, (_, i) => `a${i}: resync`).join(' ')} } }`;
  const refusedAliases = listen(client, aliases);
  await refusedAliases.closed;
  expect(refusedAliases.errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const query = listen(client, 'query { today }');
  await query.closed;
  expect(query.errors[0]?.extensions?.code).toBe('BAD_REQUEST');
  const invalid = listen(client, 'subscription { liveUpdates { nothing } }');
  await invalid.closed;
  expect(invalid.errors[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  // Sent as POST, a subscription is refused too: it needs the WebSocket.
  const post = await listener.gql(LIVE, {}, await writer.login('leader'));
  expect(post.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
});

test('a deactivated account hears nothing more: its subscription ends with UNAUTHENTICATED', async () => {
  const here = await testPlace(writer.db.pool);
  const user = await createUser(writer.db.pool, { role: 'town', jurisdictionCode: here.townCode, passwordHash });
  const heard = listen(connect(await writer.login(user.username)));
  await settle();
  await writer.db.pool.query('update users set active = false where id = $1', [user.id]);
  const hazard = await kindHazard(writer.db.pool, here, KINDS[1]!, 'REPORTED');
  await heard.closed;
  expect(heard.errors.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  expect(changesOf(heard.updates).some((c) => c.hazardId === hazard)).toBe(false);
});
