-- One clock. "Today" — the day a deadline passes, a hazard becomes overdue, a period ends —
-- is the date in the deployment's time zone (default Asia/Shanghai), whatever the time zone
-- of the database session or the api host: before this, the embedded database's session ran
-- in Etc/GMT0 and overdue flipped at 08:00 Beijing time. Everything that needs today calls
-- app.today(); everything that turns a moment into a day calls app.date_at().

-- Whether a name is one of the database's time zones (IANA names such as Asia/Shanghai).
create function app.is_time_zone(name text) returns boolean
  language sql stable
  as $$ select exists (select 1 from pg_timezone_names where pg_timezone_names.name = is_time_zone.name) $$;

create table app.deployment (
  singleton boolean primary key default true check (singleton),
  time_zone text not null default 'Asia/Shanghai' check (app.is_time_zone(time_zone))
);
comment on table app.deployment is 'Settings of this deployment that the database''s rules depend on; exactly one row.';
comment on column app.deployment.time_zone is 'The deployment''s time zone: app.today() is the date there. Set by the api at start from TIME_ZONE.';
insert into app.deployment default values;
grant select on app.deployment to app_user;

create function app.time_zone() returns text
  language sql stable
  as $$ select time_zone from app.deployment $$;
comment on function app.time_zone() is 'The deployment''s time zone (app.deployment).';

create function app.date_at(moment timestamptz) returns date
  language sql stable
  as $$ select (moment at time zone app.time_zone())::date $$;
comment on function app.date_at(timestamptz) is 'The deployment''s calendar date at a moment.';

create function app.today() returns date
  language sql stable
  as $$ select app.date_at(now()) $$;
comment on function app.today() is 'Today in the deployment''s time zone: the one clock of every date rule.';

-- Overdue (超期), the one definition: on a given day, the deadline has passed and the hazard
-- is not yet submitted for verification. Plain SQL expressions, so the planner inlines them
-- into queries and the (status, deadline) indexes still serve them.
create function hazard_is_overdue_on(status hazard_status, deadline date, on_day date) returns boolean
  language sql immutable
  as $$ select deadline < on_day and status in ('REPORTED', 'RECTIFYING') $$;
comment on function hazard_is_overdue_on(hazard_status, date, date) is
  'Overdue on a day: deadline passed and status REPORTED or RECTIFYING (shared/domain.md). The one definition.';

create or replace function hazard_is_overdue(status hazard_status, deadline date) returns boolean
  language sql stable
  as $$ select hazard_is_overdue_on(status, deadline, app.today()) $$;
comment on function hazard_is_overdue(hazard_status, date) is
  'Overdue today (app.today(), the deployment''s date).';

-- When the unit reported an accident to the county (Decree 493 asks for it within 1 hour);
-- null while not reported. Late and concealed reports (迟报/瞒报) are judged against it.
alter table accidents add column reported_at timestamptz;
comment on column accidents.reported_at is 'When the accident was reported to the county''s supervising departments; null while unreported.';
