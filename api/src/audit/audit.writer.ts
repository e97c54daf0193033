import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { AuditEntry, RequestRecord } from '../common/request-record';

/**
 * Appends a finished request's audit records with one statement through the pool
 * (app.record_audit, security definer: the request role has no INSERT on audit_log). A
 * failed write is logged, never thrown: the answer has already gone.
 */
export class AuditWriter {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly pool: Pool, private readonly logger: Logger) {}

  write(record: RequestRecord, entries: AuditEntry[], path: string): void {
    const rows = entries.map((entry) => {
      const actor = entry.actor ?? record.viewer;
      return {
        request_id: record.id,
        event: entry.event,
        actor_id: actor.userId,
        actor_role: actor.role,
        username: entry.username ?? actor.username,
        address: record.address,
        operation: record.operation ?? path,
        code: entry.code ?? null,
        detail: entry.detail ?? {},
      };
    });
    const write = this.pool.query('select app.record_audit($1::jsonb)', [JSON.stringify(rows)])
      .then(() => undefined, (error: unknown) => {
        this.logger.error({ requestId: record.id, err: error, entries: rows.length }, 'audit records not written');
      });
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** Resolves when every audit write begun so far has ended: before the pool closes. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
