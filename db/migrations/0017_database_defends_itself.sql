-- The database defends itself against any SQL session of the app role, not only against
-- what the API sends (issue 9):
--   1. the API connects as `risk_api`, a login role that is neither superuser nor owner and
--      can only become app_user: `reset role` in its session leaves it with no privileges;
--   2. the request settings (app.role, app.scope_prefix, …) count only in the API's
--      sessions; any other session (an analyst's personal role) gets its scope from the
--      users table (users.db_role), or none;
--   3. security-definer functions search pg_temp last, and only the owner may create
--      temporary tables, so a temporary table cannot shadow hazard_transitions,
--      hazard_history or jurisdictions;
--   4. column-level grants: a change of a hazard's level, dates, listing or publication
--      goes only through paths that record history.
-- Written to be independent of the migrations placed before it: the search_path and the
-- grants are applied to whatever functions and tables exist, and tests assert the rules
-- for all of them, so objects added later are caught.

-- 1. The API's login role. Roles are cluster-wide, hence the guard (as for app_user in 0001).
-- NOINHERIT: it holds app_user's privileges only after `set role app_user`, so a `reset
-- role` leaves a session that may read and change nothing.
do $$
begin
  if not exists (select from pg_roles where rolname = 'risk_api') then
    create role risk_api login nosuperuser noinherit nocreatedb nocreaterole noreplication nobypassrls;
  end if;
end
$$;
grant app_user to risk_api;
-- Sign-in runs before any scope exists (app.login_candidate below).
grant usage on schema app to risk_api;

-- 3a. Temporary tables are not needed by the API or by analysts: only the owner (and
-- superusers) keep the right. Per database, so for whichever database this runs in.
do $$
begin
  execute format('revoke temporary on database %I from public', current_database());
end
$$;
-- No client may create objects that functions could resolve instead of ours (PostgreSQL 15
-- already revokes this by default; a cluster created earlier may still grant it).
revoke create on schema public from public;

-- 2. Whose settings count. session_user stays the login role inside security-definer
-- functions and after `set role`; only a superuser may change it (embedded mode: README).
-- The first comparison is what the API's sessions pay per row; pg_has_role admits login
-- roles granted risk_api and superusers (who bypass row-level security anyway).
create function app.is_api_session() returns boolean
  language sql stable
  as $$ select session_user = 'risk_api' or pg_has_role(session_user, 'risk_api', 'MEMBER') $$;
comment on function app.is_api_session() is
  'True in the API''s sessions (risk_api, a role granted it, or a superuser): only there do the app.* request settings count.';

-- The scope prefix of a GB/T 2260 code: '43' for the province 430000, '4309' for the city
-- 430900, the code itself for a county or a town. The api's codePrefix (viewer.ts) mirrors
-- it; a test checks that they agree on every jurisdiction.
create function app.code_prefix(code text) returns text
  language sql immutable strict
  as $$
    select case
      when length(code) = 9 then code
      when code like '%0000' then left(code, 2)
      when code like '%00' then left(code, 4)
      else code
    end
  $$;
comment on function app.code_prefix(text) is 'Prefix every town code under the jurisdiction starts with (GB/T 2260).';

alter table users add column db_role text unique check (db_role <> 'risk_api');
comment on column users.db_role is
  'The personal database login role of this user (an analyst with psql): sessions of that role get this user''s scope. Set by the owner only.';

-- The scope of a session that is not the API's: the active user mapped to its login role,
-- or nothing. Security definer: users and enterprises are read whatever the caller's scope.
create function app.db_role_setting(setting_name text) returns text
  language sql stable security definer
  set search_path = public, app, pg_temp
  as $$
    select case setting_name
      when 'user_id' then u.id::text
      when 'role' then u.role::text
      when 'scope_prefix' then
        case when u.role = 'admin' then ''
             else app.code_prefix(case when u.role = 'enterprise' then e.town_code else u.jurisdiction_code end) end
      when 'sectors' then array_to_string(u.sectors, ',')
      when 'enterprise_id' then u.enterprise_id::text
    end
    from users u left join enterprises e on e.id = u.enterprise_id
    where u.db_role = session_user and u.active
  $$;
comment on function app.db_role_setting(text) is
  'A scope setting of a session that is not the API''s, from the user mapped to its login role (users.db_role); null when none.';

-- The note a trigger records is not scope: any session may give its reason.
create or replace function app.setting(name text) returns text
  language sql stable
  as $$
    select case when name = 'note' or app.is_api_session()
                then nullif(current_setting('app.' || name, true), '')
                else nullif(app.db_role_setting(name), '') end
  $$;
comment on function app.setting(text) is
  'A request setting (app.<name>) in the API''s sessions; elsewhere the mapped user''s (users.db_role). Null when none.';

-- '' (the admin's every jurisdiction) stays '', unlike app.setting.
create or replace function app.scope_prefix() returns text
  language sql stable
  as $$
    select case when app.is_api_session() then current_setting('app.scope_prefix', true)
                else app.db_role_setting('scope_prefix') end
  $$;

-- Sign-in reads the account before any scope exists. Only the API's login role may call
-- it: it returns a password hash.
create function app.login_candidate(p_username text)
  returns table (id bigint, username text, password_hash text, role text, jurisdiction_code text,
                 sectors text[], enterprise_id bigint, enterprise_town_code text, active boolean,
                 display_name text, department text)
  language sql stable security definer
  set search_path = public, app, pg_temp
  as $$
    select u.id, u.username, u.password_hash, u.role, u.jurisdiction_code, u.sectors::text[],
           u.enterprise_id, e.town_code, u.active, u.display_name, u.department
    from users u left join enterprises e on e.id = u.enterprise_id
    where u.username = p_username
  $$;
comment on function app.login_candidate(text) is 'The account of a username, for sign-in; executable by the API''s login role only.';
revoke execute on function app.login_candidate(text) from public;
grant execute on function app.login_candidate(text) to risk_api;
-- The audit log's functions that the api's own sessions call: a request opens by re-reading
-- its account (app.session_viewer, before it takes app_user's role), and a sign-in with a
-- hash of older parameters replaces it. Both revoked from public where they were made.
grant execute on function app.session_viewer(bigint), app.replace_password_hash(bigint, text, text, text) to risk_api;

-- 4. Column-level grants. A hazard changes only along the API's paths: its status, the five
-- in place and its publication (the history triggers record every move, the deadline's and
-- 公示's included). Level, found_at, closed_at and listed_level are the owner's or a
-- security-definer path's (listing: app.after_listing). A new hazard starts REPORTED,
-- unlisted, unpublished.
revoke insert, update on hazards from app_user;
grant insert (code, description, level, sector, hazard_type, source, enterprise_id, road_segment_id, place_name,
              inspection_id, location, town_code, found_at, reporter_user_id) on hazards to app_user;
grant update (status, responsible_person, measures, funds_yuan, deadline, contingency_plan, published) on hazards to app_user;

-- Every other table app_user inserts into or updates: every column except the bookkeeping
-- that triggers and defaults keep (version, created_at, updated_at) and the demo label.
-- A forged created_at would hide a late accident report (迟报).
do $$
declare
  grant_row record;
  writable text;
begin
  for grant_row in
    select c.oid::regclass as tbl, a.privilege_type as priv
    from pg_class c, aclexplode(c.relacl) a
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname <> 'hazards'
      and a.grantee = 'app_user'::regrole and a.privilege_type in ('INSERT', 'UPDATE')
  loop
    select string_agg(quote_ident(attname), ', ' order by attnum) into writable
    from pg_attribute
    where attrelid = grant_row.tbl and attnum > 0 and not attisdropped
      and attname not in ('version', 'created_at', 'updated_at', 'synthetic');
    execute format('revoke %s on %s from app_user', grant_row.priv, grant_row.tbl);
    execute format('grant %s (%s) on %s to app_user', grant_row.priv, writable, grant_row.tbl);
  end loop;
end
$$;

-- A deadline is noted at registration or set when rectification starts (0009); after that
-- it only moves later, with a reason (0003). Setting one on a registered hazard that had
-- none would leave no history: refused.
create function app.refuse_deadline_outside_start() returns trigger
  language plpgsql
  as $$
  begin
    if old.deadline is null and new.deadline is not null
       and not (old.status = 'REPORTED' and new.status = 'RECTIFYING') then
      raise exception 'a deadline is set when rectification starts' using errcode = 'RS002';
    end if;
    return new;
  end
  $$;
comment on function app.refuse_deadline_outside_start() is
  'Refuses a first deadline set other than by starting rectification, which would leave no history.';
create trigger hazards_deadline_set_at_start before update of deadline on hazards
  for each row execute function app.refuse_deadline_outside_start();

-- 3b. Every security-definer function searches public and app, then pg_temp last (pg_catalog
-- is always first): without pg_temp named, it is searched first, and a temporary table
-- named hazard_transitions would decide the status flow. Functions of extensions are theirs.
do $$
declare
  fn regprocedure;
begin
  for fn in
    select p.oid::regprocedure from pg_proc p
    where p.prosecdef and p.pronamespace in ('app'::regnamespace, 'public'::regnamespace)
      and not exists (select from pg_depend d
                      where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
  loop
    execute format('alter function %s set search_path = public, app, pg_temp', fn);
  end loop;
end
$$;

-- 5. Which towns and places a transaction wrote, so the api renews only the cached tiles and
-- figures a write can affect (api/src/common/derived-cache.ts). Rows are noted in a
-- transaction-local setting, old and new version alike (a move affects both places), only
-- when the api asks for it (app.track_writes): bulk loads pay nothing. Whatever a session
-- notes there affects only what that session reads back.
create function app.note_write() returns trigger
  language plpgsql
  as $$
  declare
    town_column constant text := tg_argv[0];
    geom_column constant text := tg_argv[1];
    noted text := coalesce(current_setting('app.writes', true), '');
    which text;
    town text;
    box box2d;
  begin
    if current_setting('app.track_writes', true) is distinct from 'on' then
      return null;
    end if;
    foreach which in array case when tg_op = 'UPDATE' then array['old', 'new'] else array['new'] end loop
      if geom_column is null then
        execute format('select ($1).%I::text, null::box2d', town_column)
          into town, box using case which when 'old' then old else new end;
      else
        execute format('select ($1).%I::text, box2d(($1).%I)', town_column, geom_column)
          into town, box using case which when 'old' then old else new end;
      end if;
      noted := noted || coalesce(town, '') || '|'
               || coalesce(concat_ws(',', st_xmin(box), st_ymin(box), st_xmax(box), st_ymax(box)), '') || ';';
    end loop;
    perform set_config('app.writes', noted, true);
    return null;
  end
  $$;
comment on function app.note_write() is
  'Notes the town and extent of each written row version in app.writes when app.track_writes is on (the api''s cache renewal).';

create trigger hazards_note_write after insert or update on hazards
  for each row execute function app.note_write('town_code', 'location');
create trigger enterprises_note_write after insert or update on enterprises
  for each row execute function app.note_write('town_code', 'location');
create trigger accidents_note_write after insert or update on accidents
  for each row execute function app.note_write('town_code', 'location');
create trigger road_segments_note_write after insert or update on road_segments
  for each row execute function app.note_write('town_code', 'geom');
-- Counted in the figures, drawn on no tile: the town alone.
create trigger inspections_note_write after insert or update on inspections
  for each row execute function app.note_write('town_code');
create trigger enforcement_actions_note_write after insert on enforcement_actions
  for each row execute function app.note_write('town_code');
create trigger listed_supervisions_note_write after insert on listed_supervisions
  for each row execute function app.note_write('town_code');
-- A jurisdiction's code is its own "town": a changed county renews its county and above.
create trigger jurisdictions_note_write after insert or update on jurisdictions
  for each row execute function app.note_write('code', 'boundary');
