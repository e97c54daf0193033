import { byKey } from '../common/batch';
import type { Context } from '../common/context';
import type { EnterpriseStatus, RiskLevel, Sector, StandardizationGrade } from '../common/enums';
import { fetchPage, type PageData, type SortKey } from '../common/connection';
import { checkFilter, enterpriseWhere } from '../common/filter-sql';
import type { RequestDb } from '../common/request-db';
import type { EnterpriseOrder, EnterprisesArgs } from './enterprise.input';
import { Enterprise } from './enterprise.type';

export interface EnterpriseRow {
  id: number;
  name: string;
  credit_code: string;
  sector: Sector;
  address: string | null;
  geometry: string;
  lng: number;
  lat: number;
  town_code: string;
  department: string | null;
  risk_level: RiskLevel;
  major_hazard_grade: number | null;
  standardization_grade: StandardizationGrade;
  status: EnterpriseStatus;
  employee_count: number;
  contact_name: string | null;
  contact_phone: string | null;
  synthetic: boolean;
  version: number;
}

/** The columns of an Enterprise, over `enterprises e`. */
export const enterpriseColumns = `
  e.id, e.name, e.credit_code, e.sector, e.address,
  st_asgeojson(e.location, 6) as geometry, st_x(e.location) as lng, st_y(e.location) as lat,
  e.town_code, e.department, e.risk_level, e.major_hazard_grade, e.standardization_grade, e.status,
  e.employee_count, e.contact_name, e.contact_phone, e.synthetic, e.version`;

export const enterpriseFrom = 'enterprises e';

export const selectEnterprises = `select ${enterpriseColumns} from ${enterpriseFrom}`;

export function toEnterprise(row: EnterpriseRow): Enterprise {
  return Object.assign(new Enterprise(), {
    id: String(row.id),
    name: row.name,
    creditCode: row.credit_code,
    sector: row.sector,
    address: row.address,
    geometry: JSON.parse(row.geometry),
    lng: row.lng,
    lat: row.lat,
    townCode: row.town_code,
    department: row.department,
    riskLevel: row.risk_level,
    majorHazardGrade: row.major_hazard_grade,
    standardizationGrade: row.standardization_grade,
    status: row.status,
    employeeCount: row.employee_count,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    synthetic: row.synthetic,
    version: row.version,
  });
}

export async function findEnterprises(db: RequestDb, ids: readonly string[]): Promise<(Enterprise | null)[]> {
  const rows = await db.query<EnterpriseRow>(`${selectEnterprises} where e.id = any($1::bigint[])`, [ids]);
  return byKey(ids, rows, (row) => String(row.id), toEnterprise);
}

/** An enterprise by id through the request's loader; null outside the viewer's scope. */
export function loadEnterprise(ctx: Context, id: string): Promise<Enterprise | null> {
  return ctx.loader<string, Enterprise | null>('enterprise.byId', (ids) => findEnterprises(ctx.db, ids)).load(id);
}

/** 4 for red down to 1 for blue: orders and compares risk colours in SQL. */
export function riskRankSql(column: string): string {
  return `(case ${column} when 'RED' then 4 when 'ORANGE' then 3 when 'YELLOW' then 2 else 1 end)`;
}

const ENTERPRISE_ORDERS: Record<EnterpriseOrder, SortKey> = {
  RISK_DESC: { name: 'risk', sql: riskRankSql('e.risk_level'), type: 'integer', direction: 'desc' },
  NAME_ASC: { name: 'name', sql: 'e.name', type: 'text', direction: 'asc' },
};

/** A page of the enterprises the viewer may see. */
export async function listEnterprises(db: RequestDb, { filter, orderBy, first, after }: EnterprisesArgs): Promise<PageData<Enterprise>> {
  await checkFilter(db, filter);
  const params: unknown[] = [];
  const where = enterpriseWhere(filter, params);
  return fetchPage(db, { columns: enterpriseColumns, from: enterpriseFrom, alias: 'e', where, params, order: ENTERPRISE_ORDERS[orderBy], first, after }, toEnterprise);
}
