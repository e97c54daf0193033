import { groupBy } from '../common/batch';
import type { RequestDb } from '../common/request-db';
import type { StoredFile } from './attachment.file';
import type { Attachment, AttachmentEntity, AttachmentKind, PublicReportStatus } from './attachment.type';

/** The column of attachments that points at each kind of record. */
const RECORD_COLUMN: Record<AttachmentEntity, string> = {
  hazard: 'hazard_id', inspection: 'inspection_id', accident: 'accident_id',
};
/** The table of each kind of record, to tell "not found" from a refused write. */
const RECORD_TABLE: Record<AttachmentEntity, string> = {
  hazard: 'hazards', inspection: 'inspections', accident: 'accidents',
};

interface AttachmentRow {
  id: number;
  record_id: number;
  kind: AttachmentKind;
  content_type: string;
  file_name: string;
  byte_size: number;
  width: number | null;
  height: number | null;
  created_at: Date;
}

/** Where a client gets an attachment's bytes (the attachments router, api/src/attachment/attachment.router.ts). */
export const attachmentUrl = (id: string | number, thumbnail = false) => `/attachments/${id}${thumbnail ? '/thumbnail' : ''}`;

function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: String(row.id), kind: row.kind, contentType: row.content_type, fileName: row.file_name, byteSize: row.byte_size,
    width: row.width, height: row.height, createdAt: row.created_at,
    url: attachmentUrl(row.id), thumbnailUrl: row.content_type === 'image/jpeg' ? attachmentUrl(row.id, true) : null,
  };
}

/** The attachments of many records of one kind, oldest first, in one statement; row-level security decides. */
export async function attachmentsOf(db: RequestDb, entity: AttachmentEntity, ids: readonly string[]): Promise<Attachment[][]> {
  const column = RECORD_COLUMN[entity];
  const rows = await db.query<AttachmentRow>(
    `select id, ${column} as record_id, kind, content_type, file_name, byte_size, width, height, created_at
     from attachments where ${column} = any($1::bigint[]) order by ${column}, created_at, id`, [ids]);
  return groupBy(ids, rows, (row) => String(row.record_id), toAttachment);
}

/** One attachment as the viewer may see it; null when it does not exist or its record lies outside the scope. */
export async function findAttachment(db: RequestDb, id: string): Promise<Attachment | null> {
  const [row] = await db.query<AttachmentRow>(
    `select id, coalesce(hazard_id, inspection_id, accident_id) as record_id, kind, content_type, file_name, byte_size, width, height,
            created_at
     from attachments where id = $1`, [id]);
  return row ? toAttachment(row) : null;
}

/** Whether the viewer may see the record (row-level security): an attachment to an unseen one is NOT_FOUND. */
export async function recordVisible(db: RequestDb, entity: AttachmentEntity, id: string): Promise<boolean> {
  const rows = await db.query(`select 1 from ${RECORD_TABLE[entity]} where id = $1`, [id]);
  return rows.length > 0;
}

/** Adds a file to a record as the viewer; the database copies the scope and refuses outside the write scope. */
export async function addAttachment(db: RequestDb, entity: AttachmentEntity, recordId: string, kind: AttachmentKind,
  file: StoredFile): Promise<Attachment> {
  const [row] = await db.query<AttachmentRow>(
    `insert into attachments (${RECORD_COLUMN[entity]}, kind, content_type, file_name, byte_size, width, height, content, thumbnail)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     returning id, $1::bigint as record_id, kind, content_type, file_name, byte_size, width, height, created_at`,
    [recordId, kind, file.contentType, file.fileName, file.content.length, file.width, file.height, file.content, file.thumbnail]);
  return toAttachment(row!);
}

/** Whether the viewer may attach files to each of many hazards (app.may_attach, the insert policy), in one statement. */
export async function mayAttachOf(db: RequestDb, hazardIds: readonly string[]): Promise<boolean[]> {
  const rows = await db.query<{ id: number; may: boolean }>(
    `select id, app.may_attach(town_code, sector, enterprise_id, true) as may from hazards where id = any($1::bigint[])`, [hazardIds]);
  const may = new Set(rows.filter((row) => row.may).map((row) => String(row.id)));
  return hazardIds.map((id) => may.has(id));
}

/** A citizen's photo of their new report (app.add_public_report_photo: RS041 when the receipt takes none). */
export async function addPublicReportPhoto(db: RequestDb, receipt: string, file: StoredFile): Promise<string> {
  const [row] = await db.query<{ id: number }>(
    'select app.add_public_report_photo($1, $2, $3, $4, $5, $6, $7) as id',
    [receipt, file.fileName, file.content.length, file.width, file.height, file.content, file.thumbnail]);
  return String(row!.id);
}

/** An attachment's bytes, or its thumbnail's, as the viewer may read them; undefined when unseen or absent. */
export async function attachmentBytes(db: RequestDb, id: string, thumbnail: boolean):
  Promise<{ contentType: string; fileName: string; bytes: Buffer } | undefined> {
  const [row] = await db.query<{ content_type: string; file_name: string; bytes: Buffer | null }>(
    `select case when $2 then 'image/jpeg' else content_type end as content_type, file_name,
            case when $2 then thumbnail else content end as bytes
     from attachments where id = $1`, [id, thumbnail]);
  return row?.bytes ? { contentType: row.content_type, fileName: row.file_name, bytes: row.bytes } : undefined;
}

/** The status of a citizen's report by its receipt (app.public_report_status); null when there is none. */
export async function publicReportStatus(db: RequestDb, receipt: string): Promise<PublicReportStatus | null> {
  const [row] = await db.query<{ receipt: string; status: PublicReportStatus['status']; reported_at: Date;
    status_changed_at: Date | null; closed_at: Date | null }>(
    'select receipt, status, reported_at, status_changed_at, closed_at from app.public_report_status($1)', [receipt]);
  return row ? {
    receipt: row.receipt, status: row.status, reportedAt: row.reported_at, statusChangedAt: row.status_changed_at, closedAt: row.closed_at,
  } : null;
}
