-- Importing ledgers (台账导入): enterprises, hazards, road segments, inspections and
-- accidents from Excel, CSV, GeoJSON and Shapefile (api/src/import, docs/import.md).
--
-- A file is read into import_rows (one jsonb per row) and checked there: the dry run. Nothing
-- reaches the ledger until the user confirms, and the confirmation is one set-based
-- transaction over the staged rows, run as the user under row-level security, through the
-- same triggers and status flow as any other write. Every history entry it writes names the
-- import (import_id), and the note says which file.

create table import_runs (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('enterprises', 'hazards', 'road-segments', 'inspections', 'accidents')),
  user_id bigint not null default app.user_id() references users (id) on delete restrict,
  file_name text not null check (length(file_name) between 1 and 255),
  file_format text not null check (file_format in ('xlsx', 'csv', 'geojson', 'shapefile')),
  -- The original file: the error report is this file with an error column added.
  file_bytes bytea not null,
  crs text not null check (crs in ('WGS84', 'CGCS2000', 'GCJ02', 'BD09')),
  encoding text not null default 'auto' check (encoding in ('auto', 'utf-8', 'gb18030')),
  status text not null default 'READING' check (status in ('READING', 'CHECKED', 'CONFIRMING', 'DONE', 'FAILED', 'CANCELLED')),
  total_rows integer,
  processed_rows integer not null default 0,
  columns text[] not null default '{}',
  -- The spreadsheet row that holds the headers (a county ledger has a title above them).
  header_row integer,
  mapping jsonb not null default '{}',
  unmapped_required text[] not null default '{}',
  valid_rows integer not null default 0,
  problem_count integer not null default 0,
  inserted integer not null default 0,
  updated integer not null default 0,
  unchanged integer not null default 0,
  placed_at_town integer not null default 0,
  -- Why the run failed as a whole (unreadable file, a refusal at confirm), in Chinese.
  error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
comment on table import_runs is 'One import of a ledger file (导入批次): the file, its dry run''s figures and its outcome.';
comment on column import_runs.kind is 'What the file holds: enterprises, hazards, road-segments, inspections or accidents.';
comment on column import_runs.user_id is 'Who imports; the run is theirs alone (and the admin''s).';
comment on column import_runs.file_bytes is 'The file as uploaded, for the error report (原文件加错误原因列).';
comment on column import_runs.crs is 'The coordinate system the file''s coordinates are in; they are stored as WGS84.';
comment on column import_runs.status is 'READING → CHECKED (dry run done) → CONFIRMING → DONE; FAILED; CANCELLED.';
comment on column import_runs.processed_rows is 'Rows read (READING) or written (CONFIRMING) so far: the progress bar.';
comment on column import_runs.mapping is 'Field name → the file''s column used for it.';
comment on column import_runs.unmapped_required is 'Required fields no column maps to: confirm is refused while any.';
comment on column import_runs.placed_at_town is 'Rows with an address but no coordinates, placed at their town and flagged.';

create index import_runs_user on import_runs (user_id, created_at desc);

create table import_rows (
  import_id uuid not null references import_runs (id) on delete cascade,
  row_number integer not null,
  -- The cells as read, by column header; a spatial record's geometry under the key "@geometry".
  source jsonb not null,
  -- The row as the ledger will take it (field name → value, coordinates in WGS84), once checked.
  record jsonb,
  -- [{column, value, reason}], reasons in Chinese; empty when the row is fine.
  problems jsonb not null default '[]',
  -- What confirm does with it: INSERT, UPDATE or UNCHANGED (by the key of its kind).
  action text check (action in ('INSERT', 'UPDATE', 'UNCHANGED')),
  -- The existing row the key names, when there is one the user may see.
  target_id bigint,
  primary key (import_id, row_number)
);
comment on table import_rows is 'The staged rows of an import: read, checked and written in sets, never held in memory whole.';
comment on column import_rows.row_number is 'The row''s number in the file as the user sees it (a spreadsheet row, a record number).';
-- The problems of a run, by row, without reading its clean rows (a run may stage 100,000).
create index import_rows_problems on import_rows (import_id, row_number) where problems <> '[]'::jsonb;

create table import_mappings (
  user_id bigint not null default app.user_id() references users (id) on delete cascade,
  kind text not null check (kind in ('enterprises', 'hazards', 'road-segments', 'inspections', 'accidents')),
  mapping jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (user_id, kind)
);
comment on table import_mappings is 'The last column mapping each user confirmed for each kind: suggested for their next file.';

alter table import_runs enable row level security;
alter table import_rows enable row level security;
alter table import_mappings enable row level security;

-- An import is its user's own: its file may hold rows of any town, out of scope rows included
-- (the dry run reports them), so no one else reads it; the administrator sees every run.
create policy import_runs_own on import_runs to app_user
  using (user_id = app.user_id() or app.role() = 'admin')
  with check (user_id = app.user_id());
create policy import_rows_own on import_rows to app_user
  using (exists (select 1 from import_runs r where r.id = import_id and (r.user_id = app.user_id() or app.role() = 'admin')))
  with check (exists (select 1 from import_runs r where r.id = import_id and r.user_id = app.user_id()));
create policy import_mappings_own on import_mappings to app_user
  using (user_id = app.user_id()) with check (user_id = app.user_id());

grant select, insert (kind, file_name, file_format, file_bytes, crs, encoding),
      update (status, total_rows, processed_rows, columns, header_row, mapping, unmapped_required, valid_rows, problem_count,
              inserted, updated, unchanged, placed_at_town, error, finished_at)
  on import_runs to app_user;
grant select, insert (import_id, row_number, source, record, problems, action, target_id),
      update (record, problems, action, target_id)
  on import_rows to app_user;
grant select, insert (kind, mapping), update (mapping, updated_at) on import_mappings to app_user;

-- The keys of kinds that have no natural one: a declared external id (the ledger's own 编号),
-- so that importing the same file again finds the rows it brought.
alter table road_segments add column external_id text check (length(external_id) between 1 and 100);
alter table inspections add column external_id text check (length(external_id) between 1 and 100);
alter table accidents add column external_id text check (length(external_id) between 1 and 100);
comment on column road_segments.external_id is 'The ledger''s own id of the segment (导入编号), the key of re-imports.';
comment on column inspections.external_id is 'The ledger''s own id of the inspection (导入编号), the key of re-imports.';
comment on column accidents.external_id is 'The ledger''s own id of the accident (导入编号), the key of re-imports.';
create unique index road_segments_external_id on road_segments (external_id);
create unique index inspections_external_id on inspections (external_id);
create unique index accidents_external_id on accidents (external_id);
grant insert (external_id) on road_segments to app_user;
grant insert (external_id) on inspections to app_user;
grant insert (external_id) on accidents to app_user;

-- Which import brought a row: every history entry written while an import is confirmed
-- names it (app.import_id is set for that transaction only). Inspections have no history
-- table: the row itself names the import that brought it.
alter table hazard_history add column import_id uuid default nullif(app.setting('import_id'), '')::uuid
  references import_runs (id) on delete restrict;
alter table record_history add column import_id uuid default nullif(app.setting('import_id'), '')::uuid
  references import_runs (id) on delete restrict;
alter table inspections add column import_id uuid default nullif(app.setting('import_id'), '')::uuid
  references import_runs (id) on delete restrict;
comment on column hazard_history.import_id is 'The import (导入批次) that wrote this entry; null for every other write.';
comment on column record_history.import_id is 'The import (导入批次) that wrote this entry; null for every other write.';
comment on column inspections.import_id is 'The import (导入批次) that brought this inspection; null when recorded in the app.';
create index hazard_history_import on hazard_history (import_id) where import_id is not null;
create index record_history_import on record_history (import_id) where import_id is not null;

-- The closed loop's separation of duties (0012) is about acts: whoever starts or submits a
-- rectification does not verify it. A ledger's imported history records what others did
-- before the file was brought in, not acts of the importing user, so its transitions do not
-- count as the importer's part in the rectification. Every other rule of the status flow
-- (the flow itself, roles, level of the verifier, the evaluation, the after photo) holds for
-- an import as for any write.
create or replace function app.took_part_in_rectification(hazard_id bigint) returns boolean
  language sql stable security definer
  set search_path = public, app, pg_temp
  as $$
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
comment on function app.took_part_in_rectification(bigint) is
  'Whether the request''s user started or submitted the hazard''s current rectification cycle (history TRANSITION rows, imported ones excepted).';

-- Keys of the file that already name a row outside the importer's sight: the insert would
-- fail on the unique key, and the dry run must say so with the row, not at confirm.
create function app.import_keys_taken(kind text, keys text[]) returns setof text
  language sql stable security definer
  set search_path = public, app, pg_temp
  as $$
    select k from unnest(keys) k
    where case kind
      when 'enterprises' then exists (select 1 from enterprises e where e.credit_code = k)
      when 'hazards' then exists (select 1 from hazards h where h.code = k)
      when 'road-segments' then exists (select 1 from road_segments s where s.external_id = k)
      when 'inspections' then exists (select 1 from inspections i where i.external_id = k)
      when 'accidents' then exists (select 1 from accidents a where a.external_id = k)
    end
  $$;
comment on function app.import_keys_taken(text, text[]) is
  'The keys (credit codes, hazard codes, external ids) of `kind` that some row holds, in any scope: the import''s dry run reports those it cannot see.';
revoke all on function app.import_keys_taken(text, text[]) from public;
grant execute on function app.import_keys_taken(text, text[]) to app_user;

-- Towns by what a ledger row says of them: its name or code, or a name in its address. Any
-- town of the deployment, in or out of the importer's scope: the dry run then says "not in
-- your jurisdiction" rather than "unknown town". Names and codes of towns are public.
create function app.towns_named(town text) returns setof jurisdiction_code
  language sql stable security definer
  set search_path = public, app, pg_temp
  as $$
    select code from jurisdictions
    where level = 'town' and (code = trim(town) or name = trim(town))
    order by code
  $$;
comment on function app.towns_named(text) is 'The towns whose code or name a ledger cell gives (more than one: the name is ambiguous).';

create function app.town_in_text(address text) returns jurisdiction_code
  language sql stable security definer
  set search_path = public, app, pg_temp
  as $$
    select t.code from jurisdictions t
    where t.level = 'town' and strpos(address, t.name) > 0
    -- The longest name found (长春镇 before 春镇); between namesakes, the one whose county the text names too.
    order by length(t.name) desc,
             (select strpos(address, c.name) > 0 from jurisdictions c where c.code = t.parent_code) desc nulls last,
             t.code
    limit 1
  $$;
comment on function app.town_in_text(text) is 'The town whose name an address names (longest name first); null when none.';

grant execute on function app.towns_named(text) to app_user;
grant execute on function app.town_in_text(text) to app_user;

create function app.town_anchor(town jurisdiction_code) returns geometry
  language sql stable security definer
  set search_path = public, app, pg_temp
  as $$ select st_pointonsurface(boundary) from jurisdictions where code = town and level = 'town' $$;
comment on function app.town_anchor(jurisdiction_code) is
  'A point inside the town (ST_PointOnSurface): where a row with an address but no coordinates is placed, and flagged.';
grant execute on function app.town_anchor(jurisdiction_code) to app_user;
