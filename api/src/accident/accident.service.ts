import type { AccidentGrade, Sector } from '../common/enums';
import { fetchPage, type PageData, type SortKey } from '../common/connection';
import { accidentWhere, checkFilter } from '../common/filter-sql';
import type { RequestDb } from '../common/request-db';
import type { AccidentOrder, AccidentsArgs } from './accident.input';
import { Accident } from './accident.type';

export interface AccidentRow {
  id: number;
  occurred_at: Date;
  geometry: string;
  lng: number;
  lat: number;
  town_code: string;
  sector: Sector;
  enterprise_id: number | null;
  description: string;
  deaths: number;
  serious_injuries: number;
  direct_loss_yuan: number;
  grade: AccidentGrade;
  reported_at: Date | null;
  reported_late: boolean;
  synthetic: boolean;
  version: number;
}

/** The columns of an Accident, over `accidents a`; the grade comes from the database rule. */
export const accidentColumns = `
  a.id, a.occurred_at, st_asgeojson(a.location, 6) as geometry, st_x(a.location) as lng, st_y(a.location) as lat,
  a.town_code, a.sector, a.enterprise_id, a.description, a.deaths, a.serious_injuries, a.direct_loss_yuan,
  accident_grade(a.deaths, a.serious_injuries, a.direct_loss_yuan) as grade,
  a.reported_at, accident_report_is_late(a.occurred_at, a.reported_at) as reported_late, a.synthetic, a.version`;

export const accidentFrom = 'accidents a';

export const selectAccidents = `select ${accidentColumns} from ${accidentFrom}`;

export function toAccident(row: AccidentRow): Accident {
  return Object.assign(new Accident(), {
    id: String(row.id),
    occurredAt: row.occurred_at,
    geometry: JSON.parse(row.geometry),
    lng: row.lng,
    lat: row.lat,
    townCode: row.town_code,
    sector: row.sector,
    enterpriseId: row.enterprise_id === null ? null : String(row.enterprise_id),
    description: row.description,
    deaths: row.deaths,
    seriousInjuries: row.serious_injuries,
    directLossYuan: row.direct_loss_yuan,
    grade: row.grade,
    reportedAt: row.reported_at,
    reportedLate: row.reported_late,
    synthetic: row.synthetic,
    version: row.version,
  });
}

/** One accident by id, or null when it does not exist or lies outside the viewer's scope. */
export async function findAccident(db: RequestDb, accidentId: string): Promise<Accident | null> {
  const rows = await db.query<AccidentRow>(`${selectAccidents} where a.id = $1`, [accidentId]);
  return rows[0] ? toAccident(rows[0]) : null;
}

const ACCIDENT_ORDERS: Record<AccidentOrder, SortKey> = {
  OCCURRED_AT_DESC: { name: 'occurred', sql: 'a.occurred_at', type: 'timestamptz', direction: 'desc' },
  DEATHS_DESC: { name: 'deaths', sql: 'a.deaths', type: 'integer', direction: 'desc' },
};

/** A page of the accidents the viewer may see. */
export async function listAccidents(db: RequestDb, { filter, orderBy, first, after }: AccidentsArgs): Promise<PageData<Accident>> {
  await checkFilter(db, filter);
  const params: unknown[] = [];
  const where = accidentWhere(filter, params);
  return fetchPage(db, { columns: accidentColumns, from: accidentFrom, alias: 'a', where, params, order: ACCIDENT_ORDERS[orderBy], first, after }, toAccident);
}
