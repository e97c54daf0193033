import type { Position } from 'geojson';

// Rows travel as PostgreSQL text representations: the same strings feed a COPY (text
// format) and a multi-row insert from unnest(text[]) with a cast per column, so both loaders
// store exactly the same values and the checksum of the generated rows covers both.

/** A row: one text value (or null) per column of its table, in the spec's order. */
export type Row = ReadonlyArray<string | null>;

export interface TableSpec {
  name: string;
  /** Column name and the SQL type its text is cast to. */
  columns: ReadonlyArray<readonly [string, string]>;
  /** True when the table's id is `generated always as identity`: ids are given explicitly. */
  identity: boolean;
}

function spec(name: string, identity: boolean, columns: ReadonlyArray<readonly [string, string]>): TableSpec {
  return { name, columns, identity };
}

export const tables = {
  users: spec('users', true, [
    ['id', 'bigint'], ['username', 'text'], ['password_hash', 'text'], ['display_name', 'text'], ['role', 'text'],
    ['jurisdiction_code', 'text'], ['sectors', 'sector[]'], ['department', 'text'], ['enterprise_id', 'bigint'], ['is_demo', 'boolean']]),
  jurisdictions: spec('jurisdictions', false, [
    ['code', 'text'], ['name', 'text'], ['level', 'text'], ['parent_code', 'text'],
    ['boundary', 'geometry'], ['synthetic_boundary', 'boolean']]),
  enterprises: spec('enterprises', true, [
    ['id', 'bigint'], ['name', 'text'], ['credit_code', 'text'], ['sector', 'text'], ['address', 'text'],
    ['location', 'geometry'], ['town_code', 'text'], ['department', 'text'], ['risk_level', 'text'],
    ['major_hazard_grade', 'smallint'], ['standardization_grade', 'text'], ['status', 'text'],
    ['employee_count', 'integer'], ['contact_name', 'text'], ['contact_phone', 'text'], ['synthetic', 'boolean']]),
  roadSegments: spec('road_segments', true, [
    ['id', 'bigint'], ['road_name', 'text'], ['road_number', 'text'], ['road_class', 'text'],
    ['start_chainage_m', 'integer'], ['end_chainage_m', 'integer'], ['geom', 'geometry'], ['town_code', 'text'],
    ['town_codes', 'text[]'], ['features', 'text[]'], ['accidents_last_3y', 'integer'], ['risk_level', 'text'],
    ['department', 'text'], ['synthetic', 'boolean']]),
  inspections: spec('inspections', true, [
    ['id', 'bigint'], ['enterprise_id', 'bigint'], ['town_code', 'text'], ['sector', 'text'],
    ['inspected_on', 'date'], ['department', 'text'], ['inspectors', 'text[]'], ['kind', 'text'],
    ['summary', 'text'], ['synthetic', 'boolean']]),
  enforcementActions: spec('enforcement_actions', true, [
    ['id', 'bigint'], ['inspection_id', 'bigint'], ['town_code', 'text'], ['kind', 'text'],
    ['fine_amount_yuan', 'numeric'], ['note', 'text']]),
  hazards: spec('hazards', true, [
    ['id', 'bigint'], ['code', 'text'], ['description', 'text'], ['level', 'text'], ['sector', 'text'],
    ['hazard_type', 'text'], ['source', 'text'], ['enterprise_id', 'bigint'], ['road_segment_id', 'bigint'],
    ['place_name', 'text'], ['inspection_id', 'bigint'], ['location', 'geometry'], ['town_code', 'text'],
    ['found_at', 'timestamptz'], ['responsible_person', 'text'], ['measures', 'text'], ['funds_yuan', 'numeric'],
    ['deadline', 'date'], ['contingency_plan', 'text'], ['listed_level', 'text'], ['published', 'boolean'],
    ['status', 'text'], ['closed_at', 'timestamptz'], ['reporter_contact', 'text'], ['synthetic', 'boolean'],
    ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']]),
  hazardHistory: spec('hazard_history', true, [
    ['id', 'bigint'], ['hazard_id', 'bigint'], ['town_code', 'text'], ['sector', 'text'], ['event', 'text'],
    ['from_status', 'text'], ['to_status', 'text'], ['at', 'timestamptz'], ['note', 'text'],
    ['old_deadline', 'date'], ['new_deadline', 'date'], ['actor_id', 'bigint']]),
  listedSupervisions: spec('listed_supervisions', true, [
    ['id', 'bigint'], ['hazard_id', 'bigint'], ['town_code', 'text'], ['sector', 'text'], ['level', 'text'],
    ['listing_body', 'text'], ['rectifying_unit', 'text'], ['rectifying_head', 'text'], ['regulating_unit', 'text'],
    ['regulating_head', 'text'], ['supervising_official', 'text'], ['deadline', 'date'], ['year_listed', 'smallint'],
    ['created_at', 'timestamptz'], ['created_by', 'bigint']]),
  accidents: spec('accidents', true, [
    ['id', 'bigint'], ['occurred_at', 'timestamptz'], ['location', 'geometry'], ['town_code', 'text'],
    ['sector', 'text'], ['enterprise_id', 'bigint'], ['description', 'text'], ['deaths', 'integer'],
    ['serious_injuries', 'integer'], ['direct_loss_yuan', 'numeric'], ['synthetic', 'boolean'], ['reported_at', 'timestamptz']]),
} satisfies Record<string, TableSpec>;

export type TableName = keyof typeof tables;

export const bool = (value: boolean): string => (value ? 't' : 'f');
export const num = (value: number | null | undefined): string | null => (value == null ? null : String(value));

/** A PostgreSQL array literal, every element quoted. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

const coords = (p: Position): string => `${p[0]} ${p[1]}`;
const ring = (r: readonly Position[]): string => `(${r.map(coords).join(',')})`;

/** EWKT, read by PostGIS's geometry input; JS prints the shortest exact decimal of a double. */
export const pointText = (p: Position): string => `SRID=4326;POINT(${coords(p)})`;
export const lineText = (line: readonly Position[]): string => `SRID=4326;LINESTRING(${line.map(coords).join(',')})`;
export const multiPolygonText = (polygons: readonly (readonly Position[][])[]): string =>
  `SRID=4326;MULTIPOLYGON(${polygons.map((rings) => `(${rings.map(ring).join(',')})`).join(',')})`;

// Time. The demo is anchored to a calendar day in China (UTC+8): every generated instant
// lies before midnight at the start of that day, so nothing is in the future, and "the last
// two years" keeps the same meaning whenever the demo is loaded. Dates are day numbers
// (days since 1970-01-01 in UTC+8) so that deadlines can be compared with integers.
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** The day number of an instant, in China's calendar. */
export const dayOf = (ms: number): number => Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
/** Midnight at the start of a day, in China, as an instant. */
export const startOfDay = (day: number): number => day * DAY_MS - CHINA_OFFSET_MS;
const dateTexts = new Map<number, string>();
/** A day's date, 'YYYY-MM-DD' (memoised: the ledger spells the same few hundred days millions of times). */
export function dateText(day: number): string {
  let text = dateTexts.get(day);
  if (text === undefined) dateTexts.set(day, text = new Date(day * DAY_MS).toISOString().slice(0, 10));
  return text;
}
export const dayOfDate = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
export const timestampText = (ms: number): string => new Date(ms).toISOString();
/** Today's date in China, the default anchor of the demo. */
export const todayInChina = (): string => dateText(dayOf(Date.now()));
