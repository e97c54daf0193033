-- Starting rectification (REPORTED → RECTIFYING) is when the five in place, the deadline
-- among them, are fixed (五到位). A deadline noted at registration is provisional: the one
-- set at the start may be earlier or later, and is recorded by the TRANSITION row itself
-- (old_deadline, new_deadline). From then on the rule of 0003 holds: a deadline only moves
-- later, with a reason, as a DEADLINE_EXTENDED row.

create or replace function app.check_hazard_change() returns trigger
  language plpgsql security definer
  set search_path = public, app
  as $$
  declare
    starting constant boolean := old.status = 'REPORTED' and new.status = 'RECTIFYING';
  begin
    if new.status is distinct from old.status then
      if not exists (select 1 from hazard_transitions
                     where from_status = old.status and to_status = new.status) then
        raise exception 'illegal status transition from % to %', old.status, new.status
          using errcode = 'RS001';
      end if;
      new.closed_at := case when new.status = 'CLOSED' then now() end;
    end if;
    if old.deadline is not null and new.deadline is distinct from old.deadline and not starting then
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

create or replace function app.record_hazard_history() returns trigger
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
    if old.deadline is not null and new.deadline is distinct from old.deadline
       and not (old.status = 'REPORTED' and new.status = 'RECTIFYING') then
      insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note, old_deadline, new_deadline)
      values (new.id, new.town_code, new.sector, 'DEADLINE_EXTENDED', new.status, new.status, now(), app.user_id(),
              app.setting('note'), old.deadline, new.deadline);
    end if;
    return new;
  end
  $$;
