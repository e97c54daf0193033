import type { Database } from '@risk/db';
import { AppError, badInput, fromPostgres, notFound } from '../common/errors';
import { requireRole } from '../common/mutation';
import { RequestDb } from '../common/request-db';
import type { Viewer } from '../common/viewer';
import { checkStaged } from './import.check';
import { writeImport } from './import.confirm';
import { headerKey, IMPORT_FIELDS, importers, suggestMapping, unmappedRequired, type ImportKindName } from './import.fields';
import { parseRow, type RowProblem } from './import.parse';
import { readTable, type Encoding, type FileFormat, type SourceRow } from './import.read';
import { ImportFileError, type SourceCrs } from './spatial-file';

// The import pipeline (docs/import.md): a run is created with its file and answered at once
// (202); reading, checking and confirming go on in the background, each step in its own
// transactions as the importing user, the rows staged in import_rows so that memory holds
// one batch, whatever the file's size. Confirm is one transaction.

/** Rows parsed and staged per statement. */
const BATCH_ROWS = 1000;
/**
 * How long one statement of an import may run: a set-based step over 100,000 rows takes
 * far longer than the requests' STATEMENT_TIMEOUT_MS allows, and runs in the background.
 */
const IMPORT_STATEMENT_TIMEOUT_MS = 30 * 60 * 1000;
/** How often a process says the runs it works on are alive (import_runs.worked_at). */
const HEARTBEAT_MS = 20_000;
/** A run not heard of for this long was interrupted: its process stopped (0027_import_heartbeat.sql). */
export const INTERRUPTED_AFTER_MS = 2 * 60_000;

export const CRS_VALUES: readonly SourceCrs[] = ['WGS84', 'CGCS2000', 'GCJ02', 'BD09'];
export const ENCODINGS: readonly Encoding[] = ['auto', 'utf-8', 'gb18030'];

export interface ImportRunRow {
  id: string;
  kind: ImportKindName;
  file_name: string;
  file_format: FileFormat;
  status: 'READING' | 'CHECKED' | 'CONFIRMING' | 'DONE' | 'FAILED' | 'CANCELLED';
  total_rows: number | null;
  processed_rows: number;
  valid_rows: number;
  problem_count: number;
  columns: string[];
  header_row: number | null;
  mapping: Record<string, string>;
  unmapped_required: string[];
  inserted: number;
  updated: number;
  unchanged: number;
  placed_at_town: number;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export const RUN_COLUMNS = `id, kind, file_name, file_format, status, total_rows, processed_rows, valid_rows, problem_count, columns, header_row,
  mapping, unmapped_required, inserted, updated, unchanged, placed_at_town, error, created_at, finished_at`;

/** A run the viewer may see; NOT_FOUND otherwise (someone else's run is not theirs to know of). */
export async function findRun(db: RequestDb, id: string): Promise<ImportRunRow> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw badInput('id is not an import id', 'id');
  const [run] = await db.query<ImportRunRow>(`select ${RUN_COLUMNS} from import_runs where id = $1`, [id]);
  if (!run) throw notFound('import');
  return run;
}

/** The problems of a run, by row, at most `first`. */
export async function runProblems(db: RequestDb, id: string, first: number): Promise<(RowProblem & { row: number })[]> {
  return db.query<RowProblem & { row: number }>(
    `select r.row_number as row, p->>'column' as column, p->>'value' as value, p->>'reason' as reason
     from import_rows r cross join lateral jsonb_array_elements(r.problems) p
     where r.import_id = $1 and r.problems <> '[]'::jsonb
     order by r.row_number limit $2`, [id, Math.max(0, Math.min(first, 10_000))]);
}

/** Checks a mapping sent by a client: known field names, columns of the file. */
export function checkMapping(kind: ImportKindName, mapping: unknown, columns: string[] | null): Record<string, string> {
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) throw badInput('mapping is an object: field name → column header', 'mapping');
  const checked: Record<string, string> = {};
  for (const [name, column] of Object.entries(mapping as Record<string, unknown>)) {
    if (!IMPORT_FIELDS[kind].some((field) => field.name === name)) throw badInput(`mapping: ${kind} has no field ${name}`, 'mapping');
    if (column === null || column === '') continue;
    if (typeof column !== 'string') throw badInput(`mapping.${name} is a column header`, 'mapping');
    if (columns && !columns.includes(column)) throw badInput(`mapping.${name}: the file has no column ${column}`, 'mapping');
    checked[name] = column;
  }
  return checked;
}

export interface NewImport {
  kind: ImportKindName;
  fileName: string;
  format: FileFormat;
  bytes: Buffer;
  crs: SourceCrs;
  encoding: Encoding;
  mapping: Record<string, string> | null;
}

/** The Chinese reason of a failure, for the run's `error` (a client sees it; nothing internal). */
function reasonOf(error: unknown): string {
  if (error instanceof ImportFileError) return error.message;
  const mapped = error instanceof AppError ? error : fromPostgres(error as { code?: string });
  if (mapped && mapped.extensions.code !== 'INTERNAL_SERVER_ERROR') return `数据库拒绝写入，未导入任何数据：${mapped.message}`;
  return '导入时发生内部错误，未导入任何数据';
}

/**
 * The background work of imports in this process: runs each step, keeps the progress of a
 * confirmation (its transaction's own writes are invisible until it commits), and tells the
 * caches what a confirmation wrote.
 */
export class ImportJobs {
  private readonly running = new Set<Promise<void>>();
  private readonly confirming = new Map<string, number>();
  /** The runs this process works on, said alive every HEARTBEAT_MS while there are any. */
  private readonly working = new Set<string>();
  private heartbeat: NodeJS.Timeout | undefined;
  private watcher: NodeJS.Timeout | undefined;

  constructor(private readonly database: Database, private readonly written: (writes: string) => void | Promise<void>,
    private readonly log: (error: unknown, importId: string | null) => void = (error) => console.error(error)) {}

  /** Progress of a confirmation under way in this process. */
  progressOf(id: string): number | undefined {
    return this.confirming.get(id);
  }

  /** Resolves when no job is running (tests, the CLI, shutdown). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /**
   * Fails the runs whose process stopped while reading or confirming them (nothing of them
   * was written): now and every minute until stop(). Any api process may do it for all.
   */
  watch(): void {
    const sweep = () => void this.failInterrupted().catch((error: unknown) => this.log(error, null));
    this.watcher ??= setInterval(sweep, 60_000).unref();
    sweep();
  }

  stop(): void {
    clearInterval(this.watcher);
    this.watcher = undefined;
  }

  /** The runs quiet for longer than `quietMs` fail; answers their ids. */
  async failInterrupted(quietMs = INTERRUPTED_AFTER_MS): Promise<string[]> {
    const { rows } = await this.database.pool.query<{ id: string }>(
      `select app.fail_interrupted_imports(make_interval(secs => $1)) as id`, [quietMs / 1000]);
    return rows.map((row) => row.id);
  }

  private start(viewer: Viewer, id: string, work: () => Promise<void>): void {
    this.working.add(id);
    this.heartbeat ??= setInterval(() => {
      this.database.pool.query('select app.import_worked($1::uuid[])', [[...this.working]]).catch((error: unknown) => this.log(error, null));
    }, HEARTBEAT_MS).unref();
    const job = work().catch(async (error: unknown) => {
      if (!(error instanceof ImportFileError) && !(error instanceof AppError)) this.log(error, id);
      await this.transaction(viewer, (db) => db.query(
        `update import_runs set status = 'FAILED', error = $2, finished_at = now() where id = $1 and status <> 'CANCELLED'`,
        [id, reasonOf(error)])).catch((failed: unknown) => this.log(failed, id));
    }).finally(() => {
      this.running.delete(job);
      this.confirming.delete(id);
      this.working.delete(id);
      if (this.working.size === 0) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
      }
    });
    this.running.add(job);
  }

  /** `work` in one transaction as the viewer; what it wrote goes to the caches after commit. */
  async transaction<T>(viewer: Viewer, work: (db: RequestDb) => Promise<T>): Promise<T> {
    const db = new RequestDb(this.database.apiPool, viewer, 'import');
    let result: T;
    let writes = '';
    try {
      await db.begin();
      await db.query(`select set_config('statement_timeout', '${IMPORT_STATEMENT_TIMEOUT_MS}', true)`);
      result = await work(db);
      writes = await db.writes();
    } catch (error) {
      await db.finish(false).catch(() => undefined);
      throw error;
    }
    await db.finish(true);
    if (writes) await this.written(writes);
    return result;
  }

  /** Records a new run with its file and starts reading it; answers its id. */
  async create(viewer: Viewer, upload: NewImport): Promise<string> {
    requireRole(viewer, importers(upload.kind), `import ${upload.kind}`);
    const id = await this.transaction(viewer, async (db) => {
      const [row] = await db.query<{ id: string }>(
        `insert into import_runs (kind, file_name, file_format, file_bytes, crs, encoding) values ($1, $2, $3, $4, $5, $6) returning id`,
        [upload.kind, upload.fileName, upload.format, upload.bytes, upload.crs, upload.encoding]);
      return row!.id;
    });
    this.start(viewer, id, () => this.read(viewer, id, upload));
    return id;
  }

  private async read(viewer: Viewer, id: string, upload: NewImport): Promise<void> {
    const known = new Set(IMPORT_FIELDS[upload.kind].flatMap((field) => [field.label, ...field.synonyms]).map(headerKey));
    const table = await readTable(upload.bytes, upload.fileName, upload.format, upload.encoding, (header) => known.has(headerKey(header)));
    const mapping = await this.transaction(viewer, async (db) => {
      const [remembered] = await db.query<{ mapping: Record<string, string> }>(
        'select mapping from import_mappings where user_id = app.user_id() and kind = $1', [upload.kind]);
      const explicit = upload.mapping ? checkMapping(upload.kind, upload.mapping, table.columns) : {};
      const chosen = { ...suggestMapping(upload.kind, table.columns, remembered?.mapping ?? null), ...explicit };
      await db.query(
        `update import_runs set columns = $2, header_row = $3, mapping = $4, unmapped_required = $5 where id = $1`,
        [id, table.columns, table.headerRow, chosen, unmappedRequired(upload.kind, chosen)]);
      return chosen;
    });
    let batch: SourceRow[] = [];
    const flush = async () => {
      const rows = batch;
      batch = [];
      await this.transaction(viewer, async (db) => {
        await db.query(
          `insert into import_rows (import_id, row_number, source, record, problems)
           select $1, (x->>'n')::int, x->'s', x->'r', x->'p' from jsonb_array_elements($2::jsonb) x`,
          [id, JSON.stringify(rows.map((row) => {
            const parsed = parseRow(upload.kind, table.columns, mapping, row, upload.crs);
            return { n: row.rowNumber, s: { c: row.cells, ...(row.geometry ? { g: row.geometry } : {}) }, r: parsed.record, p: parsed.problems };
          }))]);
        await db.query('update import_runs set processed_rows = processed_rows + $2 where id = $1', [id, rows.length]);
      });
    };
    for await (const row of table.rows) {
      batch.push(row);
      if (batch.length >= BATCH_ROWS) await flush();
    }
    if (batch.length > 0) await flush();
    await this.check(viewer, id, upload.kind, mapping);
  }

  /** The database's checks over every staged row, then the run's figures: CHECKED. */
  private async check(viewer: Viewer, id: string, kind: ImportKindName, mapping: Record<string, string>): Promise<void> {
    await this.transaction(viewer, async (db) => {
      await checkStaged(db, id, kind, mapping);
      const [run] = await db.query<{ total: number }>(
        `update import_runs u set status = 'CHECKED', total_rows = s.total, processed_rows = s.total, valid_rows = s.valid,
           problem_count = s.problems, inserted = s.inserted, updated = s.updated, unchanged = s.unchanged, placed_at_town = s.placed
         from (select count(*)::int as total, count(*) filter (where problems = '[]'::jsonb)::int as valid,
                      coalesce(sum(jsonb_array_length(problems)), 0)::int as problems,
                      count(*) filter (where action = 'INSERT')::int as inserted, count(*) filter (where action = 'UPDATE')::int as updated,
                      count(*) filter (where action = 'UNCHANGED')::int as unchanged,
                      count(*) filter (where (record->>'placed')::boolean and problems = '[]'::jsonb)::int as placed
               from import_rows where import_id = $1) s
         where u.id = $1 and u.status = 'READING'
         returning s.total`, [id]);
      if (run && run.total === 0) {
        await db.query(`update import_runs set status = 'FAILED', error = '文件中没有数据行' where id = $1`, [id]);
      }
    });
  }

  /**
   * Re-reads the staged rows with `mapping` (checked against the file's columns) and runs
   * the dry run again; the mapping is remembered for the viewer's next file of the kind.
   */
  async remap(db: RequestDb, id: string, mapping: unknown): Promise<ImportRunRow> {
    const run = await findRun(db, id);
    if (run.status !== 'CHECKED' && run.status !== 'FAILED') throw badInput(`an import ${run.status.toLowerCase()} cannot be remapped`, 'id');
    if (run.total_rows === null) throw badInput('this import has no rows to remap', 'id');
    const checked = checkMapping(run.kind, mapping, run.columns);
    await rememberMapping(db, run.kind, checked);
    const [updated] = await db.query<ImportRunRow>(
      `update import_runs set status = 'READING', processed_rows = 0, mapping = $2, unmapped_required = $3, error = null, worked_at = now()
       where id = $1 and status in ('CHECKED', 'FAILED') returning ${RUN_COLUMNS}`, [id, checked, unmappedRequired(run.kind, checked)]);
    if (!updated) throw badInput('this import is being changed already', 'id');
    const viewer = db.viewer;
    this.start(viewer, id, () => this.reparse(viewer, id, updated));
    return updated;
  }

  private async reparse(viewer: Viewer, id: string, run: ImportRunRow): Promise<void> {
    const crs = await this.transaction(viewer, async (db) =>
      (await db.query<{ crs: SourceCrs }>('select crs from import_runs where id = $1', [id]))[0]!.crs);
    for (let after = 0; ;) {
      const done = await this.transaction(viewer, async (db) => {
        const rows = await db.query<{ row_number: number; source: { c: string[]; g?: SourceRow['geometry'] } }>(
          'select row_number, source from import_rows where import_id = $1 and row_number > $2 order by row_number limit $3', [id, after, BATCH_ROWS]);
        if (rows.length === 0) return true;
        await db.query(
          `update import_rows r set record = x.r, problems = x.p, action = null, target_id = null
           from (select (x->>'n')::int as n, x->'r' as r, x->'p' as p from jsonb_array_elements($2::jsonb) x) x
           where r.import_id = $1 and r.row_number = x.n`,
          [id, JSON.stringify(rows.map((row) => {
            const parsed = parseRow(run.kind, run.columns, run.mapping, { rowNumber: row.row_number, cells: row.source.c, geometry: row.source.g ?? null }, crs);
            return { n: row.row_number, r: parsed.record, p: parsed.problems };
          }))]);
        await db.query('update import_runs set processed_rows = processed_rows + $2 where id = $1', [id, rows.length]);
        after = rows[rows.length - 1]!.row_number;
        return false;
      });
      if (done) break;
    }
    await this.check(viewer, id, run.kind, run.mapping);
  }

  /**
   * Starts the confirmation of a checked run without problems; refused (BAD_USER_INPUT) while
   * it has any, or required fields are unmapped. The rows are written in one transaction.
   */
  async confirm(db: RequestDb, id: string): Promise<ImportRunRow> {
    const run = await findRun(db, id);
    requireRole(db.viewer, importers(run.kind), `import ${run.kind}`);
    if (run.status !== 'CHECKED') throw badInput(`only a checked import can be confirmed; this one is ${run.status}`, 'id');
    if (run.unmapped_required.length > 0) throw badInput(`required fields have no column: ${run.unmapped_required.join(', ')}`, 'mapping');
    if (run.problem_count > 0) throw badInput(`the dry run found ${run.problem_count} problems: fix the file and import it again`, 'id');
    // CONFIRMING in the request's own transaction: once the answer is out, every reader sees
    // it, and a second confirmation is refused. The job waits for that commit (the row's lock).
    const claimed = await db.query(
      `update import_runs set status = 'CONFIRMING', processed_rows = 0, worked_at = now()
       where id = $1 and status = 'CHECKED' and problem_count = 0 and unmapped_required = '{}' returning id`, [id]);
    if (claimed.length === 0) throw badInput('this import is being confirmed already', 'id');
    const viewer = db.viewer;
    this.confirming.set(id, 0);
    this.start(viewer, id, () => this.transaction(viewer, async (tx) => {
      // By id alone: a condition on status would be tested on the row as it was before the
      // request committed, without waiting for it.
      const [mine] = await tx.query<{ status: string }>('select status from import_runs where id = $1 for update', [id]);
      if (mine?.status !== 'CONFIRMING') return;
      const counts = await writeImport(tx, id, run.kind, run.file_name, (done) => this.confirming.set(id, done));
      await tx.query(
        `update import_runs set status = 'DONE', finished_at = now(), processed_rows = coalesce(total_rows, 0),
           inserted = $2, updated = $3, unchanged = $4 where id = $1`, [id, counts.inserted, counts.updated, counts.unchanged]);
      await rememberMapping(tx, run.kind, run.mapping);
    }));
    return { ...run, status: 'CONFIRMING', processed_rows: 0 };
  }

  /** Cancels a run not yet confirmed: its staged rows stay, unused. */
  async cancel(db: RequestDb, id: string): Promise<boolean> {
    await findRun(db, id);
    const rows = await db.query(
      `update import_runs set status = 'CANCELLED', finished_at = now() where id = $1 and status in ('READING', 'CHECKED', 'FAILED') returning id`, [id]);
    if (rows.length === 0) throw badInput('a confirmed import cannot be cancelled', 'id');
    return true;
  }
}

/** Remembers the viewer's mapping of `kind` for their next file. */
async function rememberMapping(db: RequestDb, kind: ImportKindName, mapping: Record<string, string>): Promise<void> {
  await db.query(
    `insert into import_mappings (kind, mapping) values ($1, $2)
     on conflict (user_id, kind) do update set mapping = excluded.mapping, updated_at = now()`, [kind, mapping]);
}
