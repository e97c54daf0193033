-- A history of everything that counts (issue 8, part 3): enterprises, accidents, road
-- segments, listed supervisions and users get an append-only history written by triggers
-- for every client, like hazard_history; publication (公示) becomes a hazard event of its
-- own; a listing's event says what was listed; accidents record when they were reported to
-- the county, and whether that was late under Decree 493.

-- One table for the history of every record but hazards, keyed by (entity_kind, entity_id).
-- Why not one table per entity: every entry has the same shape (who, when, the request's
-- note, the fields that changed as old → new), so one table gives one append-only trigger,
-- one row-level policy, one index and one GraphQL type, and a new entity needs only a
-- trigger with its field list. What it gives up is a foreign key to the record; records are
-- never deleted (app_user has no DELETE, and every foreign key into them restricts), so
-- there is nothing for one to guard. Hazards keep hazard_history: its entries carry the
-- status flow (from, to, deadlines), which the ledger, the seed and the figures read.
create domain history_entity as text
  check (value in ('enterprise', 'accident', 'road_segment', 'listed_supervision', 'user'));

create table record_history (
  id bigint generated always as identity primary key,
  entity_kind history_entity not null,
  entity_id bigint not null,
  event text not null check (event in ('CREATED', 'UPDATED', 'REPORTED', 'SUPPLEMENTED')),
  at timestamptz not null default now(),
  actor_id bigint,
  note text,
  changes jsonb not null check (jsonb_typeof(changes) = 'object'),
  town_code jurisdiction_code,
  sector sector,
  enterprise_id bigint,
  check ((entity_kind = 'user') = (town_code is null))
);
comment on table record_history is
  'Append-only history of enterprises, accidents, road segments, listed supervisions and users: who, when, the request''s note and the fields that changed. Written by triggers; UPDATE, DELETE and TRUNCATE are refused (RS004).';
comment on column record_history.event is
  'CREATED; UPDATED; REPORTED: an accident''s report time (上报) was entered; SUPPLEMENTED: an accident''s deaths, serious injuries or loss changed after it was recorded (补报).';
comment on column record_history.actor_id is 'The signed-in user of the request (app.user_id); null for the system, a migration or a script.';
comment on column record_history.note is 'The request''s note (app.note): a reason, a 补报 explanation.';
comment on column record_history.changes is
  'The fields that count, by column name, as {"field": {"old": …, "new": …}}; on CREATED the initial values with old null.';
comment on column record_history.town_code is 'Scope copied from the record when the entry was written (null for users).';
comment on column record_history.sector is 'Scope copied from the record: its sector (ROAD_TRAFFIC for road segments).';
comment on column record_history.enterprise_id is 'The enterprise whose user may read the entry, as it may read the record (its own enterprise, its accidents, its hazards'' listings).';
create index record_history_entity_idx on record_history (entity_kind, entity_id, at);
create index record_history_town_idx on record_history (town_code);

-- The event of an entry, in one place: a change of casualties or loss of an accident after
-- it was recorded is a supplementary report (补报, Decree 493 art. 13); entering its report
-- time is its report (上报).
create function app.record_event(kind history_entity, op text, changes jsonb) returns text
  language sql immutable
  as $$
    select case
      when op = 'INSERT' then 'CREATED'
      when kind = 'accident' and changes ?| array['deaths', 'serious_injuries', 'direct_loss_yuan'] then 'SUPPLEMENTED'
      when kind = 'accident' and changes -> 'reported_at' ->> 'old' is null and changes -> 'reported_at' ->> 'new' is not null then 'REPORTED'
      else 'UPDATED'
    end
  $$;
comment on function app.record_event(history_entity, text, jsonb) is 'The record_history event of an insert or update.';

-- Trigger arguments: the entity kind, then the columns that count. Security definer, since
-- app_user may only read the history; the fixed search_path keeps a caller's objects out.
create function app.record_history() returns trigger
  language plpgsql security definer
  set search_path = public, app, pg_temp
  as $$
  declare
    kind constant history_entity := tg_argv[0];
    before_row constant jsonb := case when tg_op = 'UPDATE' then to_jsonb(old) end;
    after_row constant jsonb := to_jsonb(new);
    changed jsonb;
    scope_town jurisdiction_code;
    scope_sector sector;
    scope_enterprise bigint;
  begin
    select coalesce(jsonb_object_agg(f, jsonb_build_object('old', before_row -> f, 'new', after_row -> f)), '{}')
      into changed
      from unnest(tg_argv[1:]) f
     where case when before_row is null then after_row -> f <> 'null'::jsonb
                else before_row -> f is distinct from after_row -> f end;
    if tg_op = 'UPDATE' and changed = '{}' then
      return new;
    end if;
    case kind
      when 'enterprise' then
        scope_town := new.town_code; scope_sector := new.sector; scope_enterprise := new.id;
      when 'accident' then
        scope_town := new.town_code; scope_sector := new.sector; scope_enterprise := new.enterprise_id;
      when 'road_segment' then
        scope_town := new.town_code; scope_sector := 'ROAD_TRAFFIC';
      when 'listed_supervision' then
        scope_town := new.town_code; scope_sector := new.sector;
        select h.enterprise_id into scope_enterprise from hazards h where h.id = new.hazard_id;
      else
        null;
    end case;
    insert into record_history (entity_kind, entity_id, event, at, actor_id, note, changes, town_code, sector, enterprise_id)
    values (kind, new.id, app.record_event(kind, tg_op, changed), now(), app.user_id(), app.setting('note'), changed,
            scope_town, scope_sector, scope_enterprise);
    return new;
  end
  $$;
comment on function app.record_history() is
  'Writes a record_history entry for an insert or update of the fields named in the trigger arguments.';

create trigger enterprises_history after insert or update on enterprises
  for each row execute function app.record_history('enterprise',
    'name', 'credit_code', 'sector', 'address', 'town_code', 'department', 'risk_level', 'major_hazard_grade',
    'standardization_grade', 'status', 'employee_count');
create trigger road_segments_history after insert or update on road_segments
  for each row execute function app.record_history('road_segment',
    'road_name', 'road_number', 'road_class', 'start_chainage_m', 'end_chainage_m', 'town_code', 'features',
    'accidents_last_3y', 'risk_level', 'department');
create trigger listed_supervisions_history after insert or update on listed_supervisions
  for each row execute function app.record_history('listed_supervision',
    'level', 'listing_body', 'rectifying_unit', 'rectifying_head', 'regulating_unit', 'regulating_head',
    'supervising_official', 'deadline', 'year_listed');
-- Who may do what: role and scope. The password hash is not history, only that it is kept.
create trigger users_history after insert or update on users
  for each row execute function app.record_history('user',
    'display_name', 'role', 'jurisdiction_code', 'sectors', 'department', 'enterprise_id', 'active');

-- Append-only, for every role: a statement-level trigger refuses even a change that matches
-- no row. app_user has no UPDATE, DELETE or TRUNCATE privilege either (0004's rule): it is
-- refused before the trigger, with 42501.
create function app.refuse_record_history_change() returns trigger
  language plpgsql
  as $$
  begin
    raise exception 'history is append-only' using errcode = 'RS004';
  end
  $$;
create trigger record_history_append_only before update or delete or truncate on record_history
  for each statement execute function app.refuse_record_history_change();

-- Readable exactly where its record is: staff by the scope copied from the record, an
-- enterprise user for its own enterprise's entries; a user's history by the admin and the
-- user themself (users_select in 0004).
alter table record_history enable row level security;
grant select on record_history to app_user;
create policy record_history_select on record_history for select to app_user
  using (case when entity_kind = 'user' then app.role() = 'admin' or entity_id = app.user_id()
              else app.can_read(town_code, sector)
                   or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id()) end);

-- Accidents: when the unit reported to the county (上报), and whether that was late.
-- The column itself came with the one clock (0011).
alter table accidents add constraint accidents_reported_after_occurrence
  check (reported_at is null or reported_at >= occurred_at);
comment on column accidents.reported_at is
  'When the unit reported the accident to the county''s supervising departments (上报); null: not yet reported. Late reports: accident_report_is_late().';

-- Decree 493 (生产安全事故报告和调查处理条例) art. 9: the unit reports to the county's
-- supervising departments within 1 hour of the accident. The one home of that rule.
create function accident_report_deadline(occurred_at timestamptz) returns timestamptz
  language sql immutable strict
  as $$ select occurred_at + interval '1 hour' $$;
comment on function accident_report_deadline(timestamptz) is 'The moment by which an accident must be reported to the county (Decree 493 art. 9: 1 hour).';

-- 迟报: reported after the deadline, or not reported and the deadline has passed. Stable,
-- as an unreported accident becomes late with time.
create function accident_report_is_late(occurred_at timestamptz, reported_at timestamptz) returns boolean
  language sql stable
  as $$ select coalesce(reported_at, now()) > accident_report_deadline(occurred_at) $$;
comment on function accident_report_is_late(timestamptz, timestamptz) is
  '迟报 under Decree 493: reported more than 1 hour after the accident, or unreported and more than 1 hour old.';

grant execute on function accident_report_deadline(timestamptz), accident_report_is_late(timestamptz, timestamptz) to app_user;

-- A report cannot come from the future; the check needs the clock, hence a trigger.
create function app.check_accident_report() returns trigger
  language plpgsql
  as $$
  begin
    if new.reported_at > now() then
      raise exception 'an accident cannot be reported in the future' using errcode = '23514';
    end if;
    return new;
  end
  $$;
create trigger accidents_report_not_future before insert or update of reported_at on accidents
  for each row execute function app.check_accident_report();

create trigger accidents_history after insert or update on accidents
  for each row execute function app.record_history('accident',
    'occurred_at', 'town_code', 'sector', 'enterprise_id', 'description', 'deaths', 'serious_injuries',
    'direct_loss_yuan', 'reported_at');

-- Accidents recorded before this migration have no report time. Demo accidents (synthetic)
-- get a plausible one, fixed by their id: most within the hour, one in eight 2 to 5 hours
-- late. Real ones get the moment they were entered in the ledger: the county knew of them
-- by then at the latest. Written through the history trigger, with this note, so the fill
-- is itself on record.
do $$
declare
  synthetic_filled int;
  real_filled int;
begin
  perform set_config('app.note', 'migration: report time filled for an accident recorded before reported_at existed', true);
  update accidents
     set reported_at = least(now(), occurred_at + case when id % 8 = 0 then make_interval(hours => 2 + (id % 4)::int)
                                                        else make_interval(mins => 10 + (id * 37 % 45)::int) end)
   where reported_at is null and synthetic;
  get diagnostics synthetic_filled = row_count;
  update accidents set reported_at = least(now(), greatest(created_at, occurred_at))
   where reported_at is null and not synthetic;
  get diagnostics real_filled = row_count;
  perform set_config('app.note', '', true);
  raise notice 'accidents.reported_at filled: % demo accidents (deterministic, one in eight late), % others from created_at',
    synthetic_filled, real_filled;
end
$$;

-- Publication (公示) and listing in the hazard's own history.
alter table hazard_history drop constraint hazard_history_event_check;
alter table hazard_history add constraint hazard_history_event_check
  check (event in ('CREATED', 'TRANSITION', 'DEADLINE_EXTENDED', 'LISTED', 'PUBLISHED', 'UNPUBLISHED'));
alter table hazard_history add column listing_id bigint references listed_supervisions (id) on delete restrict;
comment on column hazard_history.listing_id is
  'For LISTED: the listing (挂牌督办) recorded. Null on entries written before this column existed; those match their listing by hazard and time.';
comment on column hazard_history.event is
  'CREATED, TRANSITION, DEADLINE_EXTENDED, LISTED (挂牌督办), PUBLISHED (公示), UNPUBLISHED (撤销公示).';
create index hazard_history_listing_idx on hazard_history (listing_id);

-- The closed loop's function and the publication event: a change of `published` is an entry of its
-- own, with the actor and the request's note.
create or replace function app.record_hazard_history() returns trigger
  language plpgsql security definer
  set search_path = public, app, pg_temp
  as $$
  declare
    moving boolean;
  begin
    if tg_op = 'INSERT' then
      insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note, new_deadline)
      values (new.id, new.town_code, new.sector, 'CREATED', null, new.status, now(), app.user_id(), app.setting('note'), new.deadline);
    else
      moving := new.status is distinct from old.status;
      if moving then
        insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note,
                                    old_deadline, new_deadline, evaluation)
        values (new.id, new.town_code, new.sector, 'TRANSITION', old.status, new.status, now(), app.user_id(), app.setting('note'),
                old.deadline, new.deadline, case when new.status = 'CLOSED' then app.setting('evaluation') end);
      end if;
      if new.deadline is distinct from old.deadline and (old.deadline is not null or not moving) then
        insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note, old_deadline, new_deadline)
        values (new.id, new.town_code, new.sector, 'DEADLINE_EXTENDED', new.status, new.status, now(), app.user_id(),
                app.deadline_reason(moving), old.deadline, new.deadline);
      end if;
    end if;
    if (tg_op = 'INSERT' and new.published) or (tg_op = 'UPDATE' and new.published is distinct from old.published) then
      insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note)
      values (new.id, new.town_code, new.sector, case when new.published then 'PUBLISHED' else 'UNPUBLISHED' end,
              new.status, new.status, now(), app.user_id(), app.setting('note'));
    end if;
    return new;
  end
  $$;

-- A listing's entry links the listing and says, readably, what was listed: level, listing
-- body and deadline (the note used to read "CITY: …"), then the request's note if any.
create function app.supervision_level_name(level supervision_level) returns text
  language sql immutable strict
  as $$ select case level when 'COUNTY' then '县级' when 'CITY' then '市级' when 'PROVINCE' then '省级' end $$;
comment on function app.supervision_level_name(supervision_level) is 'The Chinese name of a listing level, for notes in the ledger.';

create or replace function app.after_listing() returns trigger
  language plpgsql security definer
  set search_path = public, app, pg_temp
  as $$
  declare
    rank_of constant jsonb := '{"COUNTY": 1, "CITY": 2, "PROVINCE": 3}';
  begin
    update hazards set listed_level = new.level
    where id = new.hazard_id
      and coalesce((rank_of ->> listed_level)::int, 0) < (rank_of ->> new.level)::int;
    insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note, listing_id)
    select h.id, h.town_code, h.sector, 'LISTED', h.status, h.status, now(), app.user_id(),
           app.supervision_level_name(new.level) || '挂牌督办：' || new.listing_body || '，督办期限 '
             || to_char(new.deadline, 'YYYY-MM-DD') || coalesce('。' || app.setting('note'), ''),
           new.id
    from hazards h where h.id = new.hazard_id;
    return new;
  end
  $$;
