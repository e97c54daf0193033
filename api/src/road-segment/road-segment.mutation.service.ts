import { badInput } from '../common/errors';
import { recordNote, requireText, updateVersioned } from '../common/mutation';
import type { RequestDb } from '../common/request-db';
import type { CreateRoadSegmentInput, UpdateRoadSegmentInput } from './road-segment.mutation-input';

/** Most vertices of a segment's line: a segment is a stretch of one road, not a whole route. */
export const MAX_SEGMENT_VERTICES = 2000;
/** Shortest segment, geodesic metres: a shorter one is a mistake (a double click), not a road. */
export const MIN_SEGMENT_M = 1;

/**
 * The GeoJSON text of a LineString input (the scalar has checked its positions): at most
 * MAX_SEGMENT_VERTICES vertices, two of them distinct, at least MIN_SEGMENT_M long on the
 * ground (PostGIS measures it, as it measures the segment's length).
 */
async function lineString(db: RequestDb, geometry: Record<string, unknown>): Promise<string> {
  if (geometry.type !== 'LineString') throw badInput('a road segment\'s geometry is a GeoJSON LineString', 'geometry');
  const coordinates = geometry.coordinates as number[][];
  if (coordinates.length > MAX_SEGMENT_VERTICES) throw badInput(`a road segment has at most ${MAX_SEGMENT_VERTICES} vertices`, 'geometry');
  if (new Set(coordinates.map(([lng, lat]) => `${lng},${lat}`)).size < 2) throw badInput('a road segment needs two distinct points', 'geometry');
  const text = JSON.stringify({ type: 'LineString', coordinates: coordinates.map(([lng, lat]) => [lng, lat]) });
  const [row] = await db.query<{ metres: number }>('select st_length(st_setsrid(st_geomfromgeojson($1), 4326)::geography) as metres', [text]);
  if (!(row!.metres >= MIN_SEGMENT_M)) throw badInput(`a road segment is at least ${MIN_SEGMENT_M} m long on the ground`, 'geometry');
  return text;
}

function checkChainage(start: number | null | undefined, end: number | null | undefined): void {
  if (start != null && start < 0) throw badInput('startChainageM must not be negative', 'startChainageM');
  if (start != null && end != null && end <= start) throw badInput('endChainageM must lie after startChainageM', 'endChainageM');
}

/** Inserts a segment; app.place_road_segment derives its town and the towns it crosses. */
export async function createRoadSegment(db: RequestDb, input: CreateRoadSegmentInput): Promise<number> {
  checkChainage(input.startChainageM, input.endChainageM);
  const roadName = requireText(input.roadName, 'roadName', 'name');
  const roadNumber = requireText(input.roadNumber, 'roadNumber', 'code');
  const geometry = await lineString(db, input.geometry);
  const [row] = await db.query<{ id: number }>(
    `insert into road_segments (road_name, road_number, road_class, start_chainage_m, end_chainage_m, geom,
       town_code, features, accidents_last_3y, risk_level, department)
     values ($1, $2, $3, $4, $5, st_setsrid(st_geomfromgeojson($6), 4326), $7, coalesce($8::text[], '{}'), coalesce($9, 0), $10, $11)
     returning id`,
    [roadName, roadNumber, input.roadClass, input.startChainageM, input.endChainageM, geometry, input.townCode ?? null, input.features ?? null, input.accidentsLast3y ?? null,
      input.riskLevel, input.department ?? null]);
  return row!.id;
}

/** Changes the given fields; a new geometry without a town has its town derived again. */
export async function updateRoadSegment(db: RequestDb, id: number, input: UpdateRoadSegmentInput): Promise<number> {
  checkChainage(input.startChainageM, input.endChainageM);
  const geometry = input.geometry ? await lineString(db, input.geometry) : null;
  await recordNote(db, input.note);
  return updateVersioned(db, { table: 'road_segments', what: 'road segment', id, version: input.version },
    `road_name = coalesce($3, road_name), road_number = coalesce($4, road_number), road_class = coalesce($5, road_class),
     start_chainage_m = coalesce($6, start_chainage_m), end_chainage_m = coalesce($7, end_chainage_m),
     geom = coalesce(st_setsrid(st_geomfromgeojson($8), 4326), geom),
     town_code = case when $8::text is null then coalesce($9, town_code) else $9 end,
     features = coalesce($10::text[], features), accidents_last_3y = coalesce($11, accidents_last_3y),
     risk_level = coalesce($12, risk_level), department = coalesce($13, department)`,
    [input.roadName == null ? null : requireText(input.roadName, 'roadName', 'name'),
      input.roadNumber == null ? null : requireText(input.roadNumber, 'roadNumber', 'code'),
      input.roadClass ?? null, input.startChainageM ?? null, input.endChainageM ?? null,
      geometry, input.townCode ?? null, input.features ?? null,
      input.accidentsLast3y ?? null, input.riskLevel ?? null, input.department ?? null]);
}
