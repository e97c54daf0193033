import type { Filters } from '../filters/filters';
import type { AccidentFilter, EnterpriseFilter, InspectionFilter, Sector } from '../gql/graphql';
import { dayStart } from '../panels/hazard-filter';

// The page's filters as each ledger's own API filter: the jurisdiction and the sectors apply
// to all; the dates to what each record has (an inspection's day, an accident's moment).
// Filters a record kind lacks (a hazard's level or status) do not narrow it.

const sectorsOf = (filters: Filters) => (filters.sectors.length ? (filters.sectors as Sector[]) : null);

export function toEnterpriseFilter(filters: Filters, search: string | null): EnterpriseFilter {
  return { jurisdictionCode: filters.jurisdictionCode, sectors: sectorsOf(filters), search };
}

export function toInspectionFilter(filters: Filters): InspectionFilter {
  return { jurisdictionCode: filters.jurisdictionCode, sectors: sectorsOf(filters), from: filters.from, to: filters.to };
}

export function toAccidentFilter(filters: Filters): AccidentFilter {
  return {
    jurisdictionCode: filters.jurisdictionCode,
    sectors: sectorsOf(filters),
    from: filters.from ? dayStart(filters.from) : null,
    // The "to" day is included: before the start of the next day.
    to: filters.to ? dayStart(filters.to, 1) : null,
  };
}
