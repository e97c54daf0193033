-- Summaries that are fewer rows than the hazards (issue 14). 0019's hazard_figures kept the
-- day found and the day closed in one key with every other dimension: 20,000 hazards made
-- 19,851 keys, so reading the summary cost as much as reading the rows. Split in two:
--
-- * hazard_counts, undated: town × sector × level × status × source × listing × 公示 × the
--   deadline while the hazard can still become overdue (app.summary_deadline). It answers
--   what is true now: open, overdue, listed, per sector. Closed and awaiting hazards have no
--   deadline in their key, so they share few keys; only open hazards spread over deadlines.
-- * hazard_months, dated: town × sector × level × the month found × the month closed (months
--   of the deployment's calendar; closed_month is null while not closed, the hazards' check
--   ties closed_at to CLOSED). It answers found, rectified and the monthly trend for periods
--   of whole months (and periods ending today or later), filtered by town, sector or level;
--   other filters and periods count the rows (api/src/stats/summaries.ts).
--
-- * hazard_cells, per grid cell of the aggregated tiles, loses the source, the listing and
--   公示: at a million hazards its zoom 9 had 290,185 keys, 123,114 without them, and a z8
--   tile reads most of them. Tiles filtered by those count the rows.
--
-- All are kept as 0019 keeps its summaries: the statement triggers append deltas (never
-- update a counter row, so concurrent writers never queue on a hot row), readers read the
-- *_rows views (folded + deltas), a writer folds now and then.

drop view hazard_figure_rows, hazard_cell_rows;
drop table hazard_figures, hazard_figure_deltas, hazard_cells, hazard_cell_deltas;

create table hazard_counts (
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  status hazard_status not null,
  source hazard_source not null,
  listed_level supervision_level,
  published boolean not null,
  deadline date,
  hazards integer not null,
  constraint hazard_counts_key unique nulls not distinct
    (town_code, sector, level, status, source, listed_level, published, deadline)
);
comment on table hazard_counts is
  'Hazards counted per town, sector, level, status, source, listing, 公示 and deadline (app.summary_deadline): the folded part of the undated summary; hazard_count_rows adds the deltas.';
comment on column hazard_counts.hazards is 'How many hazards have exactly this key.';

create table hazard_count_deltas (
  id bigint generated always as identity primary key,
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  status hazard_status not null,
  source hazard_source not null,
  listed_level supervision_level,
  published boolean not null,
  deadline date,
  hazards integer not null
);
comment on table hazard_count_deltas is
  'Changes to hazard_counts appended by the hazards triggers (+n for row versions written, −n for those replaced), until app.fold_hazard_summaries() folds them.';

create table hazard_months (
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  found_month date not null,
  closed_month date,
  hazards integer not null,
  constraint hazard_months_key unique nulls not distinct (town_code, sector, level, found_month, closed_month)
);
comment on table hazard_months is
  'Hazards counted per town, sector, level, month found and month closed (first days of months of the deployment''s calendar; closed_month null while not closed): the folded part of the dated summary; hazard_month_rows adds the deltas.';
comment on column hazard_months.hazards is 'How many hazards have exactly this key.';

create table hazard_month_deltas (
  id bigint generated always as identity primary key,
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  found_month date not null,
  closed_month date,
  hazards integer not null
);
comment on table hazard_month_deltas is 'Changes to hazard_months appended by the hazards triggers until folded.';

create table hazard_cells (
  zoom smallint not null,
  cell_x integer not null,
  cell_y integer not null,
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  status hazard_status not null,
  deadline date,
  hazards integer not null,
  constraint hazard_cells_key unique nulls not distinct (zoom, cell_x, cell_y, town_code, sector, level, status, deadline)
);
comment on table hazard_cells is
  'Hazards counted per grid cell of the aggregated tiles (app.hazard_cells), town, sector, level, status and deadline (app.summary_deadline): the folded part; hazard_cell_rows adds the deltas.';
comment on column hazard_cells.hazards is 'How many hazards have exactly this key.';

create table hazard_cell_deltas (
  id bigint generated always as identity primary key,
  zoom smallint not null,
  cell_x integer not null,
  cell_y integer not null,
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  status hazard_status not null,
  deadline date,
  hazards integer not null
);
comment on table hazard_cell_deltas is 'Changes to hazard_cells appended by the hazards triggers until folded.';

create index hazard_cells_cell on hazard_cells (zoom, cell_x, cell_y);
create index hazard_cell_deltas_cell on hazard_cell_deltas (zoom, cell_x, cell_y);
create index hazard_cells_empty on hazard_cells (hazards) where hazards = 0;

create view hazard_cell_rows with (security_invoker = true) as
  select zoom, cell_x, cell_y, town_code, sector, level, status, deadline, hazards from hazard_cells
  union all
  select zoom, cell_x, cell_y, town_code, sector, level, status, deadline, hazards from hazard_cell_deltas;
comment on view hazard_cell_rows is 'hazard_cells with its unfolded deltas.';

-- Scope first: row-level security narrows by town (a range on the "C" collation).
create index hazard_counts_town on hazard_counts (town_code collate "C", sector);
create index hazard_count_deltas_town on hazard_count_deltas (town_code collate "C", sector);
create index hazard_months_town on hazard_months (town_code collate "C", sector);
create index hazard_month_deltas_town on hazard_month_deltas (town_code collate "C", sector);
create index hazard_counts_empty on hazard_counts (hazards) where hazards = 0;
create index hazard_months_empty on hazard_months (hazards) where hazards = 0;

create view hazard_count_rows with (security_invoker = true) as
  select town_code, sector, level, status, source, listed_level, published, deadline, hazards from hazard_counts
  union all
  select town_code, sector, level, status, source, listed_level, published, deadline, hazards from hazard_count_deltas;
comment on view hazard_count_rows is 'hazard_counts with its unfolded deltas: sum(hazards) per key is the number of hazards with that key.';

create view hazard_month_rows with (security_invoker = true) as
  select town_code, sector, level, found_month, closed_month, hazards from hazard_months
  union all
  select town_code, sector, level, found_month, closed_month, hazards from hazard_month_deltas;
comment on view hazard_month_rows is 'hazard_months with its unfolded deltas: sum(hazards) per key is the number of hazards with that key.';

-- Row-level security as on the hazards (0019's reasoning: an enterprise user sees none), at
-- the cost of a comparison per key. app.can_read inlines to app.role(), app.scope_prefix()
-- and app.sectors() per row, each asking whose session this is (pg_has_role): ~7 µs a row,
-- 300 ms for the 41,000 keys of a million hazards, more than the sums themselves. The
-- summaries' policies take the scope of app.can_read as three values (the codes from, the
-- codes to, the sectors or null for all) in scalar subqueries, which the planner evaluates
-- once per statement, and compare each key with them (app.can_read_between; each value is
-- used once there, so the planner still inlines it). app.can_read itself stays as it is:
-- composed of these three it asks app.role() three times a row, 20–25 % slower on the
-- rows. A test checks that both admit the same rows for every role
-- (tests/src/db/summaries.test.ts).
create function app.read_from() returns text
  language sql stable
  as $$ select case app.role() when 'admin' then '' when 'leader' then app.scope_prefix() when 'analyst' then app.scope_prefix()
                                when 'town' then app.scope_prefix() when 'inspector' then app.scope_prefix() end $$;
comment on function app.read_from() is 'The lowest town code the request may read (with app.read_to, app.read_sectors: the scope of app.can_read as values); null: none.';

create function app.read_to() returns text
  language sql stable
  as $$ select case app.role() when 'admin' then ':' when 'leader' then app.scope_prefix() || ':' when 'analyst' then app.scope_prefix() || ':'
                                when 'town' then app.scope_prefix() || ':' when 'inspector' then app.scope_prefix() || ':' end $$;
comment on function app.read_to() is 'The town codes the request may read lie below this one ("C" collation; '':'' follows every digit).';

create function app.read_sectors() returns text[]
  language sql stable
  as $$ select case app.role() when 'inspector' then app.sectors() end $$;
comment on function app.read_sectors() is 'The sectors the request may read; null: every sector.';

create function app.can_read_between(town jurisdiction_code, row_sector text, from_code text, to_code text, sectors text[]) returns boolean
  language sql immutable
  as $$ select coalesce(town >= from_code collate "C" and town < to_code collate "C"
                         and (row_sector is null or coalesce(row_sector = any(sectors), true)), false) $$;
comment on function app.can_read_between(jurisdiction_code, text, text, text, text[]) is
  'Whether a row of a town and sector lies in a scope given as values (app.read_from, app.read_to, app.read_sectors).';

alter table hazard_counts enable row level security;
alter table hazard_count_deltas enable row level security;
alter table hazard_months enable row level security;
alter table hazard_month_deltas enable row level security;
alter table hazard_cells enable row level security;
alter table hazard_cell_deltas enable row level security;
create policy hazard_counts_select on hazard_counts for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy hazard_count_deltas_select on hazard_count_deltas for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy hazard_months_select on hazard_months for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy hazard_month_deltas_select on hazard_month_deltas for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy hazard_cells_select on hazard_cells for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy hazard_cell_deltas_select on hazard_cell_deltas for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
grant select on hazard_counts, hazard_count_deltas, hazard_months, hazard_month_deltas, hazard_cells, hazard_cell_deltas,
  hazard_count_rows, hazard_month_rows, hazard_cell_rows to app_user;

-- A period that cuts a month counts the days it leaves out from the rows: hazards found
-- before its first day or after its last (hazards_found_at_idx), or closed after its last
-- day (this index). For a period of whole months or one ending today they are none.
create index hazards_closed_at_idx on hazards (closed_at);

-- The first day of a day's month: the key of hazard_months.
create function app.month_of(day date) returns date
  language sql immutable parallel safe
  as $$ select date_trunc('month', day)::date $$;
comment on function app.month_of(date) is 'The first day of the month of a day (the months hazard_months keys by).';

-- The deltas of a set of changes (app.hazard_change, 0019, still the one key of a row
-- version): one per key whose count changed, in each of the three summaries.
create or replace function app.append_hazard_changes(changes app.hazard_change[]) returns bigint
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
declare
  appended bigint;
begin
  insert into hazard_count_deltas (town_code, sector, level, status, source, listed_level, published, deadline, hazards)
  select c.town_code, c.sector, c.level, c.status, c.source, c.listed_level, c.published, c.deadline, sum(c.sign)
  from unnest(changes) c
  group by c.town_code, c.sector, c.level, c.status, c.source, c.listed_level, c.published, c.deadline
  having sum(c.sign) <> 0;
  insert into hazard_month_deltas (town_code, sector, level, found_month, closed_month, hazards)
  select c.town_code, c.sector, c.level, app.month_of(c.found_on), app.month_of(c.closed_on), sum(c.sign)
  from unnest(changes) c
  group by c.town_code, c.sector, c.level, app.month_of(c.found_on), app.month_of(c.closed_on)
  having sum(c.sign) <> 0;
  insert into hazard_cell_deltas (zoom, cell_x, cell_y, town_code, sector, level, status, deadline, hazards)
  select g.zoom, g.cell_x, g.cell_y, c.town_code, c.sector, c.level, c.status, c.deadline, sum(c.sign)
  from unnest(changes) c cross join lateral app.hazard_cells(c.x, c.y) g
  group by g.zoom, g.cell_x, g.cell_y, c.town_code, c.sector, c.level, c.status, c.deadline
  having sum(c.sign) <> 0;
  get diagnostics appended = row_count;
  return appended;
end $$;

create or replace function app.fold_hazard_summaries() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  if not pg_try_advisory_xact_lock(hashtext('app.fold_hazard_summaries')) then
    return;
  end if;
  with moved as (delete from hazard_count_deltas returning *)
  insert into hazard_counts as f (town_code, sector, level, status, source, listed_level, published, deadline, hazards)
  select town_code, sector, level, status, source, listed_level, published, deadline, sum(hazards)
  from moved
  group by town_code, sector, level, status, source, listed_level, published, deadline
  on conflict on constraint hazard_counts_key do update set hazards = f.hazards + excluded.hazards;
  delete from hazard_counts where hazards = 0;
  with moved as (delete from hazard_month_deltas returning *)
  insert into hazard_months as f (town_code, sector, level, found_month, closed_month, hazards)
  select town_code, sector, level, found_month, closed_month, sum(hazards)
  from moved
  group by town_code, sector, level, found_month, closed_month
  on conflict on constraint hazard_months_key do update set hazards = f.hazards + excluded.hazards;
  delete from hazard_months where hazards = 0;
  with moved as (delete from hazard_cell_deltas returning *)
  insert into hazard_cells as f (zoom, cell_x, cell_y, town_code, sector, level, status, deadline, hazards)
  select zoom, cell_x, cell_y, town_code, sector, level, status, deadline, sum(hazards)
  from moved
  group by zoom, cell_x, cell_y, town_code, sector, level, status, deadline
  on conflict on constraint hazard_cells_key do update set hazards = f.hazards + excluded.hazards;
  delete from hazard_cells where hazards = 0;
end $$;

-- The repair counts the rows straight into the folded tables, one grouped statement per
-- summary. 0019 appended deltas in slices of 50,000 hazards and folded each: at a million
-- hazards that took over six minutes and left the delta tables holding millions of dead
-- rows, which every reader then scanned until a vacuum.
create or replace function app.rebuild_hazard_summaries() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  lock table hazards in share mode;
  delete from hazard_count_deltas;
  delete from hazard_month_deltas;
  delete from hazard_cell_deltas;
  delete from hazard_counts;
  delete from hazard_months;
  delete from hazard_cells;
  insert into hazard_counts (town_code, sector, level, status, source, listed_level, published, deadline, hazards)
  select k.town_code, k.sector, k.level, k.status, k.source, k.listed_level, k.published, k.deadline, count(*)
  from hazards h cross join lateral app.hazard_change(1, h) k
  group by k.town_code, k.sector, k.level, k.status, k.source, k.listed_level, k.published, k.deadline;
  insert into hazard_months (town_code, sector, level, found_month, closed_month, hazards)
  select k.town_code, k.sector, k.level, app.month_of(k.found_on), app.month_of(k.closed_on), count(*)
  from hazards h cross join lateral app.hazard_change(1, h) k
  group by k.town_code, k.sector, k.level, app.month_of(k.found_on), app.month_of(k.closed_on);
  insert into hazard_cells (zoom, cell_x, cell_y, town_code, sector, level, status, deadline, hazards)
  select g.zoom, g.cell_x, g.cell_y, k.town_code, k.sector, k.level, k.status, k.deadline, count(*)
  from hazards h cross join lateral app.hazard_change(1, h) k cross join lateral app.hazard_cells(k.x, k.y) g
  group by g.zoom, g.cell_x, g.cell_y, k.town_code, k.sector, k.level, k.status, k.deadline;
end $$;

-- The writer that folds (0019) counts the cell deltas' ids; the fold now empties all three.
select app.rebuild_hazard_summaries();

-- 0019 rebuilt the summaries after every update naming time_zone, and the api sets it at
-- each start: at a million hazards every start took minutes and hit the statement timeout.
-- Only a change of the zone moves the days the summaries keep.
drop trigger deployment_time_zone_rebuilds_summaries on app.deployment;
create trigger deployment_time_zone_rebuilds_summaries after update of time_zone on app.deployment
  for each row when (old.time_zone is distinct from new.time_zone) execute function app.rebuild_hazard_summaries_trigger();
