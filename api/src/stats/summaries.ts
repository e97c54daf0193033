import type { Viewer } from '../common/viewer';
import type { HazardFilter } from '../hazard/hazard.input';

// The hazard summaries (db/migrations/0019_summaries.sql, 0025_summaries_fast.sql,
// 0031_trend_months.sql; docs/metrics.md "Where the figures come from"):
// - `counts`, undated: hazards per town, sector, level, status, source, listing, 公示 and
//   deadline (while it can still pass): what holds now (open, overdue, listed, per sector);
// - `months`, dated: hazards per town, sector, level, month found and month closed: found,
//   rectified and closed in a period; and, on the same dimensions, hazards found and hazards
//   closed per town, sector, level and month each on its own (hazard_trend_months): the
//   trend's found and closed by month, without adding up the pairs of months;
// - `cells`: town, sector, level, status and deadline per grid cell of the aggregated tiles;
// - `lateness`: per hazard, the overdue parts of its past stretches and its late closings,
//   with its town, sector and level (0026_lateness.sql): everOverdue, rectifiedLate and the
//   trend's overdue; rows, so a filter it cannot answer joins them to the hazards. The
//   trend's month ends, and everOverdue and rectifiedLate of a period, read their counts per
//   town, sector, level and month instead, with the rows at the period's edges
//   (0029_lateness_months_exact.sql);
// - `supervision`: enterprises per town, sector, risk colour and status, inspections and
//   accidents per town, sector and month (0030_supervision_summaries.sql): enterprisesByColour,
//   inspections and the accident figures, which no hazard filter narrows: it holds no field.
// A filter on the columns a summary holds is answered from it with the same where-builder
// as the rows (hazardWhere), since the summaries name their columns as the hazards do; any
// other filter (a box, a shape, a distance, a text, an instant, an enterprise, a road
// segment, a deadline range) needs the rows.

const UNDATED = new Set<keyof HazardFilter>([
  'jurisdictionCode', 'sectors', 'levels', 'statuses', 'sources', 'overdue', 'listedLevels', 'listed', 'published',
]);

/** The HazardFilter fields each summary holds. */
const SUMMARISED: Readonly<Record<Summary, ReadonlySet<string>>> = {
  counts: UNDATED,
  cells: new Set<keyof HazardFilter>(['jurisdictionCode', 'sectors', 'levels', 'statuses', 'overdue']),
  months: new Set<keyof HazardFilter>(['jurisdictionCode', 'sectors', 'levels']),
  lateness: new Set<keyof HazardFilter>(['jurisdictionCode', 'sectors', 'levels']),
  supervision: new Set<keyof HazardFilter>(),
};

export type Summary = 'counts' | 'months' | 'cells' | 'lateness' | 'supervision';

/** The relations readers read: folded counts and the deltas not yet folded. */
export const COUNT_ROWS = 'hazard_count_rows';
export const MONTH_ROWS = 'hazard_month_rows';
export const TREND_MONTH_ROWS = 'hazard_trend_month_rows';
export const CELL_ROWS = 'hazard_cell_rows';
export const ENTERPRISE_COUNT_ROWS = 'enterprise_count_rows';
export const INSPECTION_MONTH_ROWS = 'inspection_month_rows';
export const ACCIDENT_MONTH_ROWS = 'accident_month_rows';

/** The zooms hazard_cells keeps: every zoom from 1 to 11 (app.hazard_cells, docs/tiles.md). */
export const CELL_ZOOMS = { first: 1, last: 11 } as const;

/** The lateness rows (for a viewer the summaries answer) and their month counts, folded and deltas. */
export const LATENESS_ROWS = 'hazard_lateness_spans';
export const LATENESS_MONTH_ROWS = 'hazard_lateness_month_rows';

/**
 * Where a viewer's lateness rows are read: the kept table, or for an enterprise user (whom
 * its row-level security shows none) the same rows computed from the history it may read.
 */
export const latenessRows = (viewer: Viewer): string =>
  (viewer.role === 'enterprise' ? 'hazard_lateness_spans_from_history' : LATENESS_ROWS);

const setFields = (filter: object | null | undefined): string[] =>
  Object.entries(filter ?? {}).filter(([, value]) => value !== null && value !== undefined).map(([name]) => name);

/**
 * Whether a summary can answer a filter, given by the names of its set fields, for this
 * viewer. An enterprise user sees the hazards of its enterprise, which no summary knows
 * (their row-level security shows it none): its figures are counted from the rows.
 */
export function summariesAnswerFields(viewer: Viewer, names: Iterable<string>, summary: Summary = 'cells'): boolean {
  if (viewer.role === 'enterprise') return false;
  for (const name of names) if (!SUMMARISED[summary].has(name)) return false;
  return true;
}

/** Whether a summary can answer a HazardFilter for this viewer. */
export function summariesAnswer(viewer: Viewer, filter: HazardFilter | null | undefined, summary: Summary): boolean {
  return summariesAnswerFields(viewer, setFields(filter), summary);
}
