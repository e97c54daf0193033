import { badInput } from '../common/errors';
import { recordNote, requireText, updateVersioned } from '../common/mutation';
import type { RequestDb } from '../common/request-db';
import type { CreateRoadSegmentInput, UpdateRoadSegmentInput } from './road-segment.mutation-input';

/** The GeoJSON text of a LineString input (the scalar has checked its positions). */
function lineString(geometry: Record<string, unknown>): string {
  if (geometry.type !== 'LineString') throw badInput('a road segment\'s geometry is a GeoJSON LineString', 'geometry');
  return JSON.stringify(geometry);
}

function checkChainage(start: number | null | undefined, end: number | null | undefined): void {
  if (start != null && start < 0) throw badInput('startChainageM must not be negative', 'startChainageM');
  if (start != null && end != null && end <= start) throw badInput('endChainageM must lie after startChainageM', 'endChainageM');
}

/** Inserts a segment; app.place_road_segment derives its town and the towns it crosses. */
export async function createRoadSegment(db: RequestDb, input: CreateRoadSegmentInput): Promise<number> {
  checkChainage(input.startChainageM, input.endChainageM);
  const [row] = await db.query<{ id: number }>(
    `insert into road_segments (road_name, road_number, road_class, start_chainage_m, end_chainage_m, geom,
       town_code, features, accidents_last_3y, risk_level, department)
     values ($1, $2, $3, $4, $5, st_setsrid(st_geomfromgeojson($6), 4326), $7, coalesce($8::text[], '{}'), coalesce($9, 0), $10, $11)
     returning id`,
    [requireText(input.roadName, 'roadName'), input.roadNumber.trim(), input.roadClass, input.startChainageM, input.endChainageM,
      lineString(input.geometry), input.townCode ?? null, input.features ?? null, input.accidentsLast3y ?? null,
      input.riskLevel, input.department ?? null]);
  return row!.id;
}

/** Changes the given fields; a new geometry without a town has its town derived again. */
export async function updateRoadSegment(db: RequestDb, id: number, input: UpdateRoadSegmentInput): Promise<number> {
  checkChainage(input.startChainageM, input.endChainageM);
  await recordNote(db, input.note);
  return updateVersioned(db, { table: 'road_segments', what: 'road segment', id, version: input.version },
    `road_name = coalesce($3, road_name), road_number = coalesce($4, road_number), road_class = coalesce($5, road_class),
     start_chainage_m = coalesce($6, start_chainage_m), end_chainage_m = coalesce($7, end_chainage_m),
     geom = coalesce(st_setsrid(st_geomfromgeojson($8), 4326), geom),
     town_code = case when $8::text is null then coalesce($9, town_code) else $9 end,
     features = coalesce($10::text[], features), accidents_last_3y = coalesce($11, accidents_last_3y),
     risk_level = coalesce($12, risk_level), department = coalesce($13, department)`,
    [input.roadName == null ? null : requireText(input.roadName, 'roadName'), input.roadNumber?.trim() ?? null,
      input.roadClass ?? null, input.startChainageM ?? null, input.endChainageM ?? null,
      input.geometry ? lineString(input.geometry) : null, input.townCode ?? null, input.features ?? null,
      input.accidentsLast3y ?? null, input.riskLevel ?? null, input.department ?? null]);
}
