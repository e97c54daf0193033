-- Two scope leaks closed for every client, not only the API (issue 9, "Hardening").
--
-- 1. An accident linked to an enterprise the writer cannot see: the foreign key is checked
--    outside row-level security, so any enterprise id was accepted. The enterprise must be
--    visible to the writer (the subquery runs under the writer's own policies).
-- 2. An enterprise's self-inspection find located anywhere: the policy checked only that the
--    hazard was the enterprise's own. It must lie in the enterprise's town (the town is
--    derived from the location by app.place_in_town before the policy is checked).

drop policy accidents_insert on accidents;
create policy accidents_insert on accidents for insert to app_user
  with check (app.can_write(town_code, sector)
              and (enterprise_id is null or exists (select 1 from enterprises e where e.id = enterprise_id)));
drop policy accidents_update on accidents;
create policy accidents_update on accidents for update to app_user
  using (app.can_write(town_code, sector))
  with check (app.can_write(town_code, sector)
              and (enterprise_id is null or exists (select 1 from enterprises e where e.id = enterprise_id)));

drop policy hazards_insert on hazards;
create policy hazards_insert on hazards for insert to app_user
  with check (app.can_write(town_code, sector)
              or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id()
                  and source = 'SELF_INSPECTION'
                  and town_code = (select e.town_code from enterprises e where e.id = app.enterprise_id())));
