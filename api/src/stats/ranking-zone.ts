import { registerEnumType } from 'type-graphql';

/**
 * 红区/蓝区 of the ranking board and the briefings (docs/metrics.md), in this one place.
 *
 * Offices rank their units by the risk score and name the worst as the red zone (红区, to be
 * criticised and chased) and the best as the blue zone (蓝区). With `n` units returned, a
 * unit of rank `r` (1 = highest score, ties share a rank) is
 *
 *   RED  when (r − 1) / n < red  and its score is above 0,
 *   BLUE when (r − 1) / n ≥ 1 − blue, or its score is 0,
 *
 * else in no zone. RANKING_ZONES (JSON, e.g. {"red": 0.2, "blue": 0.1}) sets the shares;
 * the default quarter each matches the rank quartiles of the map's colours. Red wins where
 * both shares cover a unit (very few units and large shares).
 */
export enum RankingZone {
  RED = 'RED',
  BLUE = 'BLUE',
}
registerEnumType(RankingZone, { name: 'RankingZone', description: '红区 (the worst ranked) or 蓝区 (the best ranked); docs/metrics.md.' });

export interface ZoneShares {
  red: number;
  blue: number;
}

export const DEFAULT_ZONE_SHARES: ZoneShares = { red: 0.25, blue: 0.25 };

/** The zone of a unit ranked `rank` of `count` with `score` points, or null for none. */
export function rankingZone(rank: number, count: number, score: number, shares: ZoneShares): RankingZone | null {
  const position = (rank - 1) / count;
  if (score > 0 && position < shares.red) return RankingZone.RED;
  if (score === 0 || position >= 1 - shares.blue) return RankingZone.BLUE;
  return null;
}

/** The rows of one ranking (jurisdictionStats), each with its zone. */
export function withZones<T extends { rank: number; riskScore: number }>(rows: readonly T[], shares: ZoneShares): (T & { zone: RankingZone | null })[] {
  return rows.map((row) => ({ ...row, zone: rankingZone(row.rank, rows.length, row.riskScore, shares) }));
}

/**
 * The shares from RANKING_ZONES: a JSON object with `red` and/or `blue`, each a number from
 * 0 to 1; an omitted one keeps its default. Throws saying what is wrong.
 */
export function parseZoneShares(json: string | undefined): ZoneShares {
  if (json === undefined || json.trim() === '') return DEFAULT_ZONE_SHARES;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('must be a JSON object such as {"red": 0.25, "blue": 0.25}');
  const shares = { ...DEFAULT_ZONE_SHARES };
  for (const [key, share] of Object.entries(value)) {
    if (key !== 'red' && key !== 'blue') throw new Error(`has an unknown key "${key}" (known: red, blue)`);
    if (typeof share !== 'number' || !(share >= 0 && share <= 1)) throw new Error(`needs a share from 0 to 1 for "${key}"`);
    shares[key] = share;
  }
  return shares;
}
