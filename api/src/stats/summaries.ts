import type { Viewer } from '../common/viewer';
import type { HazardFilter } from '../hazard/hazard.input';

// The hazard summaries (db/migrations/0018_summaries.sql, docs/metrics.md "Where the figures
// come from") count hazards per town, sector, level, status, source, listing, 公示, day
// found, day closed and deadline (while it can still pass). A filter on those columns is
// answered from them with the same where-builder as the rows (hazardWhere), since the
// summaries name their columns as the hazards do; any other filter (a box, a shape, a
// distance, a text, an instant, an enterprise, a road segment, a deadline range) needs
// the rows.

/** The HazardFilter fields the summaries hold. */
const SUMMARISED: ReadonlySet<string> = new Set<keyof HazardFilter>([
  'jurisdictionCode', 'sectors', 'levels', 'statuses', 'sources', 'overdue', 'listedLevels', 'listed', 'published',
]);

/** The relations readers read: folded counts and the deltas not yet folded. */
export const FIGURE_ROWS = 'hazard_figure_rows';
export const CELL_ROWS = 'hazard_cell_rows';

const setFields = (filter: object | null | undefined): string[] =>
  Object.entries(filter ?? {}).filter(([, value]) => value !== null && value !== undefined).map(([name]) => name);

/**
 * Whether the summaries can answer a filter, given by the names of its set fields, for this
 * viewer. An enterprise user sees the hazards of its enterprise, which no summary knows
 * (their row-level security shows it none): its figures are counted from the rows.
 */
export function summariesAnswerFields(viewer: Viewer, names: Iterable<string>): boolean {
  if (viewer.role === 'enterprise') return false;
  for (const name of names) if (!SUMMARISED.has(name)) return false;
  return true;
}

/** Whether the summaries can answer a HazardFilter for this viewer. */
export function summariesAnswer(viewer: Viewer, filter: HazardFilter | null | undefined): boolean {
  return summariesAnswerFields(viewer, setFields(filter));
}
