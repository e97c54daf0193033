import type { Pool, PoolClient } from 'pg';

// The hazard summaries (migrations/0018_summaries.sql) against a recount from the rows, and
// their repair. Both run as the owner of the schema, who sees every row.

const FIGURE_KEY = 'town_code, sector, level, status, source, listed_level, published, found_on, deadline, closed_on';
const CELL_KEY = 'zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline';

/** The summaries' key of each hazard, as the hazards hold it now (app.hazard_change). */
const KEYED = 'select k.* from hazards h cross join lateral app.hazard_change(1, h) k';
const COUNTED_FIGURES = `select ${FIGURE_KEY}, count(*)::bigint as hazards from (${KEYED}) k group by ${FIGURE_KEY}`;
const COUNTED_CELLS = `select ${CELL_KEY}, count(*)::bigint as hazards
  from (${KEYED}) k cross join lateral app.hazard_cells(k.x, k.y) g group by ${CELL_KEY}`;

const differences = (stored: string, key: string, counted: string) => `(
  with stored as (select ${key}, sum(hazards)::bigint as hazards from ${stored} group by ${key} having sum(hazards) <> 0),
       counted as (${counted})
  select count(*)::int from ((select * from stored except all select * from counted)
                              union all (select * from counted except all select * from stored)) d)`;

/** How many keys of each summary differ from a recount of the rows (0 and 0: exact). */
export interface SummaryDrift {
  figures: number;
  cells: number;
}

export async function summaryDrift(db: Pool | PoolClient): Promise<SummaryDrift> {
  const { rows: [drift] } = await db.query<SummaryDrift>(
    `select ${differences('hazard_figure_rows', FIGURE_KEY, COUNTED_FIGURES)} as figures,
            ${differences('hazard_cell_rows', CELL_KEY, COUNTED_CELLS)} as cells`);
  return drift!;
}

/**
 * Rebuilds the summaries from the rows (app.rebuild_hazard_summaries: writers wait, readers
 * do not) and returns the drift found before, which is 0 and 0 unless the triggers were
 * bypassed (session_replication_role = replica, a restore of only some tables).
 */
export async function repairSummaries(pool: Pool): Promise<SummaryDrift> {
  const before = await summaryDrift(pool);
  await pool.query('select app.rebuild_hazard_summaries()');
  return before;
}
