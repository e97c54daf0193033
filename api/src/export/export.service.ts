import type { Writable } from 'node:stream';
import type { DatabaseMode } from '@risk/db';
import { checkFilter } from '../common/filter-sql';
import type { RequestDb } from '../common/request-db';
import type { Cell, Column, StreamedKind } from './export.kinds';
import { drained, type SheetColumn, type SheetWriter } from './export.writers';

/** Rows read per round trip (a cursor's batch, or an embedded page). */
export const EXPORT_BATCH_ROWS = 1000;

/** Where an export reads: a new request transaction of the viewer, and the database's mode. */
export interface RowSource {
  mode: DatabaseMode;
  open(): RequestDb;
}

/** Runs `work` in a new request transaction: committed when it succeeds, rolled back when not. */
async function inTransaction<T>(source: RowSource, work: (db: RequestDb) => Promise<T>): Promise<T> {
  const db = source.open();
  try {
    const result = await work(db);
    await db.finish(true);
    return result;
  } catch (error) {
    await db.finish(false).catch(() => undefined);
    throw error;
  }
}

/**
 * A list's rows in batches, under the viewer's row-level security.
 * - Server: one transaction (one snapshot) and a server-side cursor; the pool's other
 *   connections serve everyone else meanwhile.
 * - Embedded: the database has one connection, and a cursor would hold it (and its
 *   transaction) until the last row reached the client. So each batch is its own short
 *   transaction, the next one starting after the last id read (keyset): between two batches
 *   every waiting request runs. The file is then not one snapshot: a row changed meanwhile
 *   appears as it was when its batch was read; no row that existed throughout is lost or
 *   written twice.
 */
export async function* batchesOf<F, R extends { id: string }>(
  source: RowSource, kind: StreamedKind<F, R>, filter: F | null,
): AsyncGenerator<R[]> {
  const area = filter as Parameters<typeof checkFilter>[1];
  if (source.mode === 'embedded') {
    await inTransaction(source, (db) => checkFilter(db, area));
    for (let after: string | null = null; ;) {
      const { text, values } = kind.query(filter, after, EXPORT_BATCH_ROWS);
      const rows = await inTransaction(source, (db) => db.query<R>(text, values));
      if (rows.length > 0) yield rows;
      if (rows.length < EXPORT_BATCH_ROWS) return;
      after = rows[rows.length - 1]!.id;
    }
  }
  const db = source.open();
  let done = false;
  try {
    await checkFilter(db, area);
    const { text, values } = kind.query(filter, null, null);
    yield* db.cursor<R>(text, values, EXPORT_BATCH_ROWS);
    done = true;
  } finally {
    await db.finish(done).catch((error: unknown) => {
      if (done) throw error;
    });
  }
}

/** The cells of a row: 序号 (its number in the file) first, then the kind's columns. */
const cellsOf = <R>(columns: readonly Column<R>[], row: R, index: number): Cell[] => [index, ...columns.map((c) => c.value(row))];

/** The columns as written: 序号 first, as in every county ledger. */
export const withSerial = <R>(columns: readonly Column<R>[]): SheetColumn[] => [{ header: '序号', type: 'integer', width: 6 }, ...columns];

/**
 * Writes every batch into the file, waiting for the client whenever the response's buffer
 * is full, and returns how many rows were written.
 */
export async function writeRows<R>(batches: AsyncIterable<R[]>, columns: readonly Column<R>[], writer: SheetWriter, out: Writable): Promise<number> {
  let count = 0;
  for await (const rows of batches) {
    for (const row of rows) writer.write(cellsOf(columns, row, ++count));
    await drained(out);
  }
  return count;
}
