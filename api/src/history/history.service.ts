import { groupBy } from '../common/batch';
import type { Context } from '../common/context';
import type { RequestDb } from '../common/request-db';
import { Actor, HistoryEntry, type RecordEvent } from './history.type';

/** The entity kinds of record_history (the history_entity domain in the database). */
export type HistoryEntity = 'enterprise' | 'accident' | 'road_segment' | 'listed_supervision' | 'user' | 'inspection';

/** An actor from a history row: its id and display name (app.user_display_name). */
export function toActor(id: number | null, displayName: string | null): Actor | null {
  return id === null ? null : { id: String(id), displayName };
}

/** riskLevel from risk_level: history keys changes by column, the API by its field names. */
const fieldName = (column: string): string => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

interface RecordHistoryRow {
  id: number;
  entity_id: number;
  event: RecordEvent;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
  changes: Record<string, { old: unknown; new: unknown }>;
}

/** Histories of many records of one kind in one statement, oldest entry first. */
export async function recordHistoriesOf(db: RequestDb, kind: HistoryEntity, ids: readonly string[]): Promise<HistoryEntry[][]> {
  const rows = await db.query<RecordHistoryRow>(
    `select rh.id, rh.entity_id, rh.event, rh.at, rh.actor_id, app.user_display_name(rh.actor_id) as actor_name,
            rh.note, rh.changes
     from record_history rh
     where rh.entity_kind = $1 and rh.entity_id = any($2::bigint[])
     order by rh.entity_id, rh.at, rh.id`,
    [kind, ids]);
  return groupBy(ids, rows, (row) => String(row.entity_id), (row) => ({
    id: String(row.id),
    event: row.event,
    at: row.at,
    actor: toActor(row.actor_id, row.actor_name),
    changes: Object.keys(row.changes).sort().map((column) => ({
      field: fieldName(column), oldValue: row.changes[column]!.old, newValue: row.changes[column]!.new,
    })),
    note: row.note,
  }));
}

/** A record's history through the request's loader of its kind: a page of records costs one statement. */
export function loadHistory(ctx: Context, kind: HistoryEntity, id: string): Promise<HistoryEntry[]> {
  return ctx.loader<string, HistoryEntry[]>(`history.${kind}`, (ids) => recordHistoriesOf(ctx.db, kind, ids)).load(id);
}
