/**
 * SQL shared by every reader of hazards (lists, counts, stats, tiles). Overdue is the
 * database's one rule, hazard_is_overdue_on(status, deadline, day), on today
 * (db/migrations: the one clock); the planner inlines it, so the (status, deadline) indexes
 * still serve it. Today is asked once per statement, as a scalar subquery: app.today() reads
 * app.deployment, and called for each row (as hazard_is_overdue() does) it costs ~20 µs a
 * row — seconds over a million hazards.
 */
const today = '(select app.today())';

/** Overdue on `day` (an SQL date expression), by default today. */
export function overdueSql(alias = 'h', day = today): string {
  return `hazard_is_overdue_on(${alias}.status, ${alias}.deadline, ${day})`;
}

/** Days past the deadline while overdue, else 0. */
export function overdueDaysSql(alias = 'h'): string {
  return `(case when ${overdueSql(alias)} then ${today} - ${alias}.deadline else 0 end)`;
}
