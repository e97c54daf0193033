-- Lateness figures from a table kept in the writing transaction (issue 14). everOverdue,
-- rectifiedLate and the trend's overdue were computed from hazard_stretches at each query:
-- window functions over the whole history (4.3 million rows at a million hazards), 13–15 s.
-- 0013 chose not to keep a second copy because it would have to stay exact under every
-- writer, back-dated history included, and because "ever overdue" moves with the clock.
-- Both are met here: the copy is recomputed, per hazard written, from hazard_stretches
-- itself (still the definition) by statement triggers on the hazards and on their history,
-- and it keeps moments, not flags: a stretch's overdue part begins at a fixed moment (the
-- later of its start and the first moment after its deadline), possibly in the future, and
-- readers compare it with the moments they ask about, now() included.
--
-- One row per stretch of a hazard's life (hazard_stretches) that was overdue at some moment,
-- or may still become so, or that begins with a late closing:
-- * overdue_from, overdue_until: the part of the stretch during which it is overdue
--   (overdue at moment t ⟺ overdue_from <= t and (overdue_until is null or t < overdue_until));
--   overdue_until null: the stretch still runs;
-- * closed_late_at: the moment of a late closing (hazard_stretches.closed_late).
-- With the hazard's current town, sector and level, so the figures filter and are scoped on
-- the table's own columns (the months summary's dimensions).

create table hazard_lateness_spans (
  hazard_id bigint not null,
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  overdue_from timestamptz,
  overdue_until timestamptz,
  closed_late_at timestamptz,
  check (overdue_from is not null or closed_late_at is not null),
  check (overdue_from <= overdue_until)
);
comment on table hazard_lateness_spans is
  'Per hazard, the overdue parts of its stretches and its late closings (hazard_stretches), kept exact by the hazards and hazard_history triggers (docs/metrics.md).';
comment on column hazard_lateness_spans.overdue_from is
  'The first moment of the stretch at which it is overdue (may lie in the future for the current stretch); null: the row is a late closing only.';
comment on column hazard_lateness_spans.overdue_until is 'The end of the stretch; null while it runs (readers take now()).';
comment on column hazard_lateness_spans.closed_late_at is 'The moment of a closing whose rectification was submitted after the deadline in force (超期整改).';

-- The rows of hazard_lateness_spans, computed from the history: the one place they are
-- derived. Overdue on a day (hazard_is_overdue_on) is "deadline < day and a capable status",
-- so a stretch whose status can be overdue is overdue from the first moment of the day after
-- its deadline (app.day_start(deadline + 1)), or from its start if that is later; a stretch
-- that ended before that moment never was.
create view hazard_lateness_spans_from_history with (security_invoker = true) as
select p.hazard_id, h.town_code, h.sector, h.level, p.overdue_from,
       case when p.overdue_from is not null then p.ended_at end as overdue_until, p.closed_late_at
from (
  select s.hazard_id, s.ended_at,
         case when coalesce(hazard_is_overdue_on(s.status, s.deadline, 'infinity'), false)
                   and (s.ended_at is null or greatest(s.started_at, app.day_start(s.deadline + 1)) <= s.ended_at)
              then greatest(s.started_at, app.day_start(s.deadline + 1)) end as overdue_from,
         case when s.closed_late then s.started_at end as closed_late_at
  from hazard_stretches s
) p
join hazards h on h.id = p.hazard_id
where p.overdue_from is not null or p.closed_late_at is not null;
comment on view hazard_lateness_spans_from_history is
  'hazard_lateness_spans recomputed from hazard_stretches: the triggers'' and the repair''s source, and an enterprise user''s lateness rows (under the history''s row-level security).';

-- The refresh deletes a hazard's rows by hazard_id; the readers narrow by scope first, as on
-- the summaries.
create index hazard_lateness_spans_hazard on hazard_lateness_spans (hazard_id);
create index hazard_lateness_spans_town on hazard_lateness_spans (town_code collate "C", sector);

alter table hazard_lateness_spans enable row level security;
create policy hazard_lateness_spans_select on hazard_lateness_spans for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
-- An enterprise user reads its hazards' rows from the history (the view, under the history's
-- row-level security): the table, like the summaries, shows it none.
grant select on hazard_lateness_spans, hazard_lateness_spans_from_history to app_user;

-- The trend's overdue at the end of whole months, without reading the rows: overdue at a
-- moment t is #{overdue_from <= t} − #{overdue_until <= t} (a part that ended by t began by
-- it), so counting, per town, sector and level, the parts that began and ended by each month's
-- first moment answers every month end by sums. Each is counted under the first month whose
-- first moment is not before it (app.lateness_month). Kept as the summaries are (0019):
-- deltas appended by the refresh, folded now and then; readers read both.
create function app.lateness_month(moment timestamptz) returns date
  language sql stable
  as $$ select case when app.day_start(m) = moment then m else (m + interval '1 month')::date end
        from (select app.month_of(app.date_at(moment)) as m) first_day $$;
comment on function app.lateness_month(timestamptz) is
  'The first month (its first day) whose first moment in the deployment''s calendar is not before the moment: the month a lateness part''s beginning or end is counted under.';

create table hazard_lateness_months (
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  month date not null,
  began integer not null,
  ended integer not null,
  constraint hazard_lateness_months_key unique (town_code, sector, level, month)
);
comment on table hazard_lateness_months is
  'Overdue parts (hazard_lateness_spans) per town, sector, level and month: how many began (overdue_from) and ended (overdue_until) by the month''s first moment and after the previous one''s; the folded part, hazard_lateness_month_rows adds the deltas.';

create table hazard_lateness_month_deltas (
  id bigint generated always as identity primary key,
  town_code jurisdiction_code not null,
  sector sector not null,
  level hazard_level not null,
  month date not null,
  began integer not null,
  ended integer not null
);
comment on table hazard_lateness_month_deltas is 'Changes to hazard_lateness_months appended by app.refresh_hazard_lateness until folded.';

create index hazard_lateness_months_town on hazard_lateness_months (town_code collate "C", sector);
create index hazard_lateness_month_deltas_town on hazard_lateness_month_deltas (town_code collate "C", sector);
create index hazard_lateness_months_empty on hazard_lateness_months (month) where began = 0 and ended = 0;
-- The current month's part of the trend reads the rows that began or ended in it.
create index hazard_lateness_spans_from on hazard_lateness_spans (overdue_from) where overdue_from is not null;
create index hazard_lateness_spans_until on hazard_lateness_spans (overdue_until) where overdue_until is not null;

create view hazard_lateness_month_rows with (security_invoker = true) as
  select town_code, sector, level, month, began, ended from hazard_lateness_months
  union all
  select town_code, sector, level, month, began, ended from hazard_lateness_month_deltas;
comment on view hazard_lateness_month_rows is 'hazard_lateness_months with its unfolded deltas: sums per key are the counts.';

alter table hazard_lateness_months enable row level security;
alter table hazard_lateness_month_deltas enable row level security;
create policy hazard_lateness_months_select on hazard_lateness_months for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
create policy hazard_lateness_month_deltas_select on hazard_lateness_month_deltas for select to app_user
  using (app.can_read_between(town_code, sector, (select app.read_from()), (select app.read_to()), (select app.read_sectors())));
grant select on hazard_lateness_months, hazard_lateness_month_deltas, hazard_lateness_month_rows to app_user;

-- The month keys of some overdue parts: +sign under the month of each beginning and of each end.
create function app.lateness_month_changes(sign integer, overdue_from timestamptz, overdue_until timestamptz)
  returns table (month date, began integer, ended integer)
  language sql stable
  as $$ select app.lateness_month(overdue_from), sign, 0 where overdue_from is not null
        union all
        select app.lateness_month(overdue_until), 0, sign where overdue_until is not null $$;
comment on function app.lateness_month_changes(integer, timestamptz, timestamptz) is
  'The hazard_lateness_months changes of an overdue part written (sign 1) or removed (sign −1).';

create function app.fold_hazard_lateness_months() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  if not pg_try_advisory_xact_lock(hashtext('app.fold_hazard_lateness_months')) then
    return;
  end if;
  with moved as (delete from hazard_lateness_month_deltas returning *)
  insert into hazard_lateness_months as f (town_code, sector, level, month, began, ended)
  select town_code, sector, level, month, sum(began), sum(ended)
  from moved
  group by town_code, sector, level, month
  on conflict on constraint hazard_lateness_months_key do update set began = f.began + excluded.began, ended = f.ended + excluded.ended;
  delete from hazard_lateness_months where began = 0 and ended = 0;
end $$;
comment on function app.fold_hazard_lateness_months() is
  'Folds the lateness month deltas; skips when another transaction is folding.';
revoke execute on function app.fold_hazard_lateness_months() from public;

-- Recomputes the rows of some hazards from their history. The filter on hazard_id reaches
-- the window subqueries of hazard_stretches (it is their partition key), so a hazard's
-- refresh reads only its own history on hazard_history_hazard_idx. The hazards' rows are
-- locked first: two transactions refreshing one hazard (a history row written beside an
-- update of the hazard) would otherwise each delete what they see and both insert; the
-- second now waits, and its statements then see the first's rows.
create function app.refresh_hazard_lateness(ids bigint[]) returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
declare
  appended bigint;
  last_id bigint;
begin
  perform 1 from hazards where id = any(ids) order by id for no key update;
  with gone as (
    delete from hazard_lateness_spans where hazard_id = any(ids)
    returning town_code, sector, level, overdue_from, overdue_until
  ), came as (
    insert into hazard_lateness_spans (hazard_id, town_code, sector, level, overdue_from, overdue_until, closed_late_at)
    select hazard_id, town_code, sector, level, overdue_from, overdue_until, closed_late_at
    from hazard_lateness_spans_from_history where hazard_id = any(ids)
    returning town_code, sector, level, overdue_from, overdue_until
  ), changed as (
    select -1 as sign, * from gone union all select 1, * from came
  )
  insert into hazard_lateness_month_deltas (town_code, sector, level, month, began, ended)
  select c.town_code, c.sector, c.level, m.month, sum(m.began), sum(m.ended)
  from changed c cross join lateral app.lateness_month_changes(c.sign, c.overdue_from, c.overdue_until) m
  group by c.town_code, c.sector, c.level, m.month
  having sum(m.began) <> 0 or sum(m.ended) <> 0;
  -- Folded by the writer whose deltas cross a multiple of 8192 ids, as the summaries are.
  get diagnostics appended = row_count;
  if appended > 0 then
    last_id := currval(pg_get_serial_sequence('hazard_lateness_month_deltas', 'id'));
    if last_id / 8192 <> (last_id - appended) / 8192 then
      perform app.fold_hazard_lateness_months();
    end if;
  end if;
end $$;
comment on function app.refresh_hazard_lateness(bigint[]) is
  'Recomputes hazard_lateness_spans for the given hazards from their history, and appends the changes of hazard_lateness_months (the triggers'' work).';
revoke execute on function app.refresh_hazard_lateness(bigint[]) from public;

-- What a stretch depends on: the hazard's history rows, and for the current stretch (and
-- the row's scope columns) the hazard's status, deadline, town, sector and level. An update
-- that changes none of them nor 公示 (whose change app.record_hazard_history records, a new
-- history row) refreshes nothing (the five in place, a note).
--
-- While a statement inserts or updates hazards, the history rows app.record_hazard_history
-- writes for them (one statement per row) are not refreshed one by one: the statement's own
-- trigger refreshes those hazards once, all together (an import of 2,000 rows took 15 s
-- instead of 1.7 s with a refresh per row). app.lateness_deferred marks that time.
create function app.defer_hazard_lateness() returns trigger
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  perform set_config('app.lateness_deferred', 'on', true);
  return null;
end $$;
comment on function app.defer_hazard_lateness() is
  'Marks a statement on hazards as running: the history its rows write is refreshed by its own trigger, once.';

create function app.refresh_hazard_lateness_of_hazards() returns trigger
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  perform set_config('app.lateness_deferred', '', true);
  if tg_op = 'INSERT' then
    perform app.refresh_hazard_lateness(array(select n.id from new_rows n));
  elsif tg_op = 'DELETE' then
    perform app.refresh_hazard_lateness(array(select o.id from old_rows o));
  else
    perform app.refresh_hazard_lateness(array(
      select n.id from new_rows n join old_rows o on o.id = n.id
      where (n.status, n.deadline, n.published, n.town_code, n.sector, n.level)
            is distinct from (o.status, o.deadline, o.published, o.town_code, o.sector, o.level)));
  end if;
  return null;
end $$;
comment on function app.refresh_hazard_lateness_of_hazards() is
  'Refreshes hazard_lateness_spans for the hazards a statement inserted, deleted or changed in status, deadline, 公示, town, sector or level.';

create function app.refresh_hazard_lateness_of_history() returns trigger
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  if tg_op = 'INSERT' then
    -- Only history written by a trigger (app.record_hazard_history) is deferred, never a
    -- statement of its own, whatever a session sets.
    if pg_trigger_depth() > 1 and current_setting('app.lateness_deferred', true) = 'on' then
      return null;
    end if;
    perform app.refresh_hazard_lateness(array(select distinct n.hazard_id from new_rows n));
  elsif tg_op = 'DELETE' then
    perform app.refresh_hazard_lateness(array(select distinct o.hazard_id from old_rows o));
  else
    perform app.refresh_hazard_lateness(array(
      select n.hazard_id from new_rows n union select o.hazard_id from old_rows o));
  end if;
  return null;
end $$;
comment on function app.refresh_hazard_lateness_of_history() is
  'Refreshes hazard_lateness_spans for the hazards whose history a statement wrote (back-dated rows included).';

create trigger hazards_lateness_defer before insert or update on hazards
  for each statement execute function app.defer_hazard_lateness();
create trigger hazards_lateness_insert after insert on hazards
  referencing new table as new_rows for each statement execute function app.refresh_hazard_lateness_of_hazards();
create trigger hazards_lateness_update after update on hazards
  referencing old table as old_rows new table as new_rows for each statement execute function app.refresh_hazard_lateness_of_hazards();
create trigger hazards_lateness_delete after delete on hazards
  referencing old table as old_rows for each statement execute function app.refresh_hazard_lateness_of_hazards();
create trigger hazard_history_lateness_insert after insert on hazard_history
  referencing new table as new_rows for each statement execute function app.refresh_hazard_lateness_of_history();
create trigger hazard_history_lateness_update after update on hazard_history
  referencing old table as old_rows new table as new_rows for each statement execute function app.refresh_hazard_lateness_of_history();
create trigger hazard_history_lateness_delete after delete on hazard_history
  referencing old table as old_rows for each statement execute function app.refresh_hazard_lateness_of_history();
-- As the summaries' (0019): bulk loads and owners' fixes under the replica role write the
-- history without its append-only guard, and must not leave the copy behind.
alter table hazards enable always trigger hazards_lateness_defer;
alter table hazards enable always trigger hazards_lateness_insert;
alter table hazards enable always trigger hazards_lateness_update;
alter table hazards enable always trigger hazards_lateness_delete;
alter table hazard_history enable always trigger hazard_history_lateness_insert;
alter table hazard_history enable always trigger hazard_history_lateness_update;
alter table hazard_history enable always trigger hazard_history_lateness_delete;
-- A truncate of the history alone (the owner's, under the replica role) recounts everything,
-- as one of the hazards does (0019).
create trigger hazard_history_lateness_truncate after truncate on hazard_history
  for each statement execute function app.rebuild_hazard_summaries_trigger();
alter table hazard_history enable always trigger hazard_history_lateness_truncate;

-- Everything recomputed in one statement (the migration's fill, the repair, a change of the
-- time zone, which moves app.day_start). Writers of the hazards and their history wait.
create function app.rebuild_hazard_lateness() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  lock table hazards, hazard_history in share mode;
  delete from hazard_lateness_spans;
  delete from hazard_lateness_month_deltas;
  delete from hazard_lateness_months;
  insert into hazard_lateness_spans (hazard_id, town_code, sector, level, overdue_from, overdue_until, closed_late_at)
  select hazard_id, town_code, sector, level, overdue_from, overdue_until, closed_late_at
  from hazard_lateness_spans_from_history;
  insert into hazard_lateness_months (town_code, sector, level, month, began, ended)
  select l.town_code, l.sector, l.level, m.month, sum(m.began), sum(m.ended)
  from hazard_lateness_spans l cross join lateral app.lateness_month_changes(1, l.overdue_from, l.overdue_until) m
  group by l.town_code, l.sector, l.level, m.month;
end $$;
comment on function app.rebuild_hazard_lateness() is
  'Recomputes hazard_lateness_spans from the whole history, and hazard_lateness_months from it (part of app.rebuild_hazard_summaries). The owner''s.';
revoke execute on function app.rebuild_hazard_lateness() from public;

-- 0025's body, and the lateness: the repair (summaries:repair) and the time-zone trigger
-- rebuild it too.
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
end $$;

select app.rebuild_hazard_lateness();
