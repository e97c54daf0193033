import { byKey } from '../common/batch';
import type { Context } from '../common/context';
import type { RiskLevel, RoadClass, RoadFeature } from '../common/enums';
import { fetchPage, type PageData, type SortKey } from '../common/connection';
import { checkFilter, roadSegmentWhere } from '../common/filter-sql';
import type { RequestDb } from '../common/request-db';
import { riskRankSql } from '../enterprise/enterprise.service';
import type { RoadSegmentOrder, RoadSegmentsArgs } from './road-segment.input';
import { RoadSegment } from './road-segment.type';

export interface RoadSegmentRow {
  id: number;
  road_name: string;
  road_number: string;
  road_class: RoadClass;
  start_chainage_m: number;
  end_chainage_m: number;
  geometry: string;
  length_m: number;
  town_code: string;
  town_codes: string[];
  features: RoadFeature[];
  accidents_last_3y: number;
  risk_level: RiskLevel;
  department: string | null;
  synthetic: boolean;
  version: number;
}

/**
 * The columns of a RoadSegment, over `road_segments r`. The length is geodesic (on the
 * spheroid via geography), since degrees of longitude shrink with latitude.
 */
export const roadSegmentColumns = `
  r.id, r.road_name, r.road_number, r.road_class, r.start_chainage_m, r.end_chainage_m,
  st_asgeojson(r.geom, 6) as geometry, st_length(r.geom::geography) as length_m,
  r.town_code, r.town_codes::text[] as town_codes, r.features, r.accidents_last_3y, r.risk_level,
  r.department, r.synthetic, r.version`;

export const roadSegmentFrom = 'road_segments r';

export const selectRoadSegments = `select ${roadSegmentColumns} from ${roadSegmentFrom}`;

/** 桩号: metres as K<km>+<metres, 3 digits>, e.g. 12300 → K12+300. */
export function formatChainage(meters: number): string {
  return `K${Math.floor(meters / 1000)}+${String(meters % 1000).padStart(3, '0')}`;
}

export function toRoadSegment(row: RoadSegmentRow): RoadSegment {
  return Object.assign(new RoadSegment(), {
    id: String(row.id),
    roadName: row.road_name,
    roadNumber: row.road_number,
    roadClass: row.road_class,
    startChainageMeters: row.start_chainage_m,
    endChainageMeters: row.end_chainage_m,
    startChainage: formatChainage(row.start_chainage_m),
    endChainage: formatChainage(row.end_chainage_m),
    geometry: JSON.parse(row.geometry),
    lengthMeters: Math.round(row.length_m * 10) / 10,
    townCode: row.town_code,
    townCodes: row.town_codes,
    features: row.features,
    accidentsLast3y: row.accidents_last_3y,
    riskLevel: row.risk_level,
    department: row.department,
    synthetic: row.synthetic,
    version: row.version,
  });
}

export async function findRoadSegments(db: RequestDb, ids: readonly string[]): Promise<(RoadSegment | null)[]> {
  const rows = await db.query<RoadSegmentRow>(`${selectRoadSegments} where r.id = any($1::bigint[])`, [ids]);
  return byKey(ids, rows, (row) => String(row.id), toRoadSegment);
}

/** A road segment by id through the request's loader; null outside the viewer's scope. */
export function loadRoadSegment(ctx: Context, id: string): Promise<RoadSegment | null> {
  return ctx.loader<string, RoadSegment | null>('roadSegment.byId', (ids) => findRoadSegments(ctx.db, ids)).load(id);
}

const ROAD_SEGMENT_ORDERS: Record<RoadSegmentOrder, SortKey> = {
  RISK_DESC: { name: 'risk', sql: riskRankSql('r.risk_level'), type: 'integer', direction: 'desc' },
  ACCIDENTS_DESC: { name: 'accidents', sql: 'r.accidents_last_3y', type: 'integer', direction: 'desc' },
};

/** A page of the road segments the viewer may see. */
export async function listRoadSegments(db: RequestDb, { filter, orderBy, first, after }: RoadSegmentsArgs): Promise<PageData<RoadSegment>> {
  await checkFilter(db, filter);
  const params: unknown[] = [];
  const where = roadSegmentWhere(filter, params);
  return fetchPage(db, { columns: roadSegmentColumns, from: roadSegmentFrom, alias: 'r', where, params, order: ROAD_SEGMENT_ORDERS[orderBy], first, after }, toRoadSegment);
}
