import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { readChaseConfig } from '@risk/api/chase/chase.config';
import { JobRunner } from '@risk/api/chase/job-runner';
import { startTestApp, type TestApp } from '../support/app';
import { chasesOf, deadlineOf } from '../support/chase';
import { KINDS, kindHazard, testPlace, type Place } from '../support/closed-loop';

// The job table (app.jobs) run by api processes: sweeps and webhook deliveries run once
// whoever polls, survive a restart, and a failing robot is retried and recorded. With a
// server database, two api instances on their own pools; embedded, the database admits one
// connection, so two runners share the one api's.

const GENERAL = KINDS[0]!;

/** A group robot on 127.0.0.1 that answers as `answer` says for each request, in order. */
interface Robot {
  url: string;
  received: { url: string; body: any; at: number }[];
  close(): Promise<void>;
}

async function startRobot(answer: (n: number) => { status: number; body: unknown }): Promise<Robot> {
  const received: Robot['received'] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk) => { text += chunk; });
    req.on('end', () => {
      received.push({ url: req.url ?? '', body: JSON.parse(text), at: Date.now() });
      const { status, body } = answer(received.length);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=test-key`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const OK = { status: 200, body: { errcode: 0, errmsg: 'ok' } };

/** Runner settings as an api process would read them: no periodic sweep (it would sweep the demo ledger), fast polls. */
function chaseEnv(robot: Robot | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return { CHASE_SWEEP_SECONDS: '0', JOB_POLL_MS: '50', ...(robot ? { NOTIFY_WEBHOOK_URL: robot.url } : {}), ...extra };
}

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Asks for a sweep of the hazards on their database's today, as a job (any runner may take it). */
async function enqueueSweep(db: pg.Pool, key: string, hazardIds: string[]): Promise<void> {
  await db.query(`insert into app.jobs (kind, key, payload) values ('SWEEP', $1, $2)`, [key, { hazardIds }]);
}

/** The webhook jobs of the hazards' chases, once every one has ended (done or given up). */
async function webhookJobsEnded(db: pg.Pool, hazardIds: string[], count: number) {
  return until(`${count} webhook jobs`, async () => {
    const { rows } = await db.query(
      `select j.id, j.attempts, j.done_at, j.failed_at, (j.payload ->> 'chaseId')::bigint as chase_id
       from app.jobs j join hazard_chases c on c.id = (j.payload ->> 'chaseId')::bigint
       where j.kind = 'WEBHOOK' and c.hazard_id = any($1::bigint[]) order by j.id`, [hazardIds]);
    return rows.length === count && rows.every((r) => r.done_at || r.failed_at) ? rows : undefined;
  });
}

const server = process.env.TEST_DATABASE_MODE === 'server';
let app: TestApp;
let place: Place;
const runners: JobRunner[] = [];
const robots: Robot[] = [];
const apps: TestApp[] = [];

beforeAll(async () => {
  app = await startTestApp();
  place = await testPlace(app.db.pool);
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
  await Promise.all(apps.splice(0).map((other) => other.close()));
  await Promise.all(robots.splice(0).map((robot) => robot.close()));
});

afterAll(async () => {
  await app?.close();
});

function runner(pool: pg.Pool, env: Record<string, string>): JobRunner {
  const started = new JobRunner(pool, readChaseConfig(env));
  runners.push(started);
  started.start();
  return started;
}

test(`two api processes on one database run each sweep once and post each chase once (${server ? 'two pools' : 'one embedded connection'})`, async () => {
  const robot = await startRobot(() => OK);
  robots.push(robot);
  const hazards = await Promise.all([3, 3, 1].map((days) => kindHazard(app.db.pool, place, GENERAL, 'RECTIFYING', { deadlineDays: days })));
  // The second process: another api instance with pools of its own on a server.
  const second = server ? await startTestApp() : app;
  if (second !== app) apps.push(second);
  const key = `test-${hazards.join('-')}`;
  for (let n = 0; n < 6; n += 1) await enqueueSweep(app.db.pool, `${key}-${n}`, hazards);
  runner(app.db.pool, chaseEnv(robot));
  runner(second.db.pool, chaseEnv(robot));

  const jobs = await webhookJobsEnded(app.db.pool, hazards, 3);
  const { rows: sweeps } = await app.db.pool.query(`select attempts, done_at from app.jobs where key like $1`, [`${key}-%`]);
  expect(sweeps.map((s) => [s.attempts, Boolean(s.done_at)])).toEqual(Array(6).fill([1, true]));
  expect(jobs.map((j) => [j.attempts, Boolean(j.done_at)])).toEqual([[1, true], [1, true], [1, true]]);
  for (const id of hazards) expect((await chasesOf(app.db.pool, id)).map((c) => c.step)).toEqual(['REMINDER']);

  // The robot got each chase once, as WeCom's text message.
  const { rows: texts } = await app.db.pool.query('select text from hazard_chases where hazard_id = any($1::bigint[]) order by id', [hazards]);
  expect(robot.received.map((r) => r.body.text.content).sort()).toEqual(texts.map((t) => t.text).sort());
  expect(robot.received.every((r) => r.body.msgtype === 'text' && Object.keys(r.body).join() === 'msgtype,text')).toBe(true);
  expect(robot.received[0]!.body.text.content).toMatch(/^【整改提醒】隐患 CL-/);
  const { rows: deliveries } = await app.db.pool.query(
    `select delivered, http_status, format from app.webhook_deliveries where chase_id = any($1::bigint[])`, [jobs.map((j) => j.chase_id)]);
  expect(deliveries).toEqual(Array(3).fill({ delivered: true, http_status: 200, format: 'wecom' }));
});

test('a failing webhook is retried with backoff and every attempt recorded; the sweep and the inbox do not fail', async () => {
  // Two refusals (an HTTP error, then a robot's own errcode), then accepted.
  const robot = await startRobot((n) => (n === 1 ? { status: 502, body: {} } : n === 2 ? { status: 200, body: { errcode: 45009, errmsg: 'api freq out of limit' } } : OK));
  robots.push(robot);
  const id = await kindHazard(app.db.pool, place, GENERAL, 'RECTIFYING', { deadlineDays: 1 });
  await enqueueSweep(app.db.pool, `test-retry-${id}`, [id]);
  runner(app.db.pool, chaseEnv(robot, { NOTIFY_WEBHOOK_RETRY_MS: '200' }));

  const [job] = await webhookJobsEnded(app.db.pool, [id], 1);
  expect([job.attempts, Boolean(job.done_at)]).toEqual([3, true]);
  const { rows: attempts } = await app.db.pool.query(
    `select attempt, delivered, http_status, error, at from app.webhook_deliveries where job_id = $1 order by attempt`, [job.id]);
  expect(attempts.map((a) => [a.attempt, a.delivered, a.http_status])).toEqual([[1, false, 502], [2, false, 200], [3, true, 200]]);
  expect(attempts[1].error).toContain('45009');
  // Backoff: 200 ms, then 400 ms.
  expect(robot.received[1]!.at - robot.received[0]!.at).toBeGreaterThanOrEqual(200);
  expect(robot.received[2]!.at - robot.received[1]!.at).toBeGreaterThanOrEqual(400);
  expect((await chasesOf(app.db.pool, id)).map((c) => c.step)).toEqual(['REMINDER']);
  const { rows: [inbox] } = await app.db.pool.query(
    'select count(*)::int as n from notifications n join hazard_chases c on c.id = n.chase_id where c.hazard_id = $1', [id]);
  expect(inbox.n).toBeGreaterThan(0);
  expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
});

test('a robot that keeps refusing is given up after NOTIFY_WEBHOOK_MAX_ATTEMPTS, recorded', async () => {
  const robot = await startRobot(() => ({ status: 200, body: { errcode: 310000, errmsg: 'sign not match' } }));
  robots.push(robot);
  const id = await kindHazard(app.db.pool, place, GENERAL, 'RECTIFYING', { deadlineDays: 1 });
  await enqueueSweep(app.db.pool, `test-give-up-${id}`, [id]);
  runner(app.db.pool, chaseEnv(robot, { NOTIFY_WEBHOOK_RETRY_MS: '20', NOTIFY_WEBHOOK_MAX_ATTEMPTS: '2' }));
  const [job] = await webhookJobsEnded(app.db.pool, [id], 1);
  expect([job.attempts, Boolean(job.done_at), Boolean(job.failed_at)]).toEqual([2, false, true]);
  const { rows } = await app.db.pool.query('select delivered from app.webhook_deliveries where job_id = $1', [job.id]);
  expect(rows).toEqual([{ delivered: false }, { delivered: false }]);
  expect(robot.received).toHaveLength(2);
});

test('DingTalk: the text message, signed with the secret (加签)', async () => {
  const robot = await startRobot(() => OK);
  robots.push(robot);
  const id = await kindHazard(app.db.pool, place, GENERAL, 'RECTIFYING', { deadlineDays: 1 });
  await enqueueSweep(app.db.pool, `test-dingtalk-${id}`, [id]);
  const secret = 'SEC0123456789abcdef';
  runner(app.db.pool, chaseEnv(robot, { NOTIFY_WEBHOOK_FORMAT: 'dingtalk', NOTIFY_WEBHOOK_SECRET: secret }));
  await webhookJobsEnded(app.db.pool, [id], 1);
  const [request] = robot.received;
  expect(request!.body).toEqual({ msgtype: 'text', text: { content: (await chasesOf(app.db.pool, id))[0]!.text }, at: { isAtAll: false } });
  const url = new URL(request!.url, 'http://robot');
  const timestamp = url.searchParams.get('timestamp')!;
  expect(url.searchParams.get('sign')).toBe(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
});

test('without a webhook nothing is posted and no delivery is queued; the sweep still fills the inbox', async () => {
  const id = await kindHazard(app.db.pool, place, GENERAL, 'RECTIFYING', { deadlineDays: 3 });
  await enqueueSweep(app.db.pool, `test-no-webhook-${id}`, [id]);
  runner(app.db.pool, chaseEnv(undefined));
  await until('the sweep', async () => (await chasesOf(app.db.pool, id)).length > 0);
  const { rows: [queued] } = await app.db.pool.query(
    `select count(*)::int as n from app.jobs where kind = 'WEBHOOK' and (payload ->> 'chaseId')::bigint in (select id from hazard_chases where hazard_id = $1)`, [id]);
  expect(queued.n).toBe(0);
});

test('jobs survive a restart: a queued job runs in the next process, and one whose process died runs when its lease ends', async () => {
  const robot = await startRobot(() => OK);
  robots.push(robot);
  const [queuedHazard, orphanHazard] = await Promise.all([1, 3].map((days) => kindHazard(app.db.pool, place, GENERAL, 'RECTIFYING', { deadlineDays: days })));
  // Queued while no process runs jobs (the api is down) …
  await enqueueSweep(app.db.pool, `test-restart-${queuedHazard}`, [queuedHazard]);
  // … and one claimed by a process that died before it finished (a lease of 1 s, never finished).
  await enqueueSweep(app.db.pool, `test-orphan-${orphanHazard}`, [orphanHazard]);
  const { rows: [claimed] } = await app.db.pool.query(
    `update app.jobs set attempts = 1, locked_until = now() + interval '1 second', locked_by = 'dead process' where key = $1 returning id`,
    [`test-orphan-${orphanHazard}`]);
  runner(app.db.pool, chaseEnv(robot));
  await webhookJobsEnded(app.db.pool, [queuedHazard, orphanHazard], 2);
  const { rows: [orphan] } = await app.db.pool.query('select attempts, done_at, locked_by from app.jobs where id = $1', [claimed.id]);
  expect([orphan.attempts, Boolean(orphan.done_at)]).toEqual([2, true]);
  expect(robot.received).toHaveLength(2);
  const { deadline } = await deadlineOf(app.db.pool, queuedHazard);
  expect((await chasesOf(app.db.pool, queuedHazard))[0]!.deadline).toBe(deadline);
});
