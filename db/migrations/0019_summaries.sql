-- Summaries of the hazard ledger, kept in the writing transaction (docs/metrics.md, "Where
-- the figures come from"). The figures per unit and the aggregated map tiles read these
-- instead of scanning every hazard, so their cost follows the number of towns and cells
-- shown, not the number of hazards.
--
-- Why deltas: a summary row counts many hazards, and every writer updating one counter row
-- would queue behind the others' row locks until they commit. The hazards triggers only
-- APPEND to *_deltas (inserts never wait for each other); readers add the folded table and
-- the deltas (the *_rows views), and app.fold_hazard_summaries() moves deltas into the
-- folded table now and then, one folder at a time.
--
-- What is kept: counts per town × sector × level × status × source × listing × 公示 and
-- the dates the figures need: the day found, the day closed and, while the hazard can still
-- become overdue (REPORTED, RECTIFYING), its deadline. Never an overdue flag: overdue
-- depends on app.today(), so readers apply hazard_is_overdue_on() to the kept deadline.
-- Days are in the deployment's calendar (app.date_at), the calendar of every period; a
-- change of app.deployment's time zone rebuilds them.

-- The deadline a summary keeps: only while the hazard can be overdue on some day (the rule
-- of hazard_is_overdue_on, asked for the last day there is), so that closed and awaiting
-- hazards of many deadlines share one row.
create function app.summary_deadline(status hazard_status, deadline date) returns date
  language sql immutable parallel safe
  as $$ select case when hazard_is_overdue_on(status, deadline, 'infinity') then deadline end $$;
comment on function app.summary_deadline(hazard_status, date) is
  'The deadline a hazard summary keeps: the deadline while hazard_is_overdue_on can hold on some day, else null.';

-- The aggregated tiles' grid (docs/tiles.md): a tile of zoom z has 64 × 64 cells in
-- EPSG:3857, so a cell of zoom z is 40075016.68557849 / 2^(z + 6) metres wide and the cells
-- of one zoom nest in fours in those of the zoom below. Cells are kept at the odd zooms
-- 1, 3, …, 11; a tile of zoom z reads zoom z | 1 and merges at most four cells into one.
-- Indexes count from the 3857 origin: cell_x = floor(x / size), cell_y = floor(y / size).
create function app.hazard_cells(x float8, y float8) returns table (zoom smallint, cell_x integer, cell_y integer)
  language sql immutable parallel safe
  as $$
    select z::smallint, floor(x / size)::integer, floor(y / size)::integer
    from generate_series(1, 11, 2) z, lateral (select 40075016.68557849 / 2 ^ (z + 6) as size) cell
  $$;
comment on function app.hazard_cells(float8, float8) is
  'The grid cells of an EPSG:3857 point at the zooms the hazard cell summaries keep (1, 3, …, 11; docs/tiles.md).';

create table hazard_figures (
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  status hazard_status not null,
  source hazard_source not null,
  listed_level supervision_level,
  published boolean not null,
  found_on date not null,
  deadline date,
  closed_on date,
  hazards integer not null,
  constraint hazard_figures_key unique nulls not distinct
    (town_code, sector, level, status, source, listed_level, published, found_on, deadline, closed_on)
);
comment on table hazard_figures is
  'Hazards counted per town, sector, level, status, source, listing, 公示, day found, deadline (app.summary_deadline) and day closed: the folded part of the summary; hazard_figure_rows adds the deltas.';
comment on column hazard_figures.hazards is 'How many hazards have exactly this key.';

create table hazard_figure_deltas (
  id bigint generated always as identity primary key,
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  status hazard_status not null,
  source hazard_source not null,
  listed_level supervision_level,
  published boolean not null,
  found_on date not null,
  deadline date,
  closed_on date,
  hazards integer not null
);
comment on table hazard_figure_deltas is
  'Changes to hazard_figures appended by the hazards triggers (+n for row versions written, −n for those replaced), until app.fold_hazard_summaries() folds them.';

create table hazard_cells (
  zoom smallint not null,
  cell_x integer not null,
  cell_y integer not null,
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  status hazard_status not null,
  source hazard_source not null,
  listed_level supervision_level,
  published boolean not null,
  deadline date,
  hazards integer not null,
  constraint hazard_cells_key unique nulls not distinct
    (zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline)
);
comment on table hazard_cells is
  'Hazards counted per grid cell of the aggregated tiles (app.hazard_cells) and the dimensions of hazard_figures but the days found and closed: the folded part; hazard_cell_rows adds the deltas.';

create table hazard_cell_deltas (
  id bigint generated always as identity primary key,
  zoom smallint not null,
  cell_x integer not null,
  cell_y integer not null,
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
comment on table hazard_cell_deltas is 'Changes to hazard_cells appended by the hazards triggers until folded.';

-- Scope first in every index: row-level security and the figures narrow by town, the tiles
-- by zoom and cell.
create index hazard_figures_town on hazard_figures (town_code collate "C", sector);
create index hazard_figure_deltas_town on hazard_figure_deltas (town_code collate "C", sector);
create index hazard_cells_cell on hazard_cells (zoom, cell_x, cell_y);
create index hazard_cell_deltas_cell on hazard_cell_deltas (zoom, cell_x, cell_y);

-- What readers read: the folded counts and the deltas not yet folded, as one relation.
-- security_invoker, so the tables' row-level security applies to the reader.
create view hazard_figure_rows with (security_invoker = true) as
  select town_code, sector, level, status, source, listed_level, published, found_on, deadline, closed_on, hazards
  from hazard_figures
  union all
  select town_code, sector, level, status, source, listed_level, published, found_on, deadline, closed_on, hazards
  from hazard_figure_deltas;
comment on view hazard_figure_rows is 'hazard_figures with its unfolded deltas: sum(hazards) per key is the number of hazards with that key.';

create view hazard_cell_rows with (security_invoker = true) as
  select zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline, hazards
  from hazard_cells
  union all
  select zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline, hazards
  from hazard_cell_deltas;
comment on view hazard_cell_rows is 'hazard_cells with its unfolded deltas.';

-- Row-level security as on the hazards themselves: a town official's and an inspector's
-- figures come from their own towns and sectors. An enterprise user's hazards are those of
-- its enterprise, which a summary does not know: it sees no summary, and the api counts its
-- rows instead.
alter table hazard_figures enable row level security;
alter table hazard_figure_deltas enable row level security;
alter table hazard_cells enable row level security;
alter table hazard_cell_deltas enable row level security;
create policy hazard_figures_select on hazard_figures for select to app_user using (app.can_read(town_code, sector));
create policy hazard_figure_deltas_select on hazard_figure_deltas for select to app_user using (app.can_read(town_code, sector));
create policy hazard_cells_select on hazard_cells for select to app_user using (app.can_read(town_code, sector));
create policy hazard_cell_deltas_select on hazard_cell_deltas for select to app_user using (app.can_read(town_code, sector));

-- Read only: only the triggers below (security definer) write the summaries.
grant select on hazard_figures, hazard_figure_deltas, hazard_cells, hazard_cell_deltas,
  hazard_figure_rows, hazard_cell_rows to app_user;

-- What a summary keeps of a hazard row version: one home for the key of both summaries,
-- used by the triggers and the rebuild. `sign` is +1 for a version written, −1 for one
-- replaced; x, y are the location in EPSG:3857 (transformed once, for app.hazard_cells).
create type app.hazard_change as (
  sign integer,
  town_code jurisdiction_code,
  sector sector,
  level hazard_level,
  status hazard_status,
  source hazard_source,
  listed_level supervision_level,
  published boolean,
  found_on date,
  deadline date,
  closed_on date,
  x float8,
  y float8
);
comment on type app.hazard_change is 'A hazard row version as the summaries count it (app.hazard_change()).';

create function app.hazard_change(sign integer, h hazards) returns app.hazard_change
  language sql stable parallel safe
  as $$
    select sign, h.town_code, h.sector, h.level, h.status, h.source, h.listed_level, h.published,
           app.date_at(h.found_at), app.summary_deadline(h.status, h.deadline), app.date_at(h.closed_at),
           st_x(p), st_y(p)
    from (select st_transform(h.location, 3857) as p) projected
  $$;
comment on function app.hazard_change(integer, hazards) is
  'The summaries'' key of a hazard row version: days in the deployment''s calendar, the deadline while it can pass, the location in EPSG:3857.';

-- Appends the deltas of a set of changes: one per key whose count changed. Static SQL, so
-- a session plans it once (a writer pays the execution, not the planning).
create function app.append_hazard_changes(changes app.hazard_change[]) returns bigint
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
declare
  appended bigint;
begin
  insert into hazard_figure_deltas (town_code, sector, level, status, source, listed_level, published, found_on, deadline, closed_on, hazards)
  select c.town_code, c.sector, c.level, c.status, c.source, c.listed_level, c.published, c.found_on, c.deadline, c.closed_on, sum(c.sign)
  from unnest(changes) c
  group by c.town_code, c.sector, c.level, c.status, c.source, c.listed_level, c.published, c.found_on, c.deadline, c.closed_on
  having sum(c.sign) <> 0;
  insert into hazard_cell_deltas (zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline, hazards)
  select g.zoom, g.cell_x, g.cell_y, c.town_code, c.sector, c.level, c.status, c.source, c.listed_level, c.published, c.deadline, sum(c.sign)
  from unnest(changes) c cross join lateral app.hazard_cells(c.x, c.y) g
  group by g.zoom, g.cell_x, g.cell_y, c.town_code, c.sector, c.level, c.status, c.source, c.listed_level, c.published, c.deadline
  having sum(c.sign) <> 0;
  get diagnostics appended = row_count;
  return appended;
end $$;
comment on function app.append_hazard_changes(app.hazard_change[]) is
  'Appends summary deltas for a set of hazard changes; returns how many cell deltas it appended.';
revoke execute on function app.append_hazard_changes(app.hazard_change[]) from public;

-- One statement-level trigger per event, with transition tables: a statement writing many
-- hazards (an import, COPY) appends one delta per key it changed, not one per row, and an
-- update that changes no key (the five in place, a note) appends nothing.
create function app.append_hazard_summary_deltas() returns trigger
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
declare
  changes app.hazard_change[] := '{}';
  appended bigint;
  last_id bigint;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    changes := array(select app.hazard_change(1, n) from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    changes := changes || array(select app.hazard_change(-1, o) from old_rows o);
  end if;
  appended := app.append_hazard_changes(changes);
  -- Folded by the writer whose cell deltas cross a multiple of 8192 ids, not by readers (a
  -- tile stays one statement); a writer that finds another one folding goes on.
  if appended > 0 then
    last_id := currval(pg_get_serial_sequence('hazard_cell_deltas', 'id'));
    if last_id / 8192 <> (last_id - appended) / 8192 then
      perform app.fold_hazard_summaries();
    end if;
  end if;
  return null;
end $$;
comment on function app.append_hazard_summary_deltas() is
  'Appends the summary deltas of the hazards a statement inserted, updated or deleted (never updates a counter row: no hot rows).';

create trigger hazards_summary_insert after insert on hazards
  referencing new table as new_rows for each statement execute function app.append_hazard_summary_deltas();
create trigger hazards_summary_update after update on hazards
  referencing old table as old_rows new table as new_rows for each statement execute function app.append_hazard_summary_deltas();
create trigger hazards_summary_delete after delete on hazards
  referencing old table as old_rows for each statement execute function app.append_hazard_summary_deltas();
-- Also under session_replication_role = replica (bulk loads and fixtures that write back-dated
-- history hold the other triggers back): a summary that a load could bypass would not be exact.
alter table hazards enable always trigger hazards_summary_insert;
alter table hazards enable always trigger hazards_summary_update;
alter table hazards enable always trigger hazards_summary_delete;

-- Moves the deltas into the folded tables. One folder at a time (the others skip: the next
-- one folds what is left); writers never wait for it, they only insert. Readers see the
-- deltas before the fold or the folded counts after it, never both, as the fold is one
-- transaction. Keys whose count reached 0 are dropped (found by a partial index).
create function app.fold_hazard_summaries() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  if not pg_try_advisory_xact_lock(hashtext('app.fold_hazard_summaries')) then
    return;
  end if;
  with moved as (delete from hazard_figure_deltas returning *)
  insert into hazard_figures as f (town_code, sector, level, status, source, listed_level, published, found_on, deadline, closed_on, hazards)
  select town_code, sector, level, status, source, listed_level, published, found_on, deadline, closed_on, sum(hazards)
  from moved
  group by town_code, sector, level, status, source, listed_level, published, found_on, deadline, closed_on
  on conflict on constraint hazard_figures_key do update set hazards = f.hazards + excluded.hazards;
  delete from hazard_figures where hazards = 0;
  with moved as (delete from hazard_cell_deltas returning *)
  insert into hazard_cells as f (zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline, hazards)
  select zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline, sum(hazards)
  from moved
  group by zoom, cell_x, cell_y, town_code, sector, level, status, source, listed_level, published, deadline
  on conflict on constraint hazard_cells_key do update set hazards = f.hazards + excluded.hazards;
  delete from hazard_cells where hazards = 0;
end $$;
comment on function app.fold_hazard_summaries() is
  'Folds the summary deltas into hazard_figures and hazard_cells; skips when another transaction is folding.';
grant execute on function app.fold_hazard_summaries() to app_user;

create index hazard_figures_empty on hazard_figures (hazards) where hazards = 0;
create index hazard_cells_empty on hazard_cells (hazards) where hazards = 0;

-- The repair: the summaries recounted from the rows. Writers wait (share lock on hazards)
-- so no delta falls between the count and the swap; readers do not.
create function app.rebuild_hazard_summaries() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
declare
  first_id bigint;
  last_id bigint;
begin
  lock table hazards in share mode;
  delete from hazard_figure_deltas;
  delete from hazard_cell_deltas;
  delete from hazard_figures;
  delete from hazard_cells;
  select min(id), max(id) into first_id, last_id from hazards;
  -- In slices of ids, so no array holds a million hazards; folded after each.
  for part in 0 .. coalesce((last_id - first_id) / 50000, -1) loop
    perform app.append_hazard_changes(array(
      select app.hazard_change(1, h) from hazards h
      where h.id >= first_id + part * 50000 and h.id < first_id + (part + 1) * 50000));
    perform app.fold_hazard_summaries();
  end loop;
end $$;
comment on function app.rebuild_hazard_summaries() is
  'Rebuilds the hazard summaries from the rows (npm run summaries:repair -w @risk/db). The owner''s; not granted to app_user.';
revoke execute on function app.rebuild_hazard_summaries() from public;

create function app.rebuild_hazard_summaries_trigger() returns trigger
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  perform app.rebuild_hazard_summaries();
  return null;
end $$;
comment on function app.rebuild_hazard_summaries_trigger() is
  'Recounts the hazard summaries after a truncate of hazards or a change of the deployment''s time zone (the days they keep).';

create trigger hazards_summary_truncate after truncate on hazards
  for each statement execute function app.rebuild_hazard_summaries_trigger();
alter table hazards enable always trigger hazards_summary_truncate;
create trigger deployment_time_zone_rebuilds_summaries after update of time_zone on app.deployment
  for each statement execute function app.rebuild_hazard_summaries_trigger();

-- Hazards that exist already.
select app.rebuild_hazard_summaries();
