-- Summaries of the supervision records besides the hazards (issue 14): the enterprises, the
-- inspections and the accidents. jurisdictionStats counted the enterprises not closed per
-- town by risk colour, the inspections of the period and the accidents of the period and of
-- the year before from the rows on every request: 100,000 enterprises, ~423,000 inspections
-- and ~19,000 accidents at a million hazards, ten times that in a province, each row paying
-- the rows' row-level security. These summaries make the cost follow towns × sectors × months:
--
-- * enterprise_counts: enterprises per town × sector × risk colour × status (what holds now);
-- * inspection_months: inspections per town × sector × month of inspected_on;
-- * accident_months: accidents, deaths, serious injuries and direct loss per town × sector ×
--   month of occurred_at (months of the deployment's calendar, as hazard_months').
-- A period sums the months it touches and takes out, from the rows (inspections_date_idx,
-- accidents_occurred_idx), the records of those months that fall before its first day or
-- after its last: none for a period of whole months, few or none for one ending today.
--
-- Kept as the hazard summaries are (0019, 0025): statement triggers append deltas (never
-- update a counter row, so concurrent writers never queue on a hot row), readers read the
-- *_rows views (folded + deltas), a writer folds now and then. The sector is in every key
-- for row-level security only: an inspector reads the records of their sectors.

create table enterprise_counts (
  town_code jurisdiction_code not null,
  sector sector not null,
  risk_level risk_level not null,
  status text not null,
  enterprises integer not null,
  constraint enterprise_counts_key unique (town_code, sector, risk_level, status)
);
comment on table enterprise_counts is
  'Enterprises counted per town, sector, risk colour and status: the folded part of the summary; enterprise_count_rows adds the deltas.';
comment on column enterprise_counts.enterprises is 'How many enterprises have exactly this key.';

create table enterprise_count_deltas (
  id bigint generated always as identity primary key,
  town_code jurisdiction_code not null,
  sector sector not null,
  risk_level risk_level not null,
  status text not null,
  enterprises integer not null
);
comment on table enterprise_count_deltas is
  'Changes to enterprise_counts appended by the enterprises triggers (+n for row versions written, −n for those replaced), until app.fold_supervision_summaries() folds them.';

create table inspection_months (
  town_code jurisdiction_code not null,
  sector sector not null,
  month date not null,
  inspections integer not null,
  constraint inspection_months_key unique (town_code, sector, month)
);
comment on table inspection_months is
  'Inspections counted per town, sector and month of inspected_on (its first day, app.month_of): the folded part of the summary; inspection_month_rows adds the deltas.';
comment on column inspection_months.inspections is 'How many inspections have exactly this key.';

create table inspection_month_deltas (
  id bigint generated always as identity primary key,
  town_code jurisdiction_code not null,
  sector sector not null,
  month date not null,
  inspections integer not null
);
comment on table inspection_month_deltas is 'Changes to inspection_months appended by the inspections triggers until folded.';

create table accident_months (
  town_code jurisdiction_code not null,
  sector sector not null,
  month date not null,
  accidents integer not null,
  deaths integer not null,
  serious_injuries integer not null,
  direct_loss_yuan numeric not null,
  constraint accident_months_key unique (town_code, sector, month)
);
comment on table accident_months is
  'Accidents, and the sums of their deaths, serious injuries and direct loss, per town, sector and month of occurred_at (app.month_of(app.date_at(occurred_at))): the folded part of the summary; accident_month_rows adds the deltas.';
comment on column accident_months.accidents is 'How many accidents have exactly this key.';

create table accident_month_deltas (
  id bigint generated always as identity primary key,
  town_code jurisdiction_code not null,
  sector sector not null,
  month date not null,
  accidents integer not null,
  deaths integer not null,
  serious_injuries integer not null,
  direct_loss_yuan numeric not null
);
comment on table accident_month_deltas is 'Changes to accident_months appended by the accidents triggers until folded.';

-- Scope first, as on the hazard summaries: row-level security narrows by town.
create index enterprise_counts_town on enterprise_counts (town_code collate "C", sector);
create index enterprise_count_deltas_town on enterprise_count_deltas (town_code collate "C", sector);
create index inspection_months_town on inspection_months (town_code collate "C", sector);
create index inspection_month_deltas_town on inspection_month_deltas (town_code collate "C", sector);
create index accident_months_town on accident_months (town_code collate "C", sector);
create index accident_month_deltas_town on accident_month_deltas (town_code collate "C", sector);
create index enterprise_counts_empty on enterprise_counts (enterprises) where enterprises = 0;
create index inspection_months_empty on inspection_months (inspections) where inspections = 0;
create index accident_months_empty on accident_months (accidents) where accidents = 0;

create view enterprise_count_rows with (security_invoker = true) as
  select town_code, sector, risk_level, status, enterprises from enterprise_counts
  union all
  select town_code, sector, risk_level, status, enterprises from enterprise_count_deltas;
comment on view enterprise_count_rows is 'enterprise_counts with its unfolded deltas: sum(enterprises) per key is the number of enterprises with that key.';

create view inspection_month_rows with (security_invoker = true) as
  select town_code, sector, month, inspections from inspection_months
  union all
  select town_code, sector, month, inspections from inspection_month_deltas;
comment on view inspection_month_rows is 'inspection_months with its unfolded deltas: sum(inspections) per key is the number of inspections with that key.';

create view accident_month_rows with (security_invoker = true) as
  select town_code, sector, month, accidents, deaths, serious_injuries, direct_loss_yuan from accident_months
  union all
  select town_code, sector, month, accidents, deaths, serious_injuries, direct_loss_yuan from accident_month_deltas;
comment on view accident_month_rows is 'accident_months with its unfolded deltas: the sums per key are the figures of the accidents with that key.';

-- The rows' row-level security (0004) is app.can_read(town_code, sector), or for an
-- enterprise user its own enterprise and the inspections and accidents of that enterprise,
-- which no summary knows: the summaries take the first part with the hazard summaries'
-- policy (0025, the scope as values) and show an enterprise user nothing; the api counts its
-- rows instead.
alter table enterprise_counts enable row level security;
alter table enterprise_count_deltas enable row level security;
alter table inspection_months enable row level security;
alter table inspection_month_deltas enable row level security;
alter table accident_months enable row level security;
alter table accident_month_deltas enable row level security;
create policy enterprise_counts_select on enterprise_counts for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy enterprise_count_deltas_select on enterprise_count_deltas for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy inspection_months_select on inspection_months for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy inspection_month_deltas_select on inspection_month_deltas for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy accident_months_select on accident_months for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy accident_month_deltas_select on accident_month_deltas for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
-- Read only: only the triggers below (security definer) write them.
grant select on enterprise_counts, enterprise_count_deltas, inspection_months, inspection_month_deltas,
  accident_months, accident_month_deltas, enterprise_count_rows, inspection_month_rows, accident_month_rows to app_user;

-- The month of an accident: the key of accident_months.
create function app.accident_month(occurred_at timestamptz) returns date
  language sql stable
  as $$ select app.month_of(app.date_at(occurred_at)) $$;
comment on function app.accident_month(timestamptz) is
  'The first day of the month of the deployment''s calendar an accident occurred in (the months accident_months keys by).';

-- Moves the deltas of the three summaries into their folded tables, as
-- app.fold_hazard_summaries does the hazards': one folder at a time, the others skip; keys
-- whose count reached 0 are dropped (an accident key's sums are then 0 too).
create function app.fold_supervision_summaries() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  if not pg_try_advisory_xact_lock(hashtext('app.fold_supervision_summaries')) then
    return;
  end if;
  with moved as (delete from enterprise_count_deltas returning *)
  insert into enterprise_counts as f (town_code, sector, risk_level, status, enterprises)
  select town_code, sector, risk_level, status, sum(enterprises)
  from moved
  group by town_code, sector, risk_level, status
  on conflict on constraint enterprise_counts_key do update set enterprises = f.enterprises + excluded.enterprises;
  delete from enterprise_counts where enterprises = 0;
  with moved as (delete from inspection_month_deltas returning *)
  insert into inspection_months as f (town_code, sector, month, inspections)
  select town_code, sector, month, sum(inspections)
  from moved
  group by town_code, sector, month
  on conflict on constraint inspection_months_key do update set inspections = f.inspections + excluded.inspections;
  delete from inspection_months where inspections = 0;
  with moved as (delete from accident_month_deltas returning *)
  insert into accident_months as f (town_code, sector, month, accidents, deaths, serious_injuries, direct_loss_yuan)
  select town_code, sector, month, sum(accidents), sum(deaths), sum(serious_injuries), sum(direct_loss_yuan)
  from moved
  group by town_code, sector, month
  on conflict on constraint accident_months_key do update
    set accidents = f.accidents + excluded.accidents, deaths = f.deaths + excluded.deaths,
        serious_injuries = f.serious_injuries + excluded.serious_injuries, direct_loss_yuan = f.direct_loss_yuan + excluded.direct_loss_yuan;
  delete from accident_months where accidents = 0;
end $$;
comment on function app.fold_supervision_summaries() is
  'Folds the deltas of enterprise_counts, inspection_months and accident_months; skips when another transaction is folding.';
grant execute on function app.fold_supervision_summaries() to app_user;

-- Folded by the writer whose deltas cross a multiple of 1,024 ids of their table (a write of
-- one record appends one or two): readers then read at most about that many deltas.
create function app.fold_supervision_summaries_after(deltas regclass, appended bigint) returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
declare
  last_id bigint;
begin
  if appended > 0 then
    last_id := currval(pg_get_serial_sequence(deltas::text, 'id'));
    if last_id / 1024 <> (last_id - appended) / 1024 then
      perform app.fold_supervision_summaries();
    end if;
  end if;
end $$;
comment on function app.fold_supervision_summaries_after(regclass, bigint) is
  'Folds the supervision summaries when the deltas a writer just appended to one of their tables crossed a multiple of 1,024 ids.';
revoke execute on function app.fold_supervision_summaries_after(regclass, bigint) from public;

-- One statement-level trigger per event and table, with transition tables, as the hazards'
-- (0019): a statement appends one delta per key it changed, and an update that changes no
-- key nor figure (an address, a contact, a description) appends nothing.
create function app.append_enterprise_summary_deltas() returns trigger
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
declare
  written enterprises[] := '{}';
  replaced enterprises[] := '{}';
  appended bigint;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    written := array(select n from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    replaced := array(select o from old_rows o);
  end if;
  insert into enterprise_count_deltas (town_code, sector, risk_level, status, enterprises)
  select c.town_code, c.sector, c.risk_level, c.status, sum(c.sign)
  from (select 1 as sign, w.town_code, w.sector, w.risk_level, w.status from unnest(written) w
        union all
        select -1, r.town_code, r.sector, r.risk_level, r.status from unnest(replaced) r) c
  group by c.town_code, c.sector, c.risk_level, c.status
  having sum(c.sign) <> 0;
  get diagnostics appended = row_count;
  perform app.fold_supervision_summaries_after('enterprise_count_deltas', appended);
  return null;
end $$;
comment on function app.append_enterprise_summary_deltas() is
  'Appends the enterprise_counts deltas of the enterprises a statement inserted, updated or deleted (never updates a counter row).';

create function app.append_inspection_summary_deltas() returns trigger
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
declare
  written inspections[] := '{}';
  replaced inspections[] := '{}';
  appended bigint;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    written := array(select n from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    replaced := array(select o from old_rows o);
  end if;
  insert into inspection_month_deltas (town_code, sector, month, inspections)
  select c.town_code, c.sector, c.month, sum(c.sign)
  from (select 1 as sign, w.town_code, w.sector, app.month_of(w.inspected_on) as month from unnest(written) w
        union all
        select -1, r.town_code, r.sector, app.month_of(r.inspected_on) from unnest(replaced) r) c
  group by c.town_code, c.sector, c.month
  having sum(c.sign) <> 0;
  get diagnostics appended = row_count;
  perform app.fold_supervision_summaries_after('inspection_month_deltas', appended);
  return null;
end $$;
comment on function app.append_inspection_summary_deltas() is
  'Appends the inspection_months deltas of the inspections a statement inserted, updated or deleted (never updates a counter row).';

create function app.append_accident_summary_deltas() returns trigger
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
declare
  written accidents[] := '{}';
  replaced accidents[] := '{}';
  appended bigint;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    written := array(select n from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    replaced := array(select o from old_rows o);
  end if;
  insert into accident_month_deltas (town_code, sector, month, accidents, deaths, serious_injuries, direct_loss_yuan)
  select c.town_code, c.sector, c.month, sum(c.sign), sum(c.sign * c.deaths), sum(c.sign * c.serious_injuries), sum(c.sign * c.direct_loss_yuan)
  from (select 1 as sign, w.town_code, w.sector, app.accident_month(w.occurred_at) as month, w.deaths, w.serious_injuries, w.direct_loss_yuan
        from unnest(written) w
        union all
        select -1, r.town_code, r.sector, app.accident_month(r.occurred_at), r.deaths, r.serious_injuries, r.direct_loss_yuan
        from unnest(replaced) r) c
  group by c.town_code, c.sector, c.month
  having sum(c.sign) <> 0 or sum(c.sign * c.deaths) <> 0 or sum(c.sign * c.serious_injuries) <> 0 or sum(c.sign * c.direct_loss_yuan) <> 0;
  get diagnostics appended = row_count;
  perform app.fold_supervision_summaries_after('accident_month_deltas', appended);
  return null;
end $$;
comment on function app.append_accident_summary_deltas() is
  'Appends the accident_months deltas of the accidents a statement inserted, updated or deleted (never updates a counter row).';

create trigger enterprises_summary_insert after insert on enterprises
  referencing new table as new_rows for each statement execute function app.append_enterprise_summary_deltas();
create trigger enterprises_summary_update after update on enterprises
  referencing old table as old_rows new table as new_rows for each statement execute function app.append_enterprise_summary_deltas();
create trigger enterprises_summary_delete after delete on enterprises
  referencing old table as old_rows for each statement execute function app.append_enterprise_summary_deltas();
create trigger inspections_summary_insert after insert on inspections
  referencing new table as new_rows for each statement execute function app.append_inspection_summary_deltas();
create trigger inspections_summary_update after update on inspections
  referencing old table as old_rows new table as new_rows for each statement execute function app.append_inspection_summary_deltas();
create trigger inspections_summary_delete after delete on inspections
  referencing old table as old_rows for each statement execute function app.append_inspection_summary_deltas();
create trigger accidents_summary_insert after insert on accidents
  referencing new table as new_rows for each statement execute function app.append_accident_summary_deltas();
create trigger accidents_summary_update after update on accidents
  referencing old table as old_rows new table as new_rows for each statement execute function app.append_accident_summary_deltas();
create trigger accidents_summary_delete after delete on accidents
  referencing old table as old_rows for each statement execute function app.append_accident_summary_deltas();
-- Also under session_replication_role = replica, as the hazards' (0019): a summary that a
-- load or an owner's fix could bypass would not be exact.
alter table enterprises enable always trigger enterprises_summary_insert;
alter table enterprises enable always trigger enterprises_summary_update;
alter table enterprises enable always trigger enterprises_summary_delete;
alter table inspections enable always trigger inspections_summary_insert;
alter table inspections enable always trigger inspections_summary_update;
alter table inspections enable always trigger inspections_summary_delete;
alter table accidents enable always trigger accidents_summary_insert;
alter table accidents enable always trigger accidents_summary_update;
alter table accidents enable always trigger accidents_summary_delete;

-- The repair: the three summaries counted from the rows straight into the folded tables, as
-- 0025's hazard repair. Writers of these tables wait; readers do not.
create function app.rebuild_supervision_summaries() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  lock table enterprises, inspections, accidents in share mode;
  delete from enterprise_count_deltas;
  delete from inspection_month_deltas;
  delete from accident_month_deltas;
  delete from enterprise_counts;
  delete from inspection_months;
  delete from accident_months;
  insert into enterprise_counts (town_code, sector, risk_level, status, enterprises)
  select town_code, sector, risk_level, status, count(*)
  from enterprises
  group by town_code, sector, risk_level, status;
  insert into inspection_months (town_code, sector, month, inspections)
  select town_code, sector, app.month_of(inspected_on), count(*)
  from inspections
  group by town_code, sector, app.month_of(inspected_on);
  insert into accident_months (town_code, sector, month, accidents, deaths, serious_injuries, direct_loss_yuan)
  select town_code, sector, app.accident_month(occurred_at), count(*), sum(deaths), sum(serious_injuries), sum(direct_loss_yuan)
  from accidents
  group by town_code, sector, app.accident_month(occurred_at);
end $$;
comment on function app.rebuild_supervision_summaries() is
  'Rebuilds enterprise_counts, inspection_months and accident_months from the rows (part of app.rebuild_hazard_summaries). The owner''s.';
revoke execute on function app.rebuild_supervision_summaries() from public;

create function app.rebuild_supervision_summaries_trigger() returns trigger
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  perform app.rebuild_supervision_summaries();
  return null;
end $$;
comment on function app.rebuild_supervision_summaries_trigger() is
  'Recounts the supervision summaries after a truncate of enterprises, inspections or accidents.';

create trigger enterprises_summary_truncate after truncate on enterprises
  for each statement execute function app.rebuild_supervision_summaries_trigger();
create trigger inspections_summary_truncate after truncate on inspections
  for each statement execute function app.rebuild_supervision_summaries_trigger();
create trigger accidents_summary_truncate after truncate on accidents
  for each statement execute function app.rebuild_supervision_summaries_trigger();
alter table enterprises enable always trigger enterprises_summary_truncate;
alter table inspections enable always trigger inspections_summary_truncate;
alter table accidents enable always trigger accidents_summary_truncate;

-- 0026's body, and these summaries: the repair (summaries:repair), the seed loader (which
-- switches every summary trigger off during its COPY and calls this once at the end) and a
-- change of the deployment's time zone (the months of the accidents) rebuild them too.
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
  perform app.rebuild_hazard_lateness();
  perform app.rebuild_supervision_summaries();
end $$;

-- The records that exist already.
select app.rebuild_supervision_summaries();
