import { fetchPage, type PageData, type SortKey } from '../common/connection';
import { parseId } from '../common/mutation';
import type { RequestDb } from '../common/request-db';
import type { AuditLogArgs } from './audit.input';
import { AuditRecord, type AuditEvent } from './audit.type';

interface AuditRow {
  id: number;
  at: Date;
  request_id: string | null;
  event: AuditEvent;
  actor_id: number | null;
  actor_role: string | null;
  username: string | null;
  address: string | null;
  operation: string | null;
  code: string | null;
  detail: Record<string, unknown>;
}

const auditColumns = 'l.id, l.at, l.request_id, l.event, l.actor_id, l.actor_role, l.username, l.address, l.operation, l.code, l.detail';

const NEWEST_FIRST: SortKey = { name: 'at', sql: 'l.at', type: 'timestamptz', direction: 'desc' };

function toAuditRecord(row: AuditRow): AuditRecord {
  return Object.assign(new AuditRecord(), {
    id: String(row.id),
    at: row.at,
    requestId: row.request_id,
    event: row.event,
    actorId: row.actor_id === null ? null : String(row.actor_id),
    actorRole: row.actor_role,
    username: row.username,
    address: row.address,
    operation: row.operation,
    code: row.code,
    detail: row.detail,
  });
}

/** A page of the audit log, newest first. Row-level security shows it to the administrator only. */
export function listAuditLog(db: RequestDb, args: AuditLogArgs): Promise<PageData<AuditRecord>> {
  const conditions = ['true'];
  const params: unknown[] = [];
  const where = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    conditions.push(sql(`$${params.length}`));
  };
  const f = args.filter;
  if (f?.events?.length) where((n) => `l.event = any(${n}::text[])`, f.events);
  if (f?.actorId) where((n) => `l.actor_id = ${n}`, parseId(f.actorId, 'filter.actorId'));
  if (f?.username) where((n) => `l.username = ${n}`, f.username);
  if (f?.requestId) where((n) => `l.request_id = ${n}`, f.requestId);
  if (f?.from) where((n) => `l.at >= ${n}`, f.from);
  if (f?.to) where((n) => `l.at < ${n}`, f.to);
  return fetchPage<AuditRow, AuditRecord>(db, {
    first: args.first,
    after: args.after,
    columns: auditColumns,
    from: 'audit_log l',
    alias: 'l',
    where: conditions.join(' and '),
    params,
    order: NEWEST_FIRST,
  }, toAuditRecord);
}
