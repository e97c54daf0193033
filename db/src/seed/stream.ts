import { createHash } from 'node:crypto';
import { accidents } from './accidents';
import { hazards } from './hazards';
import { inspections } from './inspections';
import { bool, multiPolygonText, type Row, type TableName } from './rows';
import type { Geography } from './geography';
import type { World } from './world';

/**
 * Every generated row, table by table in foreign-key order, as one stream: the loaders and
 * the checksum read the same rows. Only enterprises and road segments are held in memory;
 * inspections and hazards are generated as they are consumed.
 */
export function* allRows(world: World): Generator<readonly [TableName, Row]> {
  for (const row of jurisdictionRows(world.geography)) yield ['jurisdictions', row];
  for (const e of world.enterprises) yield ['enterprises', e.row];
  for (const u of world.staff.users) yield ['users', u.row];
  for (const s of world.roadSegments) yield ['roadSegments', s.row];
  for (const i of inspections(world)) {
    yield ['inspections', i.row];
    for (const a of i.actions) yield ['enforcementActions', a];
  }
  for (const h of hazards(world)) {
    yield ['hazards', h.hazard];
    for (const r of h.history) yield ['hazardHistory', r];
    for (const l of h.listings) yield ['listedSupervisions', l];
  }
  for (const a of accidents(world)) yield ['accidents', a];
}

/** The province, the city, its counties and their towns (synthetic boundaries), parents first. */
export function* jurisdictionRows(geography: Geography): Generator<Row> {
  const { province, city } = geography;
  yield [province.code, province.name, 'province', null, null, bool(false)];
  yield [city.code, city.name, 'city', province.code, multiPolygonText(city.multi), bool(false)];
  for (const c of geography.counties) yield [c.code, c.name, 'county', city.code, multiPolygonText(c.multi), bool(false)];
  for (const t of geography.towns) yield [t.code, t.name, 'town', t.countyCode, multiPolygonText(t.multi), bool(true)];
}

/** A SHA-256 over every generated row: equal for equal seeds, scales and anchor days. */
export function checksum(world: World): string {
  const hash = createHash('sha256');
  for (const [table, row] of allRows(world)) hash.update(`${table}\t${row.map((v) => v ?? '\\N').join('\t')}\n`);
  return hash.digest('hex');
}
