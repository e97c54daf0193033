import type { GraphQLScalarType } from 'graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { GraphQLISODateTime } from 'type-graphql';
import { EnterpriseStatus, HazardLevel, HazardSource, HazardStatus, RiskLevel, RoadClass, RoadFeature, Sector, SupervisionLevel } from '../common/enums';
import { badInput } from '../common/errors';
import { enterpriseWhere, hazardWhere, roadSegmentWhere, underJurisdiction } from '../common/filter-sql';
import { validateBBox } from '../common/scalars';
import type { EnterpriseFilter } from '../enterprise/enterprise.input';
import type { HazardFilter } from '../hazard/hazard.input';
import type { RoadSegmentFilter } from '../road-segment/road-segment.input';
import type { LayerName } from './tiles.sql';

// Tile filters come from the query string under the names of the GraphQL filter inputs
// (?sectors=FIRE_SAFETY,CITY_GAS&overdue=true), are parsed to the same filter objects and
// turned into SQL by the same builders as the GraphQL lists (common/filter-sql.ts), so a
// map and a list with the same filter always show the same rows.

/** Parses one query-string value; throws BAD_USER_INPUT naming the parameter. */
type Parse<T> = (raw: string, name: string) => T;

/**
 * A parser for every field of a filter input that fits in a query string. The mapped type
 * makes the compiler insist on a parser for each field the input gains. `within` and `near`
 * are geometries: a map asks for them with the bbox of its view or a GraphQL query.
 * `viewerMay` answers for one person, and tiles are cached per scope (tile-cache.ts).
 */
type QueryFields<F> = { [K in Exclude<keyof F, 'within' | 'near' | 'viewerMay'>]-?: Parse<NonNullable<F[K]>> };

const text: Parse<string> = (raw) => raw;

const boolean: Parse<boolean> = (raw, name) => {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw badInput(`${name} must be true or false`, name);
};

const listOf = <E extends string>(values: Record<string, E>): Parse<E[]> => {
  const allowed = new Set<string>(Object.values(values));
  return (raw, name) => {
    const items = raw.split(',').filter((item) => item !== '');
    const wrong = items.find((item) => !allowed.has(item));
    if (wrong !== undefined || items.length === 0) {
      throw badInput(`${name} takes a comma-separated list of ${[...allowed].join(', ')}`, name);
    }
    return items as E[];
  };
};

/** A GraphQL scalar's own parsing, so dates are read exactly as in a GraphQL variable. */
const scalar = <T>(type: GraphQLScalarType): Parse<T> => (raw, name) => {
  try {
    return type.parseValue(raw) as T;
  } catch {
    throw badInput(`${name} is not a valid ${type.name}`, name);
  }
};

const integer: Parse<number> = (raw, name) => {
  if (!/^\d{1,6}$/.test(raw)) throw badInput(`${name} must be a whole number`, name);
  return Number(raw);
};

const bbox: Parse<[number, number, number, number]> = (raw, name) => {
  const numbers = raw.split(',').map(Number);
  if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) {
    throw badInput(`${name} is minLng,minLat,maxLng,maxLat`, name);
  }
  return validateBBox(numbers);
};

const area = { jurisdictionCode: text, bbox } as const;

const hazardFields: QueryFields<HazardFilter> = {
  ...area,
  sectors: listOf(Sector),
  levels: listOf(HazardLevel),
  statuses: listOf(HazardStatus),
  sources: listOf(HazardSource),
  overdue: boolean,
  dueWithinDays: integer,
  listedLevels: listOf(SupervisionLevel),
  listed: boolean,
  published: boolean,
  foundFrom: scalar(GraphQLISODateTime),
  foundTo: scalar(GraphQLISODateTime),
  deadlineFrom: scalar(LocalDateResolver),
  deadlineTo: scalar(LocalDateResolver),
  enterpriseId: text,
  roadSegmentId: text,
  inspectionId: text,
  search: text,
};

const enterpriseFields: QueryFields<EnterpriseFilter> = {
  ...area,
  sectors: listOf(Sector),
  riskLevels: listOf(RiskLevel),
  statuses: listOf(EnterpriseStatus),
  majorHazard: boolean,
  search: text,
};

const roadSegmentFields: QueryFields<RoadSegmentFilter> = {
  ...area,
  riskLevels: listOf(RiskLevel),
  roadClasses: listOf(RoadClass),
  features: listOf(RoadFeature),
  search: text,
};

/** Jurisdictions have no GraphQL filter input; a map narrows them to one subtree. */
interface JurisdictionFilter {
  jurisdictionCode?: string | null;
}

interface LayerFilter<F> {
  fields: { [name: string]: Parse<unknown> };
  where(filter: F, params: unknown[], alias: string): string;
}

const layerFilters: { [L in LayerName]: LayerFilter<never> } = {
  hazards: { fields: hazardFields, where: hazardWhere } satisfies LayerFilter<HazardFilter>,
  enterprises: { fields: enterpriseFields, where: enterpriseWhere } satisfies LayerFilter<EnterpriseFilter>,
  road_segments: { fields: roadSegmentFields, where: roadSegmentWhere } satisfies LayerFilter<RoadSegmentFilter>,
  jurisdictions: {
    fields: { jurisdictionCode: text },
    where: (filter, params, alias) =>
      (filter.jurisdictionCode ? underJurisdiction(params, `${alias}.code`, filter.jurisdictionCode) : 'true'),
  } satisfies LayerFilter<JurisdictionFilter>,
};

/**
 * Query parameters that are not filters: the token, and `v`, the web's revision, which only
 * makes a tile URL new after a write so the browser's HTTP cache does not answer it.
 */
const NOT_FILTERS = new Set(['token', 'v']);

/** A layer's filter, parsed and ready for SQL. */
export interface TileFilter {
  /** A stable text of the filter (sorted names, parsed values): part of the cache key. */
  readonly key: string;
  /** The names of the filter's fields that are set. */
  readonly names: readonly string[];
  /** The where-fragment over `alias`, its values pushed into `params` after those it holds. */
  where(params: unknown[], alias: string): string;
}

/**
 * Reads a layer's filter from a query string. Unknown parameters, repeated parameters and
 * bad values are BAD_USER_INPUT, so a typo never silently widens a map.
 */
export function parseTileFilter(layer: LayerName, query: URLSearchParams): TileFilter {
  const { fields, where } = layerFilters[layer] as LayerFilter<Record<string, unknown>>;
  const filter: Record<string, unknown> = {};
  for (const name of new Set(query.keys())) {
    if (NOT_FILTERS.has(name)) continue;
    const parse = Object.hasOwn(fields, name) ? fields[name] : undefined;
    if (!parse) throw badInput(`${layer} tiles have no filter ${name}; use one of ${Object.keys(fields).join(', ')}`, name);
    const values = query.getAll(name);
    if (values.length > 1) throw badInput(`${name} is given more than once; separate values by commas`, name);
    filter[name] = parse(values[0]!, name);
  }
  const key = JSON.stringify(Object.keys(filter).sort().map((name) => {
    const value = filter[name];
    return [name, Array.isArray(value) ? [...value].sort() : value];
  }));
  // Built once here, so that input errors the builder finds (a bad jurisdiction code, an
  // empty search) are reported before anything is cached or queried.
  where(filter, [], 'probe');
  return { key, names: Object.keys(filter), where: (params, alias) => where(filter, params, alias) };
}
