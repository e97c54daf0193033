import DataLoader from 'dataloader';
import type { Pool } from 'pg';
import type { Config } from '../config';
import type { AggregateCache } from './derived-cache';
import { RequestDb } from './request-db';
import type { Viewer } from './viewer';

/** What every resolver receives: the viewer, their database transaction, per-request loaders. */
export class Context {
  readonly db: RequestDb;
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  constructor(
    readonly viewer: Viewer,
    readonly pool: Pool,
    readonly config: Config,
    readonly clientId: string,
    readonly aggregates: AggregateCache,
  ) {
    this.db = new RequestDb(pool, viewer);
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
