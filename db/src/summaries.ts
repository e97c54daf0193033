import type { Pool, PoolClient } from 'pg';

// The hazard summaries (migrations/0019_summaries.sql, 0025_summaries_fast.sql,
// 0031_trend_months.sql) and those of the enterprises, inspections and accidents
// (0030_supervision_summaries.sql) against a recount from the rows, the lateness rows
// (0026_lateness.sql) against a recomputation from the history, and their repair. Both run as
// the owner of the schema, who sees every row.

const COUNT_KEY = 'town_code, sector, level, status, source, listed_level, published, deadline';
const MONTH_KEY = 'town_code, sector, level, found_month, closed_month';
const CELL_KEY = 'zoom, cell_x, cell_y, town_code, sector, level, status, deadline';

/** The summaries' key of each hazard, as the hazards hold it now (app.hazard_change). */
const KEYED = `select k.*, app.month_of(k.found_on) as found_month, app.month_of(k.closed_on) as closed_month
  from hazards h cross join lateral app.hazard_change(1, h) k`;
const counted = (key: string) => `select ${key}, count(*)::bigint as hazards from (${KEYED}) k group by ${key}`;
const COUNTED_CELLS = `select ${CELL_KEY}, count(*)::bigint as hazards
  from (${KEYED}) k cross join lateral app.hazard_cells(k.x, k.y) g group by ${CELL_KEY}`;

/** Rows in one relation and not in the other, duplicates counted. */
const mismatched = (stored: string, recount: string) => `(
  with stored as (${stored}), counted as (${recount})
  select count(*)::int from ((select * from stored except all select * from counted)
                              union all (select * from counted except all select * from stored)) d)`;
const differences = (stored: string, key: string, recount: string) =>
  mismatched(`select ${key}, sum(hazards)::bigint as hazards from ${stored} group by ${key} having sum(hazards) <> 0`, recount);
const TREND_MONTH_KEY = 'town_code, sector, level, month';
const TREND_MONTHS = `select ${TREND_MONTH_KEY}, sum(found)::bigint as found, sum(closed)::bigint as closed
  from hazard_trend_month_rows group by ${TREND_MONTH_KEY} having sum(found) <> 0 or sum(closed) <> 0`;
const TREND_MONTHS_RECOUNTED = `select k.town_code, k.sector, k.level, m.month, sum(m.found)::bigint as found, sum(m.closed)::bigint as closed
  from hazards h cross join lateral app.hazard_change(1, h) k cross join lateral app.trend_month_changes(k.sign, k.found_on, k.closed_on) m
  group by k.town_code, k.sector, k.level, m.month`;
const LATENESS = 'hazard_id, town_code, sector, level, overdue_from, overdue_until, closed_late_at, previous_overdue_until, previous_closed_late_at';
const LATENESS_MONTH_KEY = 'town_code, sector, level, month';
const LATENESS_MONTHS = `select ${LATENESS_MONTH_KEY}, sum(began)::bigint as began, sum(ended)::bigint as ended, sum(closed_late)::bigint as closed_late
  from hazard_lateness_month_rows group by ${LATENESS_MONTH_KEY} having sum(began) <> 0 or sum(ended) <> 0 or sum(closed_late) <> 0`;
const LATENESS_MONTHS_RECOUNTED = `select l.town_code, l.sector, l.level, m.month,
    sum(m.began)::bigint as began, sum(m.ended)::bigint as ended, sum(m.closed_late)::bigint as closed_late
  from hazard_lateness_spans_from_history l
  cross join lateral app.lateness_month_changes(1, l.overdue_from, l.overdue_until, l.closed_late_at) m
  group by l.town_code, l.sector, l.level, m.month`;

const ENTERPRISES = `select town_code, sector, risk_level, status, sum(enterprises)::bigint as enterprises
  from enterprise_count_rows group by town_code, sector, risk_level, status having sum(enterprises) <> 0`;
const ENTERPRISES_RECOUNTED = `select town_code, sector, risk_level, status, count(*)::bigint as enterprises
  from enterprises group by town_code, sector, risk_level, status`;
const INSPECTIONS = `select town_code, sector, month, sum(inspections)::bigint as inspections
  from inspection_month_rows group by town_code, sector, month having sum(inspections) <> 0`;
const INSPECTIONS_RECOUNTED = `select town_code, sector, app.month_of(inspected_on) as month, count(*)::bigint as inspections
  from inspections group by town_code, sector, app.month_of(inspected_on)`;
const ACCIDENT_SUMS = 'sum(deaths)::bigint as deaths, sum(serious_injuries)::bigint as serious_injuries, sum(direct_loss_yuan) as direct_loss_yuan';
const ACCIDENTS = `select town_code, sector, month, sum(accidents)::bigint as accidents, ${ACCIDENT_SUMS}
  from accident_month_rows group by town_code, sector, month
  having sum(accidents) <> 0 or sum(deaths) <> 0 or sum(serious_injuries) <> 0 or sum(direct_loss_yuan) <> 0`;
const ACCIDENTS_RECOUNTED = `select town_code, sector, app.accident_month(occurred_at) as month, count(*)::bigint as accidents, ${ACCIDENT_SUMS}
  from accidents group by town_code, sector, app.accident_month(occurred_at)`;

/** How many keys of each summary differ from a recount of the rows, and lateness rows from the history (all 0: exact). */
export interface SummaryDrift {
  counts: number;
  months: number;
  trendMonths: number;
  cells: number;
  lateness: number;
  latenessMonths: number;
  enterprises: number;
  inspections: number;
  accidents: number;
}

export async function summaryDrift(db: Pool | PoolClient): Promise<SummaryDrift> {
  const { rows: [drift] } = await db.query<SummaryDrift>(
    `select ${differences('hazard_count_rows', COUNT_KEY, counted(COUNT_KEY))} as counts,
            ${differences('hazard_month_rows', MONTH_KEY, counted(MONTH_KEY))} as months,
            ${mismatched(TREND_MONTHS, TREND_MONTHS_RECOUNTED)} as "trendMonths",
            ${differences('hazard_cell_rows', CELL_KEY, COUNTED_CELLS)} as cells,
            ${mismatched(`select ${LATENESS} from hazard_lateness_spans`, `select ${LATENESS} from hazard_lateness_spans_from_history`)} as lateness,
            ${mismatched(LATENESS_MONTHS, LATENESS_MONTHS_RECOUNTED)} as "latenessMonths",
            ${mismatched(ENTERPRISES, ENTERPRISES_RECOUNTED)} as enterprises,
            ${mismatched(INSPECTIONS, INSPECTIONS_RECOUNTED)} as inspections,
            ${mismatched(ACCIDENTS, ACCIDENTS_RECOUNTED)} as accidents`);
  return drift!;
}

/**
 * Rebuilds the summaries from the rows (app.rebuild_hazard_summaries: writers wait, readers
 * do not) and returns the drift found before, which is all 0 unless the triggers were
 * bypassed (a trigger disabled by the owner, a restore of only some tables).
 */
export async function repairSummaries(pool: Pool): Promise<SummaryDrift> {
  const before = await summaryDrift(pool);
  await pool.query('select app.rebuild_hazard_summaries()');
  return before;
}
