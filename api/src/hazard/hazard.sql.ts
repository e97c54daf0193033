/**
 * SQL shared by every reader of hazards (lists, counts, stats, tiles). Overdue is written
 * out rather than calling hazard_is_overdue(), so the planner can use the (status, deadline)
 * index; it is the same rule (db/migrations/0003_rules.sql).
 */
export const OPEN_STATUSES_SQL = `('REPORTED', 'RECTIFYING')`;

export function overdueSql(alias = 'h'): string {
  return `(${alias}.deadline < current_date and ${alias}.status in ${OPEN_STATUSES_SQL})`;
}

/** Days past the deadline while overdue, else 0. */
export function overdueDaysSql(alias = 'h'): string {
  return `(case when ${overdueSql(alias)} then current_date - ${alias}.deadline else 0 end)`;
}
