import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { allRows } from './stream';
import { tables, type Row, type TableName, type TableSpec } from './rows';
import type { World } from './world';

/** Where batches of rows go: a multi-row insert or a COPY. */
export interface Sink {
  write(spec: TableSpec, rows: readonly Row[]): Promise<void>;
}

const columnList = (client: PoolClient, spec: TableSpec): string =>
  spec.columns.map(([name]) => client.escapeIdentifier(name)).join(', ');

/**
 * Inserts a batch as one statement with one text[] parameter per column, unnested and cast
 * per column: works in both modes, and a few statements carry thousands of rows over the
 * embedded database's single connection.
 */
export function insertSink(client: PoolClient): Sink {
  return {
    async write(spec, rows) {
      const names = spec.columns.map(([name]) => client.escapeIdentifier(name));
      const sql = `insert into ${client.escapeIdentifier(spec.name)} (${names.join(', ')})`
        + (spec.identity ? ' overriding system value' : '')
        + ` select ${spec.columns.map(([, type], i) => `${names[i]}::${type}`).join(', ')}`
        + ` from unnest(${spec.columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}) as u (${names.join(', ')})`;
      await client.query(sql, spec.columns.map((_, i) => rows.map((row) => row[i])));
    },
  };
}

const escapeCopy = (value: string | null): string =>
  value === null ? '\\N' : value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);

/** COPY FROM STDIN in text format: the fastest path into a server (COPY keeps given identity ids). */
export function copySink(client: PoolClient): Sink {
  return {
    async write(spec, rows) {
      const stream = client.query(copyFrom(`copy ${client.escapeIdentifier(spec.name)} (${columnList(client, spec)}) from stdin`));
      const done = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
      });
      stream.end(rows.map((row) => row.map(escapeCopy).join('\t')).join('\n') + '\n');
      await done;
    },
  };
}

export interface LoadOptions {
  batchSize: number;
  /** Called with a table's running count after each of its batches. */
  progress?: (table: string, loaded: number) => void;
}

/**
 * Streams the world into the database through `sink`, in batches per table, and returns the
 * rows loaded per table. The caller owns the transaction.
 */
export async function loadRows(world: World, sink: Sink, options: LoadOptions): Promise<Record<TableName, number>> {
  const buffers = new Map<TableName, Row[]>();
  const loaded = Object.fromEntries(Object.keys(tables).map((t) => [t, 0])) as Record<TableName, number>;
  const flush = async (table: TableName): Promise<void> => {
    const rows = buffers.get(table);
    if (!rows || rows.length === 0) return;
    buffers.set(table, []);
    await sink.write(tables[table], rows);
    loaded[table] += rows.length;
    options.progress?.(tables[table].name, loaded[table]);
  };
  // Batches of different tables interleave freely: foreign keys are triggers, which the
  // replica role of the load switches off, and the generator only references rows it made.
  for (const [table, row] of allRows(world)) {
    const buffer = buffers.get(table) ?? [];
    buffers.set(table, buffer);
    buffer.push(row);
    if (buffer.length >= options.batchSize) await flush(table);
  }
  for (const table of Object.keys(tables) as TableName[]) await flush(table);
  return loaded;
}

/** Moves each identity sequence past the ids given explicitly, so later inserts do not collide. */
export async function resetIdentities(client: PoolClient): Promise<void> {
  for (const spec of Object.values(tables)) {
    if (!spec.identity) continue;
    const table = client.escapeIdentifier(spec.name);
    await client.query(`select setval(pg_get_serial_sequence($1, 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`, [spec.name]);
  }
}
