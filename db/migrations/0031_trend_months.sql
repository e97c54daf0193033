-- Found and closed per month without the pairs (issue 14). The trend by month summed
-- hazard_months (0025), keyed by the month found AND the month closed: its keys grow with
-- the pairs of months (towns × sectors × levels × months² / 2 at most), and at a million
-- hazards the trend read all 116,054 of them to add up 24 months, ~51 ms of its ~60. Found
-- in a month and closed in a month need each month alone: hazard_trend_months counts, per
-- town × sector × level × month, the hazards found in it and those closed in it, at most
-- towns × sectors × levels × months keys whatever the number of hazards (at a million
-- hazards 49,852: 44,803 with hazards found, 43,659 with hazards closed). The months are
-- hazard_months' (app.month_of of the days of app.hazard_change). hazard_months stays:
-- jurisdictionStats' "rectified" needs the pairs (found in the period and closed in it).
--
-- Kept as 0019 keeps the summaries: app.append_hazard_changes, which the hazards' statement
-- triggers call (enabled always; the seed loader switches them off during COPY and rebuilds
-- after), appends deltas and never updates a counter row (no hot rows); readers read
-- hazard_trend_month_rows (folded + deltas); app.fold_hazard_summaries folds it with the
-- others; app.rebuild_hazard_summaries recounts it.

create table hazard_trend_months (
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  month date not null,
  found integer not null,
  closed integer not null,
  constraint hazard_trend_months_key unique (town_code, sector, level, month)
);
comment on table hazard_trend_months is
  'Hazards found and hazards closed per town, sector, level and month (first days of months of the deployment''s calendar, as hazard_months): the folded part; hazard_trend_month_rows adds the deltas.';
comment on column hazard_trend_months.found is 'How many hazards of this town, sector and level were found in the month.';
comment on column hazard_trend_months.closed is 'How many hazards of this town, sector and level were closed in the month (and are still closed).';

create table hazard_trend_month_deltas (
  id bigint generated always as identity primary key,
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  month date not null,
  found integer not null,
  closed integer not null
);
comment on table hazard_trend_month_deltas is 'Changes to hazard_trend_months appended by the hazards triggers until folded.';

-- Scope first, as on the other summaries.
create index hazard_trend_months_town on hazard_trend_months (town_code collate "C", sector);
create index hazard_trend_month_deltas_town on hazard_trend_month_deltas (town_code collate "C", sector);
create index hazard_trend_months_empty on hazard_trend_months (month) where found = 0 and closed = 0;

create view hazard_trend_month_rows with (security_invoker = true) as
  select town_code, sector, level, month, found, closed from hazard_trend_months
  union all
  select town_code, sector, level, month, found, closed from hazard_trend_month_deltas;
comment on view hazard_trend_month_rows is 'hazard_trend_months with its unfolded deltas: sums per key are the counts.';

alter table hazard_trend_months enable row level security;
alter table hazard_trend_month_deltas enable row level security;
create policy hazard_trend_months_select on hazard_trend_months for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy hazard_trend_month_deltas_select on hazard_trend_month_deltas for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
grant select on hazard_trend_months, hazard_trend_month_deltas, hazard_trend_month_rows to app_user;

-- The hazard_trend_months changes of a row version (its sign, day found and day closed, as
-- app.hazard_change gives them): ±sign found in the month of its day found, and closed in
-- the month of its day closed if it has one. One home for the triggers, the repair and the
-- drift check.
create function app.trend_month_changes(sign integer, found_on date, closed_on date) returns table (month date, found integer, closed integer)
  language sql immutable parallel safe
  as $$ select app.month_of(found_on), sign, 0
        union all
        select app.month_of(closed_on), 0, sign where closed_on is not null $$;
comment on function app.trend_month_changes(integer, date, date) is
  'The hazard_trend_months changes of a hazard row version written (sign 1) or replaced (sign −1).';

-- 0025's body and the trend months. The cell deltas stay last: their row count is what the
-- writer's fold decision counts (app.append_hazard_summary_deltas).
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
  insert into hazard_trend_month_deltas (town_code, sector, level, month, found, closed)
  select c.town_code, c.sector, c.level, m.month, sum(m.found), sum(m.closed)
  from unnest(changes) c cross join lateral app.trend_month_changes(c.sign, c.found_on, c.closed_on) m
  group by c.town_code, c.sector, c.level, m.month
  having sum(m.found) <> 0 or sum(m.closed) <> 0;
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
  -- Qualified: plpgsql's own variable FOUND would make a bare "found" ambiguous.
  with moved as (delete from hazard_trend_month_deltas returning *)
  insert into hazard_trend_months as f (town_code, sector, level, month, found, closed)
  select town_code, sector, level, month, sum(moved.found), sum(moved.closed)
  from moved
  group by town_code, sector, level, month
  on conflict on constraint hazard_trend_months_key do update set found = f.found + excluded.found, closed = f.closed + excluded.closed;
  delete from hazard_trend_months t where t.found = 0 and t.closed = 0;
  with moved as (delete from hazard_cell_deltas returning *)
  insert into hazard_cells as f (zoom, cell_x, cell_y, town_code, sector, level, status, deadline, hazards)
  select zoom, cell_x, cell_y, town_code, sector, level, status, deadline, sum(hazards)
  from moved
  group by zoom, cell_x, cell_y, town_code, sector, level, status, deadline
  on conflict on constraint hazard_cells_key do update set hazards = f.hazards + excluded.hazards;
  delete from hazard_cells where hazards = 0;
end $$;

-- Counted from the rows, apart so that this migration fills it without recounting the
-- other summaries (and the lateness, minutes at a million hazards).
create function app.rebuild_hazard_trend_months() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  lock table hazards in share mode;
  delete from hazard_trend_month_deltas;
  delete from hazard_trend_months;
  insert into hazard_trend_months (town_code, sector, level, month, found, closed)
  select k.town_code, k.sector, k.level, m.month, sum(m.found), sum(m.closed)
  from hazards h cross join lateral app.hazard_change(1, h) k cross join lateral app.trend_month_changes(k.sign, k.found_on, k.closed_on) m
  group by k.town_code, k.sector, k.level, m.month;
end $$;
comment on function app.rebuild_hazard_trend_months() is
  'Recounts hazard_trend_months from the rows (part of app.rebuild_hazard_summaries). The owner''s.';
revoke execute on function app.rebuild_hazard_trend_months() from public;

-- 0030's body and the trend months: the repair, the seed loader after COPY and the
-- time-zone trigger rebuild them too.
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
  perform app.rebuild_hazard_trend_months();
  perform app.rebuild_hazard_lateness();
  perform app.rebuild_supervision_summaries();
end $$;

select app.rebuild_hazard_trend_months();
