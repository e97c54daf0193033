import { useCallback, useMemo } from 'react';
import type { HazardLevel, HazardSource, HazardStatus, Sector } from '../gql/graphql';
import { setUrlParams, useSearch } from '../url-state';

/**
 * Every value of an enumeration of the generated schema types, in the order the UI shows
 * them. The compiler refuses a list that misses a value of the schema or has one it lacks,
 * so these lists cannot drift from the API (whose enums a test holds to the database's).
 */
export function allOf<T extends string>() {
  return <const L extends readonly T[]>(...values: L & ([T] extends [L[number]] ? unknown : never)): L => values;
}

export const SECTORS = allOf<Sector>()(
  'HAZARDOUS_CHEMICALS', 'COAL_MINE', 'NON_COAL_MINE', 'ROAD_TRAFFIC', 'WATER_TRAFFIC', 'CONSTRUCTION', 'FIRE_SAFETY',
  'SPECIAL_EQUIPMENT', 'FIREWORKS', 'CITY_GAS', 'INDUSTRY_TRADE', 'FISHING_VESSEL', 'NEW_ENERGY', 'CROWDED_PLACE',
);
export const HAZARD_LEVELS = allOf<HazardLevel>()('GENERAL', 'MAJOR');
export const STATUSES = allOf<HazardStatus>()('REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED');
export const SOURCES = allOf<HazardSource>()('SELF_INSPECTION', 'DEPARTMENT_INSPECTION', 'SUPERVISION', 'UNANNOUNCED_VISIT', 'PUBLIC_REPORT');

/** What the user filters every layer, list and number by. Empty lists mean "all". */
export interface Filters {
  jurisdictionCode: string | null;
  sectors: string[];
  levels: string[];
  statuses: string[];
  sources: string[];
  overdueOnly: boolean;
  /** Only hazards published (公示). */
  publishedOnly: boolean;
  /** Found on or after this date (yyyy-mm-dd). */
  from: string | null;
  /** Found on or before this date (yyyy-mm-dd). */
  to: string | null;
}

// Short query-string keys: the URL is what users paste into chats to share a view.
const KEYS = { jurisdictionCode: 'j', sectors: 'sector', levels: 'level', statuses: 'status', sources: 'source', overdueOnly: 'overdue', publishedOnly: 'published', from: 'from', to: 'to' } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function list(params: URLSearchParams, key: string, allowed: readonly string[]): string[] {
  return (params.get(key) ?? '').split(',').filter((value) => allowed.includes(value));
}

/** Reads filters from a query string, dropping values that are not allowed. */
export function parseFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const code = params.get(KEYS.jurisdictionCode);
  const date = (key: string) => {
    const value = params.get(key);
    return value && DATE.test(value) ? value : null;
  };
  return {
    jurisdictionCode: code && /^\d{6}(\d{3})?$/.test(code) ? code : null,
    sectors: list(params, KEYS.sectors, SECTORS),
    levels: list(params, KEYS.levels, HAZARD_LEVELS),
    statuses: list(params, KEYS.statuses, STATUSES),
    sources: list(params, KEYS.sources, SOURCES),
    overdueOnly: params.get(KEYS.overdueOnly) === '1',
    publishedOnly: params.get(KEYS.publishedOnly) === '1',
    from: date(KEYS.from),
    to: date(KEYS.to),
  };
}

export function formatFilters(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.jurisdictionCode) params.set(KEYS.jurisdictionCode, filters.jurisdictionCode);
  for (const key of ['sectors', 'levels', 'statuses', 'sources'] as const) {
    if (filters[key].length) params.set(KEYS[key], filters[key].join(','));
  }
  if (filters.overdueOnly) params.set(KEYS.overdueOnly, '1');
  if (filters.publishedOnly) params.set(KEYS.publishedOnly, '1');
  if (filters.from) params.set(KEYS.from, filters.from);
  if (filters.to) params.set(KEYS.to, filters.to);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Filters kept in the URL query string, so a reload or a shared link shows the same view. */
export function useFilters(): [Filters, (next: Filters) => void] {
  const current = useSearch();
  const setFilters = useCallback((next: Filters) => {
    const params = new URLSearchParams(formatFilters(next));
    setUrlParams(Object.fromEntries(Object.values(KEYS).map((key) => [key, params.get(key)])));
  }, []);
  // The same object while the filters' own keys stay the same: opening a record changes the
  // query string too, and must not make every map layer think its filter changed.
  const canonical = formatFilters(parseFilters(current));
  const filters = useMemo(() => parseFilters(canonical), [canonical]);
  return [filters, setFilters];
}
