// Named queries of live updates (api/src/live/live-updates.ts).

/**
 * What of a batch the request's viewer may see, read under their row-level security: the
 * hazards ($1) as they are now, and the towns ($2, each with the sector $3 it changed, or
 * null) whose figures are theirs, by app.can_read, the function every policy uses.
 */
export const VISIBLE_CHANGES = `
  select (select coalesce(json_agg(json_build_object(
                   'hazardId', h.id::text, 'code', h.code, 'townCode', h.town_code,
                   'sector', h.sector, 'level', h.level, 'status', h.status)), '[]')
          from hazards h where h.id = any($1::bigint[])) as hazards,
         (select coalesce(array_agg(distinct t.town), '{}')
          from unnest($2::text[], $3::text[]) as t(town, sector)
          where app.can_read(t.town::jurisdiction_code, t.sector)) as towns`;

/**
 * Hazards overdue on day $2 that were not on day $1 (hazard_is_overdue_on, the one
 * definition), at most app.live_row_limit() of them; too_many when there are more.
 */
export const NEWLY_OVERDUE = `
  select id::text, town_code, sector, count(*) over () > app.live_row_limit() as too_many
  from hazards
  where hazard_is_overdue_on(status, deadline, $2::date) and not hazard_is_overdue_on(status, deadline, $1::date)
  order by id
  limit app.live_row_limit()`;

export const TODAY = `select app.today() as today`;
