/**
 * SQL shared by every reader of hazards (lists, counts, stats, tiles). Overdue is the
 * database's hazard_is_overdue() (db/migrations: the one clock), which the planner inlines,
 * so the (status, deadline) indexes still serve it.
 */
export function overdueSql(alias = 'h'): string {
  return `hazard_is_overdue(${alias}.status, ${alias}.deadline)`;
}

/** Days past the deadline while overdue, else 0. */
export function overdueDaysSql(alias = 'h'): string {
  return `(case when ${overdueSql(alias)} then app.today() - ${alias}.deadline else 0 end)`;
}
