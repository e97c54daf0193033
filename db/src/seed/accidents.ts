import * as turf from '@turf/turf';
import type { Position } from 'geojson';
import { ACCIDENT_KINDS, type AccidentKind, type Sector } from './catalog';
import type { Enterprise } from './enterprises';
import { randomPointIn, type Town } from './geography';
import { Rng } from './random';
import { bool, DAY_MS, HOUR_MS, pointText, timestampText, type Row } from './rows';
import { ACTIVITY_YEARS, CLOSED_QUIET_DAYS, type World } from './world';

// Accidents of the last three years, declining by about a tenth a year as the speeches
// report, so that year-on-year figures (同比) have something to show. Most kill no one, and
// how many an accident may kill or injure depends on its kind.

/** Accidents a year per enterprise, three years ago; later years fall off by TREND. */
const RATE = 0.07;
const TREND = 0.9;
/** The share of accidents reported later than the hour Decree 493 allows (迟报). */
const LATE_REPORTS = 0.05;
const MINUTE_MS = 60_000;
const OTHER: AccidentKind = { name: '其他伤害', deadly: 0.1, maxDeaths: 1, maxInjuries: 1 };

const SECTOR_MIX: Partial<Record<Sector, number>> = {
  ROAD_TRAFFIC: 45, CONSTRUCTION: 12, INDUSTRY_TRADE: 14, FIRE_SAFETY: 8, WATER_TRAFFIC: 5, NON_COAL_MINE: 3,
  HAZARDOUS_CHEMICALS: 2, CITY_GAS: 2, SPECIAL_EQUIPMENT: 3, FISHING_VESSEL: 2, FIREWORKS: 1,
};

function accident(world: World, id: number, yearsAgo: number): Row {
  const rng = new Rng(world.seed, 'accident', id);
  const sector = rng.weighted(SECTOR_MIX);
  const occurredAt = Math.round(world.now - (yearsAgo * 365 + rng.float(0.1, 365)) * DAY_MS);
  const enterprises = world.bySector.get(sector)!;
  let location: Position;
  let town: Town;
  let enterprise: Enterprise | null = null;
  let where: string;
  if (sector === 'ROAD_TRAFFIC' && world.roadSegments.length > 0) {
    const segment = world.dangerousSegments.pick(rng);
    const line = turf.lineString(segment.line);
    const candidate = turf.along(line, rng.next() * turf.length(line)).geometry.coordinates;
    const found = world.townIndex.at(candidate);
    location = found ? candidate : turf.along(line, turf.length(line) / 2).geometry.coordinates;
    town = found ?? segment.town;
    where = segment.roadName;
  } else if (enterprises.length > 0 && rng.chance(0.75)
    // A closed enterprise has no accidents after it closed: then it happened elsewhere in a town.
    && isOpenAt(enterprise = rng.pick(enterprises), occurredAt, world)) {
    ({ location, town } = enterprise);
    where = enterprise.name;
  } else {
    enterprise = null;
    town = world.towns.pick(rng);
    location = randomPointIn(town, rng);
    where = town.name;
  }
  const kind = rng.pick(ACCIDENT_KINDS[sector] ?? [OTHER]);
  const deaths = kind.maxDeaths > 0 && rng.chance(kind.deadly)
    ? Math.min(kind.maxDeaths, Number(rng.weighted({ 1: 80, 2: 14, 3: 5, 4: 1 }))) : 0;
  const injuries = Math.min(kind.maxInjuries, Number(rng.weighted({ 0: 60, 1: 25, 2: 10, 3: 4, 5: 1 })));
  const loss = Math.round(rng.logNormal(deaths > 0 ? 600_000 : kind.maxInjuries > 0 ? 80_000 : 5_000, 1) / 100) * 100;
  const harm = deaths > 0 ? `造成${deaths}人死亡` : injuries > 0 ? '未造成人员死亡' : '未造成人员伤亡';
  return [String(id), timestampText(occurredAt), pointText(location), town.code, sector, enterprise ? String(enterprise.id) : null,
    `${where}发生${kind.name}事故，${harm}${injuries > 0 ? `、${injuries}人重伤` : ''}`,
    String(deaths), String(injuries), loss.toFixed(2), bool(true),
    timestampText(Math.min(world.now - 1000, occurredAt + reportDelay(rng)))];
}

const isOpenAt = (enterprise: Enterprise, at: number, world: World): boolean =>
  enterprise.status !== 'CLOSED' || at < world.now - CLOSED_QUIET_DAYS * DAY_MS;

/**
 * How long after the accident the unit reported it: within the hour Decree 493 allows,
 * mostly; a few late (迟报), by hours or, rarely, days. Never after the anchor day begins.
 */
function reportDelay(rng: Rng): number {
  if (rng.chance(LATE_REPORTS)) return rng.chance(0.8) ? rng.float(1.2, 12) * HOUR_MS : rng.float(1, 5) * DAY_MS;
  return rng.float(5, 58) * MINUTE_MS;
}

/** The accidents of the last three years, oldest year first. */
export function* accidents(world: World): Generator<Row> {
  let id = 0;
  for (let yearsAgo = ACTIVITY_YEARS - 1; yearsAgo >= 0; yearsAgo--) {
    const count = Math.round(world.scale.enterprises * RATE * TREND ** (ACTIVITY_YEARS - 1 - yearsAgo));
    for (let k = 0; k < count; k++) yield accident(world, ++id, yearsAgo);
  }
}
