import { getOperationAST, parse } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Database } from '@risk/db';
import type { WriteLog } from './derived-cache';
import { RequestDb } from './request-db';
import type { Viewer } from './viewer';

/**
 * Where a request's transaction runs. Mutations run on the primary; queries and tiles on a
 * ready read replica when READ_DATABASE_URL names any, provided it has replayed the last
 * write this process committed (else RequestDb moves the read to the primary).
 */
export class RequestRouter {
  constructor(private readonly db: Database, private readonly writes: WriteLog) {}

  /** Whether READ_DATABASE_URL named replicas (answers then say which server served them). */
  get replicated(): boolean {
    return this.db.replicas.configured;
  }

  open(viewer: Viewer, requestId: string, access: 'read' | 'write'): RequestDb {
    const replica = access === 'read' ? this.db.replicas.pick() : undefined;
    return replica
      ? new RequestDb(replica, viewer, requestId, { primary: this.db.apiPool, needed: this.writes.lastLsn })
      : new RequestDb(this.db.apiPool, viewer, requestId);
  }

  /**
   * The primary's WAL position after a commit, which later reads must have replayed; null
   * without replicas (nothing to wait for, no statement spent).
   */
  async committed(): Promise<string | null> {
    if (!this.db.replicas.configured) return null;
    const { rows: [row] } = await this.db.apiPool.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    return row!.lsn;
  }
}

const kinds = new LRUCache<string, 'read' | 'write'>({ max: 1000, maxSize: 10_000_000, sizeCalculation: (_value, key) => key.length });

/**
 * A GraphQL request's access: 'write' for a mutation, 'read' otherwise. A document that does
 * not parse, or names no operation it has, is sent to the primary: Apollo refuses it there.
 */
export function accessOf(body: unknown): 'read' | 'write' {
  const { query, operationName } = (body ?? {}) as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return 'write';
  const key = `${typeof operationName === 'string' ? operationName : ''}\u0000${query}`;
  let kind = kinds.get(key);
  if (!kind) {
    try {
      const operation = getOperationAST(parse(query), typeof operationName === 'string' ? operationName : undefined);
      kind = operation?.operation === 'query' ? 'read' : 'write';
    } catch {
      kind = 'write';
    }
    kinds.set(key, kind);
  }
  return kind;
}
