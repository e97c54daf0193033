import { byKey, groupBy } from '../common/batch';
import type { Context } from '../common/context';
import type { EnforcementKind, InspectionKind, Sector } from '../common/enums';
import { fetchPage, type PageData, type SortKey } from '../common/connection';
import { checkFilter, inspectionWhere } from '../common/filter-sql';
import type { RequestDb } from '../common/request-db';
import type { InspectionOrder, InspectionsArgs } from './inspection.input';
import { EnforcementAction, Inspection } from './inspection.type';

export interface InspectionRow {
  id: number;
  enterprise_id: number | null;
  town_code: string;
  sector: Sector;
  inspected_on: string;
  department: string;
  inspectors: string[];
  kind: InspectionKind;
  summary: string | null;
  synthetic: boolean;
  version: number;
}

/** The columns of an Inspection, over `inspections i`. */
export const inspectionColumns = `
  i.id, i.enterprise_id, i.town_code, i.sector, i.inspected_on, i.department, i.inspectors,
  i.kind, i.summary, i.synthetic, i.version`;

export const inspectionFrom = 'inspections i';

export const selectInspections = `select ${inspectionColumns} from ${inspectionFrom}`;

export function toInspection(row: InspectionRow): Inspection {
  return Object.assign(new Inspection(), {
    id: String(row.id),
    enterpriseId: row.enterprise_id === null ? null : String(row.enterprise_id),
    townCode: row.town_code,
    sector: row.sector,
    inspectedOn: row.inspected_on,
    department: row.department,
    inspectors: row.inspectors,
    kind: row.kind,
    summary: row.summary,
    synthetic: row.synthetic,
    version: row.version,
  });
}

export async function findInspections(db: RequestDb, ids: readonly string[]): Promise<(Inspection | null)[]> {
  const rows = await db.query<InspectionRow>(`${selectInspections} where i.id = any($1::bigint[])`, [ids]);
  return byKey(ids, rows, (row) => String(row.id), toInspection);
}

/** An inspection by id through the request's loader; null outside the viewer's scope. */
export function loadInspection(ctx: Context, id: string): Promise<Inspection | null> {
  return ctx.loader<string, Inspection | null>('inspection.byId', (ids) => findInspections(ctx.db, ids)).load(id);
}

interface EnforcementRow {
  id: number;
  inspection_id: number;
  kind: EnforcementKind;
  fine_amount_yuan: number | null;
  note: string | null;
}

/** Enforcement actions of many inspections in one statement. */
export async function enforcementOf(db: RequestDb, inspectionIds: readonly string[]): Promise<EnforcementAction[][]> {
  const rows = await db.query<EnforcementRow>(
    `select id, inspection_id, kind, fine_amount_yuan, note from enforcement_actions
     where inspection_id = any($1::bigint[]) order by inspection_id, id`,
    [inspectionIds]);
  return groupBy(inspectionIds, rows, (row) => String(row.inspection_id), (row) => ({
    id: String(row.id),
    kind: row.kind,
    fineAmountYuan: row.fine_amount_yuan,
    note: row.note,
  }));
}

const INSPECTION_ORDERS: Record<InspectionOrder, SortKey> = {
  INSPECTED_ON_DESC: { name: 'date', sql: 'i.inspected_on', type: 'date', direction: 'desc' },
};

/** A page of the inspections the viewer may see. */
export async function listInspections(db: RequestDb, { filter, orderBy, first, after }: InspectionsArgs): Promise<PageData<Inspection>> {
  await checkFilter(db, filter);
  const params: unknown[] = [];
  const where = inspectionWhere(filter, params);
  return fetchPage(db, { columns: inspectionColumns, from: inspectionFrom, alias: 'i', where, params, order: INSPECTION_ORDERS[orderBy], first, after }, toInspection);
}
