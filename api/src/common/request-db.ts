import type { Pool, PoolClient, QueryResultRow } from 'pg';
import Cursor from 'pg-cursor';
import { hasReplayed, isConnectionLoss } from '@risk/db';
import { signInAgain } from './errors';
import { pipelined, type Statement } from './pipeline';
import { sameScope, scopePrefix, viewerOfSession, type SessionScope, type Viewer } from './viewer';

/** Statements run in this request, counted for tests and benchmarks (N+1 detection). */
export interface StatementCounter {
  count: number;
}

/** A prefix no digit code matches: '' would mean every jurisdiction (the admin's scope). */
const NO_SCOPE = 'none';

/** The settings row-level security reads, as $1..$5 of SCOPE_SETTINGS. */
function scopeSettings(v: Viewer): string[] {
  return [v.userId?.toString() ?? '', v.role, scopePrefix(v) ?? NO_SCOPE, v.sectors.join(','), v.enterpriseId?.toString() ?? ''];
}

const SCOPE_SETTINGS = `set_config('app.user_id', $1, true),
                set_config('app.role', $2, true),
                set_config('app.scope_prefix', $3, true),
                set_config('app.sectors', $4, true),
                set_config('app.enterprise_id', $5, true)`;

/**
 * Opens a request: its role and scope as the token claims them, the request id for audit
 * rows written by triggers, and, in the same round trip, the account as it is now.
 * app.session_viewer is not granted to app_user: its EXECUTE is checked when the statement
 * starts, for the connecting role, and it runs as its owner (security definer).
 */
const OPEN_REQUEST = `select set_config('role', 'app_user', true), ${SCOPE_SETTINGS},
                set_config('app.note', '', true),
                set_config('app.track_writes', 'on', true),
                set_config('app.request_id', $6, true),
                app.session_viewer($7::bigint) as session,
                pg_last_wal_replay_lsn()::text as replayed`;

/**
 * A read sent to a replica: it is served there only if the replica has replayed `needed`
 * (the last write this api process committed), else on the primary. So a viewer reads their
 * own writes, and a cache is never filled with an answer older than a write that renewed it.
 */
export interface ReplicaRead {
  primary: Pool;
  needed: string | null;
}

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

  constructor(private pool: Pool, private current: Viewer, private readonly requestId = '', private replica?: ReplicaRead) {}

  /** Where the transaction runs, once open: a replica only while a ReplicaRead's replica has caught up. */
  get servedBy(): 'replica' | 'primary' {
    return this.replica ? 'replica' : 'primary';
  }

  /**
   * Who the request runs as: the token's claims until the transaction opens, then the
   * account as the database holds it (a changed role or scope applies at once).
   */
  get viewer(): Viewer {
    return this.current;
  }

  /** Opens the transaction now, so that `viewer` is current before any resolver runs. */
  async begin(): Promise<void> {
    await this.connection();
  }

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

  /**
   * A statement's rows in batches of `batchSize`, read through a server-side cursor in this
   * request's transaction: memory holds one batch, whatever the row count (exports).
   */
  async *cursor<R extends QueryResultRow = QueryResultRow>(text: string, values: unknown[], batchSize: number): AsyncGenerator<R[]> {
    if (this.finished) throw new Error('the request has ended');
    const client = await this.connection();
    await this.queue;
    this.statements.count += 1;
    const cursor = client.query(new Cursor<R>(text, values));
    try {
      for (let rows = await cursor.read(batchSize); rows.length > 0; rows = await cursor.read(batchSize)) yield rows;
    } finally {
      await cursor.close();
    }
  }

  /**
   * The request's only statement, in one round trip (uncached tiles: ~1.5 ms statements that
   * begin, settings and commit would triple). The opening statement and `text` are pipelined
   * before one Sync, so they share one implicit transaction that ends with them: no begin, no
   * commit. The statement is made for, and runs on, the claimed viewer before the account is
   * known as it is now; when the account turns out changed, its rows are thrown away and it
   * is made and run again for the account as it is (or the viewer is asked to sign in
   * again), and when a replica turns out behind, again on the primary: what comes back is
   * exactly what open() and query() would give. For statements that only read.
   */
  async only<R extends QueryResultRow = QueryResultRow>(statementOf: (viewer: Viewer) => Statement): Promise<R[]> {
    if (this.finished || this.client || this.opening) throw new Error('only() must be the request\'s one statement');
    this.finished = true;
    for (;;) {
      const claimed = this.current;
      const client = await this.pool.connect();
      client.on('error', this.onConnectionError);
      let answers: QueryResultRow[][];
      try {
        answers = await pipelined(client, [
          { text: OPEN_REQUEST, values: [...scopeSettings(claimed), this.requestId, claimed.userId] },
          statementOf(claimed),
        ]);
      } catch (error) {
        // The server rolled the implicit transaction back: the connection is reusable unless lost.
        this.release(client, this.broken ?? (isConnectionLoss(error) ? error as Error : undefined));
        throw error;
      }
      this.release(client, this.broken);
      this.statements.count += 1;
      const opened = answers[0]![0] as { session: SessionScope | null; replayed: string | null };
      const replica = this.replica;
      if (replica && !(opened.replayed && hasReplayed(opened.replayed, replica.needed))) {
        this.pool = replica.primary;
        this.replica = undefined;
        continue;
      }
      if (claimed.userId !== null) {
        const now = viewerOfSession(claimed.userId, opened.session);
        if (!now) throw signInAgain();
        this.current = now;
        if (!sameScope(now, claimed)) continue;
      }
      return answers[1] as R[];
    }
  }

  /** Sets a request setting (app.<name>) for the rest of the transaction, e.g. the note that triggers record. */
  async setLocal(name: string, value: string | null): Promise<void> {
    await this.query('select set_config($1, $2, true)', [`app.${name}`, value ?? '']);
  }

  /**
   * What this transaction wrote, as the database's triggers noted it (app.note_write): read
   * before commit, for the caches to renew what it can affect. Empty when nothing ran.
   */
  async writes(): Promise<string> {
    if (!this.client && !this.opening) return '';
    const [row] = await this.query<{ noted: string | null }>(`select current_setting('app.writes', true) as noted`);
    return row?.noted ?? '';
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
    const replica = this.replica;
    try {
      const claimed = this.current;
      await client.query('begin');
      const { rows: [opened] } = await client.query<{ session: SessionScope | null; replayed: string | null }>(OPEN_REQUEST,
        [...scopeSettings(claimed), this.requestId, claimed.userId]);
      if (!replica || (opened!.replayed && hasReplayed(opened!.replayed, replica.needed))) {
        if (claimed.userId !== null) {
          const now = viewerOfSession(claimed.userId, opened!.session);
          if (!now) throw signInAgain();
          if (!sameScope(now, claimed)) await client.query(`select ${SCOPE_SETTINGS}`, scopeSettings(now));
          this.current = now;
        }
        this.client = client;
        return client;
      }
    } catch (error) {
      // A refused session leaves a healthy connection: roll back and return it to the pool.
      const healthy = await client.query('rollback').then(() => true, () => false);
      this.release(client, healthy ? undefined : error as Error);
      throw error;
    }
    // The replica has not replayed what this read must see: the primary answers it.
    await client.query('rollback');
    this.release(client, undefined);
    this.pool = replica.primary;
    this.replica = undefined;
    return this.open();
  }
}
