import type { Filters } from '../filters/filters';
import type { HazardFilter } from '../gql/graphql';

/** Start of a local calendar day as an instant: users pick dates in their own (China) time. */
export function dayStart(date: string, plusDays = 0): string {
  const day = new Date(`${date}T00:00:00`);
  day.setDate(day.getDate() + plusDays);
  return day.toISOString();
}

/** The URL filters as the API's HazardFilter; an empty list means "all" and is left out. */
export function toHazardFilter(filters: Filters): HazardFilter {
  const some = <T extends string>(values: string[]) => (values.length ? (values as T[]) : null);
  return {
    jurisdictionCode: filters.jurisdictionCode,
    sectors: some(filters.sectors),
    levels: some(filters.levels),
    statuses: some(filters.statuses),
    sources: some(filters.sources),
    overdue: filters.overdueOnly ? true : null,
    published: filters.publishedOnly ? true : null,
    foundFrom: filters.from ? dayStart(filters.from) : null,
    // The "to" day is included: found before the start of the next day.
    foundTo: filters.to ? dayStart(filters.to, 1) : null,
  };
}
