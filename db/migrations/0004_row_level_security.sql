-- Who may see and change which rows, for every client that runs as app_user. The scope
-- functions (app.can_read, app.can_write, app.in_jurisdiction) are defined in 0001.
-- Nothing is ever deleted through the API: no DELETE grant is given.

grant select on jurisdictions, enterprises, road_segments, inspections, enforcement_actions,
  hazards, hazard_history, listed_supervisions, accidents, users, hazard_transitions to app_user;
grant insert, update on enterprises, road_segments, inspections, hazards, accidents to app_user;
grant insert on enforcement_actions, listed_supervisions to app_user;
grant update (display_name, role, jurisdiction_code, sectors, department, enterprise_id, active, password_hash)
  on users to app_user;
grant update (name, boundary, synthetic_boundary) on jurisdictions to app_user;
grant insert on jurisdictions to app_user;
grant insert on users to app_user;
grant execute on all functions in schema app to app_user;

alter table jurisdictions enable row level security;
alter table enterprises enable row level security;
alter table road_segments enable row level security;
alter table inspections enable row level security;
alter table enforcement_actions enable row level security;
alter table hazards enable row level security;
alter table hazard_history enable row level security;
alter table listed_supervisions enable row level security;
alter table accidents enable row level security;
alter table users enable row level security;

-- Jurisdictions: a user sees the units of their scope and the units above it (a county
-- official sees their city too); GB/T 2260 codes give the ancestors by prefix.
create policy jurisdictions_select on jurisdictions for select to app_user
  using (
    app.role() = 'admin'
    or (app.role() in ('leader', 'analyst', 'inspector', 'town', 'enterprise')
        and (app.in_jurisdiction(code)
             or code in (rpad(left(app.scope_prefix(), 2), 6, '0'),
                         rpad(left(app.scope_prefix(), 4), 6, '0'),
                         left(app.scope_prefix(), 6)))));
create policy jurisdictions_admin_insert on jurisdictions for insert to app_user
  with check (app.role() = 'admin');
create policy jurisdictions_admin_update on jurisdictions for update to app_user
  using (app.role() = 'admin') with check (app.role() = 'admin');

create policy enterprises_select on enterprises for select to app_user
  using (app.can_read(town_code, sector)
         or (app.role() = 'enterprise' and id = app.enterprise_id()));
create policy enterprises_insert on enterprises for insert to app_user
  with check (app.can_write(town_code, sector));
create policy enterprises_update on enterprises for update to app_user
  using (app.can_write(town_code, sector))
  with check (app.can_write(town_code, sector));

-- Road safety is the ROAD_TRAFFIC sector for department inspectors.
create policy road_segments_select on road_segments for select to app_user
  using (app.can_read(town_code, 'ROAD_TRAFFIC'));
create policy road_segments_insert on road_segments for insert to app_user
  with check (app.can_write(town_code, 'ROAD_TRAFFIC'));
create policy road_segments_update on road_segments for update to app_user
  using (app.can_write(town_code, 'ROAD_TRAFFIC'))
  with check (app.can_write(town_code, 'ROAD_TRAFFIC'));

create policy inspections_select on inspections for select to app_user
  using (app.can_read(town_code, sector)
         or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id()));
create policy inspections_insert on inspections for insert to app_user
  with check (app.can_write(town_code, sector));
create policy inspections_update on inspections for update to app_user
  using (app.can_write(town_code, sector))
  with check (app.can_write(town_code, sector));

-- Enforcement follows its inspection: visible where the inspection is.
create policy enforcement_actions_select on enforcement_actions for select to app_user
  using (exists (select 1 from inspections i where i.id = inspection_id));
create policy enforcement_actions_insert on enforcement_actions for insert to app_user
  with check (exists (select 1 from inspections i
                      where i.id = inspection_id and app.can_write(i.town_code, i.sector)));

-- Hazards: staff by scope; an enterprise its own, reporting only self-inspection finds.
-- The public never reads the ledger: its reports go through app.submit_public_report.
create policy hazards_select on hazards for select to app_user
  using (app.can_read(town_code, sector)
         or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id()));
create policy hazards_insert on hazards for insert to app_user
  with check (app.can_write(town_code, sector)
              or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id()
                  and source = 'SELF_INSPECTION'));
create policy hazards_update on hazards for update to app_user
  using (app.can_write(town_code, sector)
         or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id()))
  with check (app.can_write(town_code, sector)
              or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id()));

create policy hazard_history_select on hazard_history for select to app_user
  using (app.can_read(town_code, sector)
         or (app.role() = 'enterprise'
             and exists (select 1 from hazards h where h.id = hazard_id)));

create policy listed_supervisions_select on listed_supervisions for select to app_user
  using (app.can_read(town_code, sector)
         or (app.role() = 'enterprise'
             and exists (select 1 from hazards h where h.id = hazard_id)));
-- Listing is a government act: a department or the administrator, within scope. The scope
-- columns are copied from the hazard by a trigger before this check runs.
create policy listed_supervisions_insert on listed_supervisions for insert to app_user
  with check (app.role() in ('admin', 'inspector') and app.can_read(town_code, sector));

create policy accidents_select on accidents for select to app_user
  using (app.can_read(town_code, sector)
         or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id()));
create policy accidents_insert on accidents for insert to app_user
  with check (app.can_write(town_code, sector));
create policy accidents_update on accidents for update to app_user
  using (app.can_write(town_code, sector))
  with check (app.can_write(town_code, sector));

create policy users_select on users for select to app_user
  using (id = app.user_id() or app.role() = 'admin');
create policy users_admin_insert on users for insert to app_user
  with check (app.role() = 'admin');
create policy users_admin_update on users for update to app_user
  using (app.role() = 'admin') with check (app.role() = 'admin');

-- The public's report: the only write open to an anonymous caller. Security definer, so the
-- caller needs no grant on hazards and gets back only the receipt, never the ledger.
create function app.submit_public_report(
  p_description text, p_sector sector, p_lng double precision, p_lat double precision,
  p_place_name text, p_contact text
) returns table (receipt text, town_code jurisdiction_code, found_at timestamptz)
  language plpgsql security definer
  set search_path = public, app
  as $$
  declare
    point geometry := st_setsrid(st_makepoint(p_lng, p_lat), 4326);
    town jurisdiction_code;
    new_code text;
  begin
    town := app.town_at(point);
    if town is null then
      raise exception 'the location lies outside every known town' using errcode = 'RS003';
    end if;
    new_code := 'GZ-' || town || '-' || to_char(now(), 'YYYYMMDD') || '-'
                || upper(substr(md5(random()::text || clock_timestamp()::text), 1, 6));
    return query
      insert into hazards (code, description, level, sector, source, place_name, location,
                           town_code, found_at, reporter_contact)
      values (new_code, p_description, 'GENERAL', p_sector, 'PUBLIC_REPORT', p_place_name, point,
              town, now(), p_contact)
      returning hazards.code, hazards.town_code, hazards.found_at;
  end
  $$;
comment on function app.submit_public_report(text, sector, double precision, double precision, text, text) is
  'A citizen''s report (群众举报): creates a REPORTED hazard and returns only its receipt.';
grant execute on function app.submit_public_report(text, sector, double precision, double precision, text, text) to app_user;
