-- Rules that must hold for every client, not only the API: where a row lies, the hazard
-- status flow, the append-only history, listed supervision kept in step with its hazard.
--
-- Custom SQLSTATEs (class RS, "risk supervision"), mapped once to client codes in the API:
--   RS001 illegal status transition        -> INVALID_TRANSITION
--   RS002 deadline change without a reason -> BAD_USER_INPUT
--   RS003 location outside the jurisdiction -> BAD_USER_INPUT
--   RS004 history is append-only           -> FORBIDDEN

-- The town a point lies in, or null. Security definer: town lookup must not depend on which
-- jurisdictions the caller may see.
create function app.town_at(p geometry) returns jurisdiction_code
  language sql stable security definer
  set search_path = public, app
  as $$
    select code from jurisdictions
    where level = 'town' and boundary && p and st_covers(boundary, p)
    order by code
    limit 1
  $$;
comment on function app.town_at(geometry) is 'The town whose boundary covers the point (lowest code on a shared edge).';

-- Derives town_code from the location when it is not given, and refuses a location outside
-- the given town.
create function app.place_in_town() returns trigger
  language plpgsql security definer
  set search_path = public, app
  as $$
  declare
    town_boundary geometry;
  begin
    if st_srid(new.location) <> 4326 or abs(st_x(new.location)) > 180 or abs(st_y(new.location)) > 90 then
      raise exception 'coordinates out of range' using errcode = 'RS003';
    end if;
    if new.town_code is null then
      new.town_code := app.town_at(new.location);
      if new.town_code is null then
        raise exception 'the location lies outside every known town' using errcode = 'RS003';
      end if;
    else
      select boundary into town_boundary from jurisdictions where code = new.town_code and level = 'town';
      if town_boundary is null then
        raise exception 'unknown town %', new.town_code using errcode = 'RS003';
      end if;
      if not st_covers(town_boundary, new.location) then
        raise exception 'the location lies outside town %', new.town_code using errcode = 'RS003';
      end if;
    end if;
    return new;
  end
  $$;

create trigger enterprises_place before insert or update of location, town_code on enterprises
  for each row execute function app.place_in_town();
create trigger hazards_place before insert or update of location, town_code on hazards
  for each row execute function app.place_in_town();
create trigger accidents_place before insert or update of location, town_code on accidents
  for each row execute function app.place_in_town();

-- A road segment belongs to the town of its midpoint, and lists every town it crosses.
create function app.place_road_segment() returns trigger
  language plpgsql security definer
  set search_path = public, app
  as $$
  begin
    if new.town_code is null then
      new.town_code := app.town_at(st_lineinterpolatepoint(new.geom, 0.5));
      if new.town_code is null then
        raise exception 'the segment''s midpoint lies outside every known town' using errcode = 'RS003';
      end if;
    end if;
    new.town_codes := array(
      select code from jurisdictions
      where level = 'town' and boundary && new.geom and st_intersects(boundary, new.geom)
      order by code);
    return new;
  end
  $$;

create trigger road_segments_place before insert or update of geom, town_code on road_segments
  for each row execute function app.place_road_segment();

-- The legal status changes of a hazard (shared/domain.md): the forward flow, a failed
-- verification back to rectifying, and a 回头看 reopening a closed hazard.
create table hazard_transitions (
  from_status hazard_status not null,
  to_status hazard_status not null,
  primary key (from_status, to_status)
);
comment on table hazard_transitions is 'The allowed hazard status changes; the hazards trigger refuses any other.';
insert into hazard_transitions values
  ('REPORTED', 'RECTIFYING'),
  ('RECTIFYING', 'AWAITING_VERIFICATION'),
  ('AWAITING_VERIFICATION', 'CLOSED'),
  ('AWAITING_VERIFICATION', 'RECTIFYING'),
  ('CLOSED', 'RECTIFYING');

create function app.check_hazard_change() returns trigger
  language plpgsql security definer
  set search_path = public, app
  as $$
  begin
    if new.status is distinct from old.status then
      if not exists (select 1 from hazard_transitions
                     where from_status = old.status and to_status = new.status) then
        raise exception 'illegal status transition from % to %', old.status, new.status
          using errcode = 'RS001';
      end if;
      new.closed_at := case when new.status = 'CLOSED' then now() end;
    end if;
    if old.deadline is not null and new.deadline is distinct from old.deadline then
      if app.setting('note') is null then
        raise exception 'a deadline may be changed only with a reason' using errcode = 'RS002';
      end if;
      if new.deadline is null or new.deadline <= old.deadline then
        raise exception 'a deadline may only be extended' using errcode = 'RS002';
      end if;
    end if;
    return new;
  end
  $$;

create trigger hazards_check_change before update on hazards
  for each row execute function app.check_hazard_change();

-- History rows are written here, for every client, with the actor and note of the request
-- (app.user_id, app.note).
create function app.record_hazard_history() returns trigger
  language plpgsql security definer
  set search_path = public, app
  as $$
  begin
    if tg_op = 'INSERT' then
      insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note, new_deadline)
      values (new.id, new.town_code, new.sector, 'CREATED', null, new.status, now(), app.user_id(), app.setting('note'), new.deadline);
      return new;
    end if;
    if new.status is distinct from old.status then
      insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note, old_deadline, new_deadline)
      values (new.id, new.town_code, new.sector, 'TRANSITION', old.status, new.status, now(), app.user_id(), app.setting('note'),
              old.deadline, new.deadline);
    end if;
    if old.deadline is not null and new.deadline is distinct from old.deadline then
      insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note, old_deadline, new_deadline)
      values (new.id, new.town_code, new.sector, 'DEADLINE_EXTENDED', new.status, new.status, now(), app.user_id(),
              app.setting('note'), old.deadline, new.deadline);
    end if;
    return new;
  end
  $$;

create trigger hazards_history_insert after insert on hazards
  for each row execute function app.record_hazard_history();
create trigger hazards_history_update after update on hazards
  for each row execute function app.record_hazard_history();

create function app.refuse_history_change() returns trigger
  language plpgsql
  as $$
  begin
    raise exception 'hazard history is append-only' using errcode = 'RS004';
  end
  $$;

create trigger hazard_history_append_only before update or delete on hazard_history
  for each row execute function app.refuse_history_change();
create trigger hazard_history_no_truncate before truncate on hazard_history
  for each statement execute function app.refuse_history_change();

-- A listing copies scope columns from its hazard, raises the hazard's listed_level and is
-- recorded in the hazard's history.
create function app.before_listing() returns trigger
  language plpgsql security definer
  set search_path = public, app
  as $$
  begin
    select town_code, sector into new.town_code, new.sector from hazards where id = new.hazard_id;
    return new;
  end
  $$;

create function app.after_listing() returns trigger
  language plpgsql security definer
  set search_path = public, app
  as $$
  declare
    rank_of constant jsonb := '{"COUNTY": 1, "CITY": 2, "PROVINCE": 3}';
  begin
    update hazards set listed_level = new.level
    where id = new.hazard_id
      and coalesce((rank_of ->> listed_level)::int, 0) < (rank_of ->> new.level)::int;
    insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note)
    select h.id, h.town_code, h.sector, 'LISTED', h.status, h.status, now(), app.user_id(),
           new.level || ': ' || new.listing_body
    from hazards h where h.id = new.hazard_id;
    return new;
  end
  $$;

create trigger listed_supervisions_before before insert on listed_supervisions
  for each row execute function app.before_listing();
create trigger listed_supervisions_after after insert on listed_supervisions
  for each row execute function app.after_listing();

-- Enforcement actions take their town from their inspection.
create function app.enforcement_town() returns trigger
  language plpgsql security definer
  set search_path = public, app
  as $$
  begin
    select town_code into new.town_code from inspections where id = new.inspection_id;
    return new;
  end
  $$;

create trigger enforcement_actions_town before insert on enforcement_actions
  for each row execute function app.enforcement_town();

-- Overdue (超期): the deadline has passed and the hazard is not yet submitted for verification.
create function hazard_is_overdue(status hazard_status, deadline date) returns boolean
  language sql stable
  as $$ select deadline < current_date and status in ('REPORTED', 'RECTIFYING') $$;
comment on function hazard_is_overdue(hazard_status, date) is
  'Overdue: deadline passed and status REPORTED or RECTIFYING (shared/domain.md). Stable, as it reads the current date.';
