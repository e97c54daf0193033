import type { RequestDb } from '../common/request-db';
import type { Period } from '../stats/stats.service';
import { Briefing, BriefingKind } from './briefing.type';

export const BRIEFING_FORMATS = ['docx', 'pdf', 'xlsx'] as const;
export type BriefingFormat = (typeof BRIEFING_FORMATS)[number];

interface BriefingRow {
  id: string;
  kind: BriefingKind;
  jurisdiction_code: string;
  jurisdiction_name: string;
  period_from: string;
  period_to: string;
  title: string;
  created_at: Date;
  created_by: string | null;
  docx_bytes: number | null;
  pdf_bytes: number | null;
  xlsx_bytes: number | null;
}

// The files' sizes, never their bytes: a list must not carry megabytes.
const columns = `b.id::text, b.kind, b.jurisdiction_code, j.name as jurisdiction_name, b.period_from::text, b.period_to::text,
  b.title, b.created_at, app.user_display_name(b.created_by) as created_by,
  octet_length(b.docx) as docx_bytes, octet_length(b.pdf) as pdf_bytes, octet_length(b.xlsx) as xlsx_bytes`;

function toBriefing(row: BriefingRow): Briefing {
  return Object.assign(new Briefing(), {
    id: row.id, kind: row.kind, jurisdictionCode: row.jurisdiction_code, jurisdictionName: row.jurisdiction_name,
    periodFrom: row.period_from, periodTo: row.period_to, title: row.title, createdAt: row.created_at, createdBy: row.created_by,
    files: BRIEFING_FORMATS.flatMap((format) => {
      const bytes = row[`${format}_bytes`];
      return bytes === null ? [] : [{ format, path: `/briefings/${row.id}.${format}`, bytes }];
    }),
  });
}

export interface NewBriefing {
  kind: BriefingKind;
  jurisdictionCode: string;
  period: Period;
  title: string;
  files: Partial<Record<BriefingFormat, Buffer>>;
}

/** Keeps a generated document; the insert policy decides who may (leaders, analysts, admin, in scope). */
export async function storeBriefing(db: RequestDb, b: NewBriefing): Promise<Briefing> {
  const [row] = await db.query<BriefingRow>(
    `with b as (
       insert into briefings (kind, jurisdiction_code, period_from, period_to, title, docx, pdf, xlsx)
       values ($1, $2, $3::date, $4::date, $5, $6, $7, $8) returning *)
     select ${columns} from b join jurisdictions j on j.code = b.jurisdiction_code`,
    [b.kind, b.jurisdictionCode, b.period.from, b.period.to, b.title, b.files.docx ?? null, b.files.pdf ?? null, b.files.xlsx ?? null]);
  return toBriefing(row!);
}

/** The kept documents the viewer may read, newest first, under a unit when given. */
export async function listBriefings(db: RequestDb, jurisdictionCode: string | null, limit: number): Promise<Briefing[]> {
  const rows = await db.query<BriefingRow>(
    `select ${columns} from briefings b join jurisdictions j on j.code = b.jurisdiction_code
     where $1::text is null or b.jurisdiction_code = $1::text
     order by b.created_at desc, b.id desc limit $2::int`,
    [jurisdictionCode, limit]);
  return rows.map(toBriefing);
}

/** One file's bytes and its title, or null when the viewer may not read it or it has no such file. */
export async function briefingFile(db: RequestDb, id: string, format: BriefingFormat): Promise<{ title: string; bytes: Buffer } | null> {
  const [row] = await db.query<{ title: string; bytes: Buffer | null }>(
    // `format` is one of BRIEFING_FORMATS, a column name written here.
    `select title, ${format} as bytes from briefings where id = $1::bigint`, [id]);
  return row?.bytes ? { title: row.title, bytes: row.bytes } : null;
}
