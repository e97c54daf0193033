import DataLoader from 'dataloader';
import type { Pool } from 'pg';
import type { Config } from '../config';
import type { ImportJobs } from '../import/import.service';
import type { AggregateCache } from './derived-cache';
import { RequestDb } from './request-db';
import type { AuditEntry, RequestRecord } from './request-record';
import type { Viewer } from './viewer';

/** What every resolver receives: the viewer, their database transaction, per-request loaders. */
export class Context {
  readonly db: RequestDb;
  readonly clientId: string;
  /** The background work of imports (api/src/import), set by the app for /graphql requests. */
  imports: ImportJobs | undefined;
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /** `claimed`: the viewer the token names; `viewer` is the account as it is now once begun. */
  constructor(
    claimed: Viewer,
    readonly pool: Pool,
    readonly config: Config,
    readonly request: RequestRecord,
    readonly aggregates: AggregateCache,
    db?: RequestDb,
  ) {
    this.db = db ?? new RequestDb(pool, claimed, request.id);
    this.clientId = request.address;
  }

  get viewer(): Viewer {
    return this.db.viewer;
  }

  /**
   * Re-reads a signed-in viewer's account before any resolver runs (in the statement that
   * opens the request's transaction), refusing a deactivated one with UNAUTHENTICATED.
   */
  async begin(): Promise<void> {
    if (this.db.viewer.userId !== null) await this.db.begin();
  }

  /** Adds an audit record, written when the request has ended (whether it succeeded or not). */
  audit(entry: AuditEntry): void {
    this.request.audit(entry);
  }

  /**
   * A DataLoader shared by every resolver of this request under `name`, so that nested
   * fields of a page cost one statement per field, not one per row.
   */
  loader<K, V>(name: string, batch: (keys: readonly K[]) => Promise<(V | Error)[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch);
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}
