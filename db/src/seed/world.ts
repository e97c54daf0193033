import type { Sector } from './catalog';
import { SECTORS } from './catalog';
import { generateEnterprises, townWeights, type Enterprise } from './enterprises';
import { buildGeography, DEFAULT_CITY_CODE, TownIndex, type Geography, type Town } from './geography';
import { Rng, WeightedTable } from './random';
import { generateRoadSegments, type RoadSegment } from './roads';
import { DAY_MS, dayOfDate, startOfDay } from './rows';
import { generateStaff, type Staff } from './staff';

/** How much to generate. */
export interface Scale {
  enterprises: number;
  hazards: number;
  roadSegments: number;
}

export const DEMO_SCALE: Scale = { enterprises: 2000, hazards: 20000, roadSegments: 300 };

/** The hazard ledger covers two years; accidents and inspections three, for year-on-year figures. */
export const HAZARD_YEARS = 2;
export const ACTIVITY_YEARS = 3;
/**
 * A closed enterprise (关闭取缔) closed at least this many days before the anchor day: nothing
 * was found there since, and every hazard it had was closed before it.
 */
export const CLOSED_QUIET_DAYS = 150;

/** Everything the row streams draw from: held in memory, small even at benchmark scale. */
export interface World {
  seed: number;
  scale: Scale;
  /** The anchor day (China's calendar) and the instant it starts: all data lies before it. */
  today: number;
  now: number;
  geography: Geography;
  townIndex: TownIndex;
  towns: WeightedTable<Town>;
  enterprises: Enterprise[];
  /** Enterprises by how many hazards they tend to have: riskier ones more, closed ones few. */
  hazardProne: WeightedTable<Enterprise>;
  bySector: Map<Sector, Enterprise[]>;
  roadSegments: RoadSegment[];
  /** Segments by how often things happen on them: black spots more. */
  dangerousSegments: WeightedTable<RoadSegment>;
  /** How far each town lags in rectification (mean 1): some towns are behind, as in reality. */
  townLag: Map<string, number>;
  /** The staff who act in the histories. */
  staff: Staff;
}

/**
 * How busy each month of the year is at finding hazards, relative to an ordinary month: the
 * special campaigns (专项整治) come in waves — spring work resumption (复工复产) in March, the
 * Safety Production Month (安全生产月) in June, the flood season in July, the pre-holiday checks
 * before National Day in September, winter fire prevention and the year-end push (岁末年初)
 * in November and December — and the Spring Festival in February is quiet.
 */
const MONTH_WEIGHTS = [1.0, 0.8, 1.4, 1.0, 1.0, 2.2, 1.3, 0.9, 1.4, 0.9, 1.3, 1.2] as const;
const MAX_MONTH_WEIGHT = Math.max(...MONTH_WEIGHTS);

/** Whether a day falls in a special-campaign month (busier than usual). */
export const inCampaign = (day: number): boolean => MONTH_WEIGHTS[new Date(day * DAY_MS).getUTCMonth()]! >= 1.3;

/** A day in [from, to), drawn by the campaign calendar (rejection sampling: a pure function of the rng). */
export function campaignDay(rng: Rng, from: number, to: number): number {
  for (;;) {
    const day = rng.int(from, to - 1);
    if (rng.next() * MAX_MONTH_WEIGHT < MONTH_WEIGHTS[new Date(day * DAY_MS).getUTCMonth()]!) return day;
  }
}

const RISK_WEIGHT = { RED: 5, ORANGE: 3, YELLOW: 1.5, BLUE: 1 } as const;

/**
 * Builds the world of a seed at a scale, anchored to `today` ('YYYY-MM-DD', China), in the
 * city or county-level unit of `cityCode` (GB/T 2260; Yiyang by default).
 */
export function createWorld(seed: number, scale: Scale, today: string, cityCode: string = DEFAULT_CITY_CODE): World {
  const geography = buildGeography(seed, cityCode);
  const enterprises = generateEnterprises(seed, scale.enterprises, geography);
  const roadSegments = generateRoadSegments(seed, scale.roadSegments, geography);
  const bySector = new Map<Sector, Enterprise[]>(Object.keys(SECTORS).map((s) => [s as Sector, []]));
  for (const e of enterprises) bySector.get(e.sector)!.push(e);
  const lags = geography.towns.map((t) => [t.code, new Rng(seed, 'town-lag', t.code).logNormal(1, 0.6)] as const);
  const meanLag = lags.reduce((sum, [, lag]) => sum + lag, 0) / lags.length;
  const day = dayOfDate(today);
  return {
    seed, scale, today: day, now: startOfDay(day), geography,
    townIndex: new TownIndex(geography.towns),
    towns: townWeights(seed, geography),
    enterprises,
    hazardProne: new WeightedTable(enterprises, (e) => RISK_WEIGHT[e.risk] * (e.status === 'CLOSED' ? 0.2 : 1)),
    bySector,
    roadSegments,
    dangerousSegments: new WeightedTable(roadSegments, (s) => (s.blackSpot ? 4 : 1)),
    townLag: new Map(lags.map(([code, lag]) => [code, lag / meanLag])),
    staff: generateStaff(seed, geography, enterprises),
  };
}
