-- Extensions, the request role, the enumerations of the domain and shared helpers.

create extension if not exists postgis;
create extension if not exists pg_trgm;

-- Every API request runs as this role (`set local role app_user`), so row-level security
-- applies even when the connecting user is the owner or a superuser. Roles are cluster-wide,
-- hence the guard: several databases of one cluster (tests, CI) share it.
do $$
begin
  if not exists (select from pg_roles where rolname = 'app_user') then
    create role app_user nologin;
  end if;
end
$$;

create schema app;
comment on schema app is 'Helpers for scope (row-level security), validation and triggers.';
grant usage on schema app to app_user;
grant usage on schema public to app_user;

-- GB/T 2260 codes: 6 digits for province, city and county-level units, 9 for towns and
-- streets. Collation "C" makes prefix ranges (`code >= p and code < p || ':'`) bytewise, so
-- scope checks can use a plain btree index.
create domain jurisdiction_code as text collate "C"
  check (value ~ '^[0-9]{6}([0-9]{3})?$');

create domain jurisdiction_level as text
  check (value in ('province', 'city', 'county', 'town'));

create domain sector as text
  check (value in (
    'HAZARDOUS_CHEMICALS', 'COAL_MINE', 'NON_COAL_MINE', 'ROAD_TRAFFIC', 'WATER_TRAFFIC',
    'CONSTRUCTION', 'FIRE_SAFETY', 'SPECIAL_EQUIPMENT', 'FIREWORKS', 'CITY_GAS',
    'INDUSTRY_TRADE', 'FISHING_VESSEL', 'NEW_ENERGY', 'CROWDED_PLACE'));

create domain risk_level as text
  check (value in ('RED', 'ORANGE', 'YELLOW', 'BLUE'));

create domain hazard_level as text
  check (value in ('GENERAL', 'MAJOR'));

create domain hazard_status as text
  check (value in ('REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED'));

create domain hazard_source as text
  check (value in ('SELF_INSPECTION', 'DEPARTMENT_INSPECTION', 'SUPERVISION',
                   'UNANNOUNCED_VISIT', 'PUBLIC_REPORT'));

create domain supervision_level as text
  check (value in ('COUNTY', 'CITY', 'PROVINCE'));

create domain user_role as text
  check (value in ('admin', 'leader', 'analyst', 'inspector', 'town', 'enterprise', 'public'));

-- Scope of the current request, set with set_config(..., true) by the API at the start of
-- each transaction. Empty or missing settings mean "no scope": every policy then denies.
create function app.setting(name text) returns text
  language sql stable
  as $$ select nullif(current_setting('app.' || name, true), '') $$;
comment on function app.setting(text) is 'A request setting (app.<name>) or null.';

create function app.user_id() returns bigint
  language sql stable
  as $$ select app.setting('user_id')::bigint $$;

create function app.role() returns text
  language sql stable
  as $$ select app.setting('role') $$;

create function app.enterprise_id() returns bigint
  language sql stable
  as $$ select app.setting('enterprise_id')::bigint $$;

create function app.sectors() returns text[]
  language sql stable
  as $$ select coalesce(string_to_array(app.setting('sectors'), ','), '{}') $$;

-- The scope prefix is the code prefix of the user's jurisdiction: '4309' for the city
-- 430900, '430902' for a county, the whole 9 digits for a town, '' for admin.
create function app.scope_prefix() returns text
  language sql stable
  as $$ select current_setting('app.scope_prefix', true) $$;

-- Whether a row of the given town lies in the jurisdiction scope of the request. Written as
-- a range over the "C" collation rather than LIKE, so that it stays index-friendly when the
-- prefix is a runtime value.
create function app.in_jurisdiction(town jurisdiction_code) returns boolean
  language sql stable
  as $$
    select app.scope_prefix() is not null
       and town >= app.scope_prefix()::jurisdiction_code
       and town < (app.scope_prefix() || ':') collate "C"
  $$;
comment on function app.in_jurisdiction(jurisdiction_code) is
  'True when the town code lies under the request''s scope prefix (all codes for admin).';

-- Read scope shared by every town-scoped table: leaders, analysts, town officials and
-- admins by jurisdiction; department inspectors by jurisdiction and their sectors.
create function app.can_read(town jurisdiction_code, row_sector text) returns boolean
  language sql stable
  as $$
    select case app.role()
      when 'admin' then true
      when 'leader' then app.in_jurisdiction(town)
      when 'analyst' then app.in_jurisdiction(town)
      when 'town' then app.in_jurisdiction(town)
      when 'inspector' then app.in_jurisdiction(town)
                            and (row_sector is null or row_sector = any(app.sectors()))
      else false
    end
  $$;

-- Write scope: the same as read for admins, town officials and inspectors; leaders and
-- analysts only read.
create function app.can_write(town jurisdiction_code, row_sector text) returns boolean
  language sql stable
  as $$
    select app.role() in ('admin', 'town', 'inspector') and app.can_read(town, row_sector)
  $$;

-- Optimistic locking and timestamps for every mutable table.
create function app.touch() returns trigger
  language plpgsql
  as $$
  begin
    new.version := old.version + 1;
    new.updated_at := now();
    return new;
  end
  $$;

-- Unified social credit code, GB 32100-2015: 18 characters from a 31-character alphabet
-- (no I, O, S, V, Z); the last is a check character over the first 17 with weights 3^i mod 31.
create function app.is_valid_credit_code(code text) returns boolean
  language plpgsql immutable strict
  as $$
  declare
    alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
    weights constant int[] := array[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    total int := 0;
    pos int;
    check_value int;
  begin
    if code !~ '^[0-9A-HJ-NPQRTUWXY]{18}$' then
      return false;
    end if;
    for i in 1..17 loop
      pos := strpos(alphabet, substr(code, i, 1)) - 1;
      total := total + pos * weights[i];
    end loop;
    check_value := (31 - total % 31) % 31;
    return substr(alphabet, check_value + 1, 1) = substr(code, 18, 1);
  end
  $$;
comment on function app.is_valid_credit_code(text) is
  'GB 32100-2015 check of an 18-character unified social credit code.';
