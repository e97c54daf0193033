import type { ImportKindName } from './import.fields';

// How a staged record (import_rows.record, `r.record`) becomes a row of its table: each
// column's SQL expression over the record. Confirm inserts and updates with them, and the dry
// run compares with them (is distinct from) to tell UPDATE from UNCHANGED, so both read the
// same definition.

/** A staged record's field as text, in SQL over `r` (import_rows). */
export const v = (name: string) => `(r.record->>'${name}')`;
/** A staged record's point (WGS84). */
export const POINT = `st_setsrid(st_makepoint(${v('lng')}::float8, ${v('lat')}::float8), 4326)`;
/** A staged road line (record.line, WGS84 positions). */
export const LINE = `st_setsrid(st_geomfromgeojson(jsonb_build_object('type', 'LineString', 'coordinates', r.record->'line')::text), 4326)`;
const textArray = (name: string) => `case when jsonb_typeof(r.record->'${name}') = 'array' then array(select jsonb_array_elements_text(r.record->'${name}')) end`;
/** A local day or moment of the file, in the deployment's time zone. */
const MOMENT = (name: string) => `(${v(name)}::timestamp at time zone app.time_zone())`;
/** A row placed at its town keeps the location it has: the town's point says nothing new. */
const KEEP_WHEN_PLACED = (column: string) => `case when (r.record->>'placed')::boolean then t.${column} else ${POINT} end`;

export interface ColumnSpec {
  column: string;
  /** The value from the record; null where the file says nothing. */
  value: string;
  /** An insert's value when the file says nothing (the column's default). */
  otherwise?: string;
  /** An update's value over the record `r` and the row `t`; default coalesce(value, t.column). */
  update?: string;
  /** Never changed by a re-import (the key; who created it). */
  insertOnly?: boolean;
}

export interface KindTable {
  name: string;
  /** The key column a re-import finds its rows by. */
  key: string;
  columns: ColumnSpec[];
  /** Whether the record would change row `t` (set by the dry run's comparison). */
  changed: string;
  /** Hazards: the row is further along the status flow than the file. */
  behind?: string;
}

const STATUS_RANK = (status: string) => `array_position(array['REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED'], ${status})`;

function table(name: string, key: string, columns: ColumnSpec[]): KindTable {
  const updated = columns.filter((c) => !c.insertOnly);
  return {
    name, key, columns,
    changed: updated.map((c) => `(${updateValue(c)}) is distinct from t.${c.column}`).join(' or '),
  };
}

/** An update's value of a column. */
export const updateValue = (c: ColumnSpec) => c.update ?? `coalesce(${c.value}, t.${c.column})`;
/** An insert's value of a column. */
export const insertValue = (c: ColumnSpec) => (c.otherwise ? `coalesce(${c.value}, ${c.otherwise})` : c.value);

const col = (column: string, value: string, more: Partial<ColumnSpec> = {}): ColumnSpec => ({ column, value, ...more });

export const KIND_TABLES: Record<ImportKindName, KindTable> = {
  enterprises: table('enterprises', 'credit_code', [
    col('credit_code', v('creditCode'), { insertOnly: true }),
    col('name', v('name')),
    col('sector', v('sector')),
    col('address', v('address')),
    col('location', POINT, { update: KEEP_WHEN_PLACED('location') }),
    col('town_code', v('townCode'), { update: `case when (r.record->>'placed')::boolean then t.town_code else ${v('townCode')} end` }),
    col('department', v('department')),
    col('risk_level', v('riskLevel')),
    col('major_hazard_grade', `(${v('majorHazardGrade')})::smallint`),
    col('standardization_grade', v('standardizationGrade'), { otherwise: `'NONE'` }),
    col('status', v('status'), { otherwise: `'OPERATING'` }),
    col('employee_count', `(${v('employeeCount')})::int`, { otherwise: '0' }),
    col('contact_name', v('contactName')),
    col('contact_phone', v('contactPhone')),
  ]),
  hazards: {
    name: 'hazards',
    key: 'code',
    // A hazard's record is written once; a re-import only moves it along the flow (confirm's walk).
    columns: [
      col('code', v('code')), col('description', v('description')), col('level', v('level')), col('sector', v('sector')),
      col('hazard_type', v('hazardType')), col('source', v('source')), col('enterprise_id', `(${v('enterpriseId')})::bigint`),
      col('road_segment_id', `(${v('roadSegmentDbId')})::bigint`), col('place_name', v('placeName')), col('location', POINT),
      col('town_code', v('townCode')), col('found_at', MOMENT('foundOn')), col('reporter_user_id', 'app.user_id()'),
    ],
    changed: `${STATUS_RANK(`coalesce(${v('status')}, 'REPORTED')`)} > ${STATUS_RANK('t.status')}`,
    behind: `${STATUS_RANK(`coalesce(${v('status')}, 'REPORTED')`)} < ${STATUS_RANK('t.status')}`,
  },
  'road-segments': table('road_segments', 'external_id', [
    col('external_id', v('externalId'), { insertOnly: true }),
    col('road_name', v('roadName')),
    col('road_number', v('roadNumber')),
    col('road_class', v('roadClass')),
    col('start_chainage_m', `(${v('startChainage')})::int`),
    col('end_chainage_m', `(${v('endChainage')})::int`),
    col('geom', LINE),
    col('town_code', v('townCode')),
    col('features', textArray('features'), { otherwise: `'{}'::text[]` }),
    col('accidents_last_3y', `(${v('accidentsLast3y')})::int`, { otherwise: '0' }),
    col('risk_level', v('riskLevel')),
    col('department', v('department')),
  ]),
  inspections: table('inspections', 'external_id', [
    col('external_id', v('externalId'), { insertOnly: true }),
    col('created_by', 'app.user_id()', { insertOnly: true }),
    col('enterprise_id', `(${v('enterpriseId')})::bigint`),
    col('town_code', v('townCode')),
    col('sector', v('sector')),
    col('inspected_on', `(${v('inspectedOn')})::date`),
    col('department', v('department')),
    col('inspectors', textArray('inspectors'), { otherwise: `'{}'::text[]` }),
    col('kind', v('kind')),
    col('summary', v('summary')),
  ]),
  accidents: table('accidents', 'external_id', [
    col('external_id', v('externalId'), { insertOnly: true }),
    col('occurred_at', MOMENT('occurredAt')),
    col('location', POINT, { update: KEEP_WHEN_PLACED('location') }),
    col('town_code', v('townCode'), { update: `case when (r.record->>'placed')::boolean then t.town_code else ${v('townCode')} end` }),
    col('sector', v('sector')),
    col('enterprise_id', `(${v('enterpriseId')})::bigint`),
    col('description', v('description')),
    col('deaths', `(${v('deaths')})::int`, { otherwise: '0' }),
    col('serious_injuries', `(${v('seriousInjuries')})::int`, { otherwise: '0' }),
    col('direct_loss_yuan', `(${v('directLossYuan')})::numeric`, { otherwise: '0' }),
    col('reported_at', MOMENT('reportedAt')),
  ]),
};

export { STATUS_RANK };
