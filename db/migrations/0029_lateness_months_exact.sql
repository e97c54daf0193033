-- everOverdue and rectifiedLate over a period without reading every lateness row of the
-- period (issue 14, province scale). They counted distinct hazards by grouping the rows that
-- meet the period: ~129,000 rows and 0.5 s at a million hazards. Counts of rows decompose
-- into counts per month (hazard_lateness_months, which the trend already reads) plus the
-- rows of the period's partial months; what turns rows into hazards is kept here too.
--
-- A hazard's overdue parts lie in disjoint stretches, so in the order of overdue_from both
-- their beginnings and their ends (now for the running one) rise, each ending no later than
-- the next begins. The parts meeting a period are then consecutive, and a hazard meeting it
-- has one part fewer meeting it than it has parts meeting it when counted as pairs: distinct
-- hazards = parts meeting − pairs of consecutive parts both meeting. Both parts of a pair
-- meet [S, E] exactly when the earlier one ends at or after S and the later one is overdue by
-- E (overdue_from <= E and overdue_from <= coalesce(overdue_until, now())), so each row keeps
-- the end of its hazard's previous part: the pairs are the rows whose previous part ended in
-- the period or later, few, read on their own index. Late closings likewise: consecutive
-- closings both in [S, E) are the rows whose previous closing is at or after S and which
-- are before E.

-- The view stays the one place the rows are derived: the previous part and closing are
-- computed there, per hazard, so a refresh of some hazards (which recomputes all of each
-- hazard's rows) and the repair store them, and the drift compares them.
create or replace view hazard_lateness_spans_from_history with (security_invoker = true) as
select r.hazard_id, r.town_code, r.sector, r.level, r.overdue_from, r.overdue_until, r.closed_late_at,
       case when r.overdue_from is not null
            then lag(r.overdue_until) over (partition by r.hazard_id, r.overdue_from is null order by r.overdue_from, r.overdue_until) end
         as previous_overdue_until,
       case when r.closed_late_at is not null
            then lag(r.closed_late_at) over (partition by r.hazard_id, r.closed_late_at is null order by r.closed_late_at) end
         as previous_closed_late_at
from (
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
  where p.overdue_from is not null or p.closed_late_at is not null
) r;

alter table hazard_lateness_spans
  add column previous_overdue_until timestamptz,
  add column previous_closed_late_at timestamptz,
  add check (previous_overdue_until is null or previous_overdue_until <= overdue_from),
  add check (previous_closed_late_at is null or previous_closed_late_at <= closed_late_at);
comment on column hazard_lateness_spans.previous_overdue_until is
  'For an overdue part, the end of the hazard''s previous one (null: its first): the pairs of parts that make a hazard count once (docs/metrics.md).';
comment on column hazard_lateness_spans.previous_closed_late_at is
  'For a late closing, the hazard''s previous late closing (null: its first).';

-- The rows the period's edges need: late closings near its ends, and the second parts and
-- closings of a hazard from the period's start on. Those are the most rows a reader reads
-- (~8,000 for a year at a million hazards), so their indexes hold all a reader asks of them,
-- scope included: an index-only scan, not a page of the table per row.
create index hazard_lateness_spans_closed_late on hazard_lateness_spans (closed_late_at) where closed_late_at is not null;
create index hazard_lateness_spans_after_overdue on hazard_lateness_spans (previous_overdue_until)
  include (town_code, sector, level, overdue_from, overdue_until) where previous_overdue_until is not null;
create index hazard_lateness_spans_after_closed_late on hazard_lateness_spans (previous_closed_late_at)
  include (town_code, sector, level, closed_late_at) where previous_closed_late_at is not null;

-- Late closings per month, as the parts' beginnings and ends: under app.lateness_month, so
-- the months up to m count those at or before m's first moment.
alter table hazard_lateness_months add column closed_late integer not null default 0;
alter table hazard_lateness_month_deltas add column closed_late integer not null default 0;
comment on column hazard_lateness_months.closed_late is
  'Late closings (hazard_lateness_spans.closed_late_at) by the month''s first moment and after the previous one''s.';
comment on column hazard_lateness_month_deltas.closed_late is 'As hazard_lateness_months.closed_late.';
comment on table hazard_lateness_months is
  'Overdue parts (hazard_lateness_spans) per town, sector, level and month: how many began (overdue_from) and ended (overdue_until), and how many late closings, by the month''s first moment and after the previous one''s; the folded part, hazard_lateness_month_rows adds the deltas.';

drop index hazard_lateness_months_empty;
create index hazard_lateness_months_empty on hazard_lateness_months (month) where began = 0 and ended = 0 and closed_late = 0;

create or replace view hazard_lateness_month_rows with (security_invoker = true) as
  select town_code, sector, level, month, began, ended, closed_late from hazard_lateness_months
  union all
  select town_code, sector, level, month, began, ended, closed_late from hazard_lateness_month_deltas;

drop function app.lateness_month_changes(integer, timestamptz, timestamptz);
create function app.lateness_month_changes(sign integer, overdue_from timestamptz, overdue_until timestamptz, closed_late_at timestamptz)
  returns table (month date, began integer, ended integer, closed_late integer)
  language sql stable
  as $$ select app.lateness_month(overdue_from), sign, 0, 0 where overdue_from is not null
        union all
        select app.lateness_month(overdue_until), 0, sign, 0 where overdue_until is not null
        union all
        select app.lateness_month(closed_late_at), 0, 0, sign where closed_late_at is not null $$;
comment on function app.lateness_month_changes(integer, timestamptz, timestamptz, timestamptz) is
  'The hazard_lateness_months changes of a lateness row written (sign 1) or removed (sign −1).';

-- 0026's bodies, with the late closings and the previous part and closing.
create or replace function app.fold_hazard_lateness_months() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  if not pg_try_advisory_xact_lock(hashtext('app.fold_hazard_lateness_months')) then
    return;
  end if;
  with moved as (delete from hazard_lateness_month_deltas returning *)
  insert into hazard_lateness_months as f (town_code, sector, level, month, began, ended, closed_late)
  select town_code, sector, level, month, sum(began), sum(ended), sum(closed_late)
  from moved
  group by town_code, sector, level, month
  on conflict on constraint hazard_lateness_months_key do update
    set began = f.began + excluded.began, ended = f.ended + excluded.ended, closed_late = f.closed_late + excluded.closed_late;
  delete from hazard_lateness_months where began = 0 and ended = 0 and closed_late = 0;
end $$;

create or replace function app.refresh_hazard_lateness(ids bigint[]) returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
declare
  appended bigint;
  last_id bigint;
begin
  perform 1 from hazards where id = any(ids) order by id for no key update;
  with gone as (
    delete from hazard_lateness_spans where hazard_id = any(ids)
    returning town_code, sector, level, overdue_from, overdue_until, closed_late_at
  ), came as (
    insert into hazard_lateness_spans (hazard_id, town_code, sector, level, overdue_from, overdue_until, closed_late_at,
                                       previous_overdue_until, previous_closed_late_at)
    select hazard_id, town_code, sector, level, overdue_from, overdue_until, closed_late_at,
           previous_overdue_until, previous_closed_late_at
    from hazard_lateness_spans_from_history where hazard_id = any(ids)
    returning town_code, sector, level, overdue_from, overdue_until, closed_late_at
  ), changed as (
    select -1 as sign, * from gone union all select 1, * from came
  )
  insert into hazard_lateness_month_deltas (town_code, sector, level, month, began, ended, closed_late)
  select c.town_code, c.sector, c.level, m.month, sum(m.began), sum(m.ended), sum(m.closed_late)
  from changed c cross join lateral app.lateness_month_changes(c.sign, c.overdue_from, c.overdue_until, c.closed_late_at) m
  group by c.town_code, c.sector, c.level, m.month
  having sum(m.began) <> 0 or sum(m.ended) <> 0 or sum(m.closed_late) <> 0;
  -- Folded by the writer whose deltas cross a multiple of 8192 ids, as the summaries are.
  get diagnostics appended = row_count;
  if appended > 0 then
    last_id := currval(pg_get_serial_sequence('hazard_lateness_month_deltas', 'id'));
    if last_id / 8192 <> (last_id - appended) / 8192 then
      perform app.fold_hazard_lateness_months();
    end if;
  end if;
end $$;

create or replace function app.rebuild_hazard_lateness() returns void
  language plpgsql security definer set search_path = public, app, pg_temp
  as $$
begin
  lock table hazards, hazard_history in share mode;
  delete from hazard_lateness_spans;
  delete from hazard_lateness_month_deltas;
  delete from hazard_lateness_months;
  insert into hazard_lateness_spans (hazard_id, town_code, sector, level, overdue_from, overdue_until, closed_late_at,
                                     previous_overdue_until, previous_closed_late_at)
  select hazard_id, town_code, sector, level, overdue_from, overdue_until, closed_late_at,
         previous_overdue_until, previous_closed_late_at
  from hazard_lateness_spans_from_history;
  insert into hazard_lateness_months (town_code, sector, level, month, began, ended, closed_late)
  select l.town_code, l.sector, l.level, m.month, sum(m.began), sum(m.ended), sum(m.closed_late)
  from hazard_lateness_spans l cross join lateral app.lateness_month_changes(1, l.overdue_from, l.overdue_until, l.closed_late_at) m
  group by l.town_code, l.sector, l.level, m.month;
end $$;

select app.rebuild_hazard_lateness();
