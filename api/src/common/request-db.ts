import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { isConnectionLoss } from '@risk/db';
import { scopePrefix, type Viewer } from './viewer';

/** Statements run in this request, counted for tests and benchmarks (N+1 detection). */
export interface StatementCounter {
  count: number;
}

/** A prefix no digit code matches: '' would mean every jurisdiction (the admin's scope). */
const NO_SCOPE = 'none';

/**
 * One transaction per GraphQL request, opened on the first statement. It runs as app_user
 * with the viewer's scope set locally, so row-level security decides every row whatever the
 * resolver does; a failed request rolls back and changes nothing.
 */
export class RequestDb {
  private client: PoolClient | undefined;
  private opening: Promise<PoolClient> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private finished = false;
  /** Why the connection broke while this request held it; it is then discarded, not reused. */
  private broken: Error | undefined;
  // A checked-out connection has no listener of pg-pool's: when the database goes away (a
  // restart's 57P01, a dropped socket) between two statements, its 'error' event would end
  // the process. The statements in flight fail on their own; this keeps the cause.
  private readonly onConnectionError = (error: Error) => {
    this.broken ??= error;
  };
  readonly statements: StatementCounter = { count: 0 };

  constructor(private readonly pool: Pool, private readonly viewer: Viewer) {}

  async query<R extends QueryResultRow = QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    // A failed non-null root field ends the response while its siblings still resolve; they
    // must not open a second transaction that nobody would end.
    if (this.finished) throw new Error('the request has ended');
    const client = await this.connection();
    this.statements.count += 1;
    // Sibling resolvers query at once; a connection runs one statement at a time, and pg
    // deprecates queueing them implicitly, so the request queues them itself.
    const result = this.queue.then(() => client.query<R>(text, values));
    this.queue = result.catch(() => undefined);
    return (await result).rows;
  }

  /** Sets a request setting (app.<name>) for the rest of the transaction, e.g. the note that triggers record. */
  async setLocal(name: string, value: string | null): Promise<void> {
    await this.query('select set_config($1, $2, true)', [`app.${name}`, value ?? '']);
  }

  /**
   * Ends the transaction: commit when the request succeeded, else roll back. A failed commit
   * throws (the client must not take the write as done); a rollback that fails because the
   * connection is gone does not: the server ends a lost connection's transaction itself.
   */
  async finish(success: boolean): Promise<void> {
    this.finished = true;
    const client = this.client ?? (this.opening ? await this.opening.catch(() => undefined) : undefined);
    if (!client) return;
    this.client = undefined;
    this.opening = undefined;
    await this.queue;
    try {
      await client.query(success ? 'commit' : 'rollback');
    } catch (error) {
      this.release(client, error as Error);
      if (success || !isConnectionLoss(error)) throw error;
      return;
    }
    this.release(client, this.broken);
  }

  /** Back to the pool; with an error, the pool closes the connection instead of reusing it. */
  private release(client: PoolClient, error: Error | undefined): void {
    client.removeListener('error', this.onConnectionError);
    client.release(error);
  }

  private connection(): Promise<PoolClient> {
    if (this.client) return Promise.resolve(this.client);
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<PoolClient> {
    const client = await this.pool.connect();
    client.on('error', this.onConnectionError);
    try {
      const v = this.viewer;
      await client.query('begin');
      await client.query(
        `select set_config('role', 'app_user', true),
                set_config('app.user_id', $1, true),
                set_config('app.role', $2, true),
                set_config('app.scope_prefix', $3, true),
                set_config('app.sectors', $4, true),
                set_config('app.enterprise_id', $5, true),
                set_config('app.note', '', true)`,
        [v.userId?.toString() ?? '', v.role, scopePrefix(v) ?? NO_SCOPE, v.sectors.join(','), v.enterpriseId?.toString() ?? '']);
      this.client = client;
      return client;
    } catch (error) {
      this.release(client, error as Error);
      throw error;
    }
  }
}
