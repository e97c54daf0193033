-- Figures that keep their history (issue 8, "the closed loop leaders can trust"). A hazard
-- that was ever overdue stays counted as such, and a past month is judged with the deadline
-- and the status that held then, read from the append-only hazard_history, never with
-- today's: extending a deadline must not rewrite last year's figures.
--
-- Computed, not stored. The history is the record; every figure below is a function of it
-- (and of the clock), defined once here. Columns kept by triggers would be faster to
-- aggregate, but they would be a second copy that must stay exact under every writer —
-- including back-dated history rows an owner inserts — would need a backfill over the
-- whole history, and "ever overdue" would still change with the clock for a hazard whose
-- deadline passes while nothing happens to it. The cost here is one pass over the history
-- of the hazards counted, grouped by hazard (the (hazard_id, at) index serves it), which
-- the aggregate cache amortises.

-- The moment a day of the deployment's calendar begins: the inverse of app.date_at(), so a
-- period of days can be compared with moments on the moments' indexes.
create function app.day_start(day date) returns timestamptz
  language sql stable
  as $$ select day::timestamp at time zone app.time_zone() $$;
comment on function app.day_start(date) is 'The moment a day of the deployment''s calendar begins (00:00 in app.time_zone()); app.date_at(app.day_start(d)) = d.';

-- Overdue at a moment: overdue (hazard_is_overdue_on) on the deployment's date at that
-- moment. Converting a moment to a date reads app.deployment, ~20 µs a call: too slow for
-- a million history rows. No time zone is more than 14 hours from UTC, so a moment two
-- UTC days after the deadline is past it everywhere and one before the deadline's UTC
-- midnight is not yet past it anywhere; only the moments in between ask app.date_at().
create function hazard_is_overdue_at(status hazard_status, deadline date, moment timestamptz) returns boolean
  language sql stable
  as $$ select case
    when not coalesce(hazard_is_overdue_on(status, deadline, 'infinity'), false) then false
    when moment >= (deadline + 2)::timestamp at time zone 'UTC' then true
    when moment < deadline::timestamp at time zone 'UTC' then false
    else hazard_is_overdue_on(status, deadline, app.date_at(moment)) end $$;
comment on function hazard_is_overdue_at(hazard_status, date, timestamptz) is
  'Overdue at a moment: hazard_is_overdue_on(status, deadline, app.date_at(moment)).';

-- A hazard's life as stretches: from each history row to the next (the last one to now).
-- Within a stretch the status is the row's to_status and the deadline the one in force: the
-- new_deadline of the latest row up to it that carries one (CREATED, TRANSITION and
-- DEADLINE_EXTENDED rows do). A stretch before any row carried a deadline takes the
-- deadline the next row says it replaced (old_deadline), else none. The current stretch is
-- the hazards row itself, so "overdue in the current stretch" is exactly "overdue now".
create view hazard_stretches with (security_invoker = true) as
select s.hazard_id, s.history_id, s.event, s.from_status, s.to_status, s.started_at, s.ended_at, s.status, s.deadline,
       s.overdue,
       -- A closing is late when the rectification submitted for it was: the last RECTIFYING
       -- stretch before the closing (ended by that submission) was overdue.
       coalesce(s.from_status = 'AWAITING_VERIFICATION' and s.to_status = 'CLOSED'
                and max(s.started_at) filter (where s.status = 'RECTIFYING') over w
                  = max(s.started_at) filter (where s.status = 'RECTIFYING' and s.overdue) over w, false) as closed_late
from (
  select d.*,
         -- Overdue at some moment of the stretch: status and deadline hold throughout it and
         -- overdue only grows with the date, so at its end (now for the current one).
         hazard_is_overdue_at(d.status, d.deadline, coalesce(d.ended_at, now())) as overdue
  from (
    select e.hazard_id, e.history_id, e.event, e.from_status, e.to_status, e.started_at, e.ended_at,
           case when e.ended_at is null then h.status else e.to_status end as status,
           case when e.ended_at is null then h.deadline
                else coalesce(max(e.new_deadline) over (partition by e.hazard_id, e.deadline_mark), e.next_old_deadline) end as deadline
    from (
      select hh.hazard_id, hh.id as history_id, hh.event, hh.from_status, hh.to_status, hh.new_deadline,
             hh.at as started_at, lead(hh.at) over w as ended_at, lead(hh.old_deadline) over w as next_old_deadline,
             -- Rows up to here that carry a deadline: the stretches sharing a mark share its deadline.
             count(hh.new_deadline) over w as deadline_mark
      from hazard_history hh
      window w as (partition by hh.hazard_id order by hh.at, hh.id)
    ) e
    join hazards h on h.id = e.hazard_id
  ) d
) s
window w as (partition by s.hazard_id order by s.started_at, s.history_id);
comment on view hazard_stretches is
  'Each hazard''s life between consecutive history rows (ended_at null: up to now) with the status and deadline in force then (docs/metrics.md). Read with the caller''s row-level security.';
comment on column hazard_stretches.status is 'Status in force during the stretch; the hazard''s current status for the last one.';
comment on column hazard_stretches.deadline is 'Deadline in force during the stretch; the hazard''s current deadline for the last one.';
comment on column hazard_stretches.overdue is 'Overdue at some moment of the stretch (up to now).';
comment on column hazard_stretches.closed_late is 'The stretch begins with a closing (销号) whose rectification was submitted after the deadline in force (超期整改).';

-- Overdue at some moment of a stretch within [from_moment, until_moment] (a period, its end
-- included, as "overdue at the end of the month" is).
create function hazard_overdue_during(status hazard_status, deadline date, started_at timestamptz, ended_at timestamptz,
                                      from_moment timestamptz, until_moment timestamptz) returns boolean
  language sql stable
  as $$ select started_at <= until_moment and coalesce(ended_at, now()) >= from_moment
           and hazard_is_overdue_at(status, deadline, least(coalesce(ended_at, now()), until_moment)) $$;
comment on function hazard_overdue_during(hazard_status, date, timestamptz, timestamptz, timestamptz, timestamptz) is
  'A stretch (hazard_stretches) was overdue at some moment between from_moment and until_moment, both included.';

-- Overdue at one past moment: the stretch in force then (started at or before it, ended
-- after it) was overdue on that moment's date. `day` is app.date_at(moment), passed in so a
-- query judging many stretches at one moment converts it once.
create function hazard_overdue_at_moment(status hazard_status, deadline date, started_at timestamptz, ended_at timestamptz,
                                         moment timestamptz, day date) returns boolean
  language sql immutable
  as $$ select started_at <= moment and (ended_at is null or moment < ended_at)
           and hazard_is_overdue_on(status, deadline, day) $$;
comment on function hazard_overdue_at_moment(hazard_status, date, timestamptz, timestamptz, timestamptz, date) is
  'A stretch (hazard_stretches) is the one in force at moment and overdue then; day = app.date_at(moment).';

-- Per hazard, over its whole life.
create view hazard_lateness with (security_invoker = true) as
select s.hazard_id, bool_or(s.overdue) as ever_overdue, bool_or(s.closed_late) as rectified_late
from hazard_stretches s
group by s.hazard_id;
comment on view hazard_lateness is
  'Per hazard: ever_overdue (曾超期: overdue at some moment of its life, up to now) and rectified_late (超期整改: some closing followed a rectification submitted after its deadline).';

grant select on hazard_stretches, hazard_lateness to app_user;
