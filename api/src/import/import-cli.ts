import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '@risk/db';
import { readConfig } from '../config';
import type { Viewer } from '../common/viewer';
import { IMPORT_KINDS, type ImportKindName } from './import.fields';
import { formatOf, type Encoding } from './import.read';
import { CRS_VALUES, ENCODINGS, findRun, ImportJobs, runProblems } from './import.service';
import { ImportFileError, type SourceCrs } from './spatial-file';

// npm run import -w @risk/api -- --kind hazards [--crs GCJ02] [--encoding gb18030] [--user admin]
//   [--confirm] file.xlsx
// The web's import for administrators, from the command line: the same pipeline, as the
// user named (default: admin) under their scope, against DATABASE_URL (else the embedded
// database). Prints every problem; exits 1 when there are any (nothing is then written),
// 2 on bad arguments. Without --confirm it is a dry run.

const USAGE = `usage: npm run import -w @risk/api -- --kind <${IMPORT_KINDS.join('|')}> [--crs <${CRS_VALUES.join('|')}>] ` +
  `[--encoding <${ENCODINGS.join('|')}>] [--user <username>] [--confirm] <file>`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      kind: { type: 'string' }, crs: { type: 'string', default: 'WGS84' }, encoding: { type: 'string', default: 'auto' },
      user: { type: 'string', default: 'admin' }, confirm: { type: 'boolean', default: false },
    },
  });
  const kind = values.kind as ImportKindName;
  if (!IMPORT_KINDS.includes(kind)) fail(`--kind must be one of ${IMPORT_KINDS.join(', ')}`);
  if (!CRS_VALUES.includes(values.crs as SourceCrs)) fail(`--crs must be one of ${CRS_VALUES.join(', ')}`);
  if (!ENCODINGS.includes(values.encoding as Encoding)) fail(`--encoding must be one of ${ENCODINGS.join(', ')}`);
  if (positionals.length !== 1) fail('name one file');
  const path = positionals[0]!;
  const bytes = readFileSync(path);
  const fileName = basename(path);

  const config = readConfig();
  // One connection: the CLI does one thing at a time, and an embedded database reached by its
  // URL (a running app's pglite-socket) admits no second one.
  const db = await openDatabase({
    databaseUrl: config.databaseUrl, apiDatabaseUrl: config.apiDatabaseUrl, dataDir: config.dataDir, singleConnection: true, timeZone: config.timeZone,
  });
  try {
    const { rows: [user] } = await db.pool.query<Viewer & { active: boolean }>(
      `select u.id as "userId", u.username, u.role, u.jurisdiction_code as "jurisdictionCode", u.sectors::text[] as sectors, u.enterprise_id as "enterpriseId",
              e.town_code as "enterpriseTownCode", u.active
       from users u left join enterprises e on e.id = u.enterprise_id where u.username = $1`, [values.user]);
    if (!user || !user.active) fail(`no active user ${values.user}`);
    const viewer: Viewer = { ...user, userId: Number(user.userId), enterpriseId: user.enterpriseId === null ? null : Number(user.enterpriseId) };
    const jobs = new ImportJobs(db, () => undefined);
    let format;
    try {
      format = formatOf(fileName, bytes);
    } catch (error) {
      if (error instanceof ImportFileError) fail(error.message);
      throw error;
    }
    const started = Date.now();
    const id = await jobs.create(viewer, { kind, fileName, format, bytes, crs: values.crs as SourceCrs, encoding: values.encoding as Encoding, mapping: null });
    await jobs.settled();
    const run = await jobs.transaction(viewer, (rdb) => findRun(rdb, id));
    console.log(`import ${id}: ${fileName}, ${run.total_rows ?? 0} rows, ${run.status}`);
    if (run.status === 'FAILED') {
      console.error(run.error);
      return 1;
    }
    for (const name of run.unmapped_required) console.error(`required field without a column: ${name}`);
    for (const p of await jobs.transaction(viewer, (rdb) => runProblems(rdb, id, 10_000))) {
      console.error(`row ${p.row}\t${p.column ?? ''}\t${p.value ?? ''}\t${p.reason}`);
    }
    if (run.problem_count > 10_000) console.error(`… ${run.problem_count} problems in all`);
    console.log(`dry run: ${run.problem_count} problems; would insert ${run.inserted}, update ${run.updated}, leave ${run.unchanged} unchanged; ` +
      `${run.placed_at_town} placed at their town (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (run.problem_count > 0 || run.unmapped_required.length > 0) return 1;
    if (!values.confirm) return 0;
    await jobs.transaction(viewer, (rdb) => jobs.confirm(rdb, id));
    await jobs.settled();
    const done = await jobs.transaction(viewer, (rdb) => findRun(rdb, id));
    if (done.status !== 'DONE') {
      console.error(`confirm ${done.status}: ${done.error ?? ''}`);
      return 1;
    }
    console.log(`confirmed: inserted ${done.inserted}, updated ${done.updated}, unchanged ${done.unchanged} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
