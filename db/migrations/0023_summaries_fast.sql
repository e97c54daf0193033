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
-- Both are kept as 0019 keeps its summaries: the statement triggers append deltas (never
-- update a counter row, so concurrent writers never queue on a hot row), readers read the
-- *_rows views (folded + deltas), a writer folds now and then. hazard_cells is unchanged.

drop view hazard_figure_rows;
drop table hazard_figures, hazard_figure_deltas;

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
-- the cost of a comparison per row. app.can_read inlined to app.role(), app.scope_prefix()
-- and app.sectors() per row, each asking whose session this is (pg_has_role): ~7 µs a row,
-- 300 ms for the 41,000 keys of a million hazards, more than the sums themselves. The rule
-- is now the scope as three values (the codes from, the codes to, the sectors or null for
-- all) and one comparison, app.can_read_between; app.can_read composes them as before, so
-- every other policy reads the same rows. The summaries' policies pass the three values as
-- scalar subqueries, which the planner evaluates once per statement; each is used once in
-- app.can_read_between, so the planner still inlines it. (Each value asks app.role() once
-- per row in the other policies: cheap in the api's sessions, where it is a setting.)
create function app.read_from() returns text
  language sql stable
  as $$ select case app.role() when 'admin' then '' when 'leader' then app.scope_prefix() when 'analyst' then app.scope_prefix()
                                when 'town' then app.scope_prefix() when 'inspector' then app.scope_prefix() end $$;
comment on function app.read_from() is 'The lowest town code the request may read (with app.read_to, app.read_sectors: the scope of app.can_read); null: none.';

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
  as $$ select coalesce(town >= from_code collate "C" and town < to_code collate "C" and coalesce(row_sector = any(sectors), true), false) $$;
comment on function app.can_read_between(jurisdiction_code, text, text, text, text[]) is
  'Whether a row of a town and sector lies in a scope given as values (app.read_from, app.read_to, app.read_sectors).';

create or replace function app.can_read(town jurisdiction_code, row_sector text) returns boolean
  language sql stable
  as $$ select app.can_read_between(town, row_sector, app.read_from(), app.read_to(), app.read_sectors()) $$;

alter table hazard_counts enable row level security;
alter table hazard_count_deltas enable row level security;
alter table hazard_months enable row level security;
alter table hazard_month_deltas enable row level security;
create policy hazard_counts_select on hazard_counts for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy hazard_count_deltas_select on hazard_count_deltas for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy hazard_months_select on hazard_months for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy hazard_month_deltas_select on hazard_month_deltas for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
alter policy hazard_cells_select on hazard_cells
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
alter policy hazard_cell_deltas_select on hazard_cell_deltas
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
grant select on hazard_counts, hazard_count_deltas, hazard_months, hazard_month_deltas,
  hazard_count_rows, hazard_month_rows to app_user;

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
  insert into hazard_cell_deltas (zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline, hazards)
  select g.zoom, g.cell_x, g.cell_y, c.town_code, c.sector, c.level, c.status, c.source, c.listed_level, c.published, c.deadline, sum(c.sign)
  from unnest(changes) c cross join lateral app.hazard_cells(c.x, c.y) g
  group by g.zoom, g.cell_x, g.cell_y, c.town_code, c.sector, c.level, c.status, c.source, c.listed_level, c.published, c.deadline
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
  insert into hazard_cells as f (zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline, hazards)
  select zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline, sum(hazards)
  from moved
  group by zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline
  on conflict on constraint hazard_cells_key do update set hazards = f.hazards + excluded.hazards;
  delete from hazard_cells where hazards = 0;
end $$;

create or replace function app.rebuild_hazard_summaries() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
declare
  first_id bigint;
  last_id bigint;
begin
  lock table hazards in share mode;
  delete from hazard_count_deltas;
  delete from hazard_month_deltas;
  delete from hazard_cell_deltas;
  delete from hazard_counts;
  delete from hazard_months;
  delete from hazard_cells;
  select min(id), max(id) into first_id, last_id from hazards;
  for part in 0 .. coalesce((last_id - first_id) / 50000, -1) loop
    perform app.append_hazard_changes(array(
      select app.hazard_change(1, h) from hazards h
      where h.id >= first_id + part * 50000 and h.id < first_id + (part + 1) * 50000));
    perform app.fold_hazard_summaries();
  end loop;
end $$;

-- The writer that folds (0019) counts the cell deltas' ids; the fold now empties all three.
select app.rebuild_hazard_summaries();

-- 0019 rebuilt the summaries after every update naming time_zone, and the api sets it at
-- each start: at a million hazards every start took minutes and hit the statement timeout.
-- Only a change of the zone moves the days the summaries keep.
drop trigger deployment_time_zone_rebuilds_summaries on app.deployment;
create trigger deployment_time_zone_rebuilds_summaries after update of time_zone on app.deployment
  for each row when (old.time_zone is distinct from new.time_zone) execute function app.rebuild_hazard_summaries_trigger();
