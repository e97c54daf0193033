-- Briefings (通报) and quarterly statistics tables (隐患排查治理情况统计分析表), kept.
--
-- A leader, an analyst or the administrator makes one on demand for a unit in their scope
-- and a period; the files are stored as they were made (the figures of that day), so the
-- same document can be downloaded again later and handed around. Nothing is edited or
-- deleted: a newer document for the same unit and period is a new row.

create table briefings (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('MONTHLY', 'QUARTERLY')),
  -- The unit the document is about. Its code works as a row's town_code in the scope
  -- policies: a prefix range, so a county's document is in the sight of the county and of
  -- the city above it, not of a town below it.
  jurisdiction_code jurisdiction_code not null references jurisdictions (code) on delete restrict,
  period_from date not null,
  period_to date not null,
  title text not null check (length(title) between 1 and 200),
  docx bytea,
  pdf bytea,
  xlsx bytea,
  created_by bigint default app.user_id() references users (id) on delete restrict,
  created_at timestamptz not null default now(),
  constraint briefings_period check (period_from <= period_to),
  constraint briefings_files check (case kind
    when 'MONTHLY' then docx is not null and pdf is not null
    else xlsx is not null end)
);
comment on table briefings is
  'Monthly briefings (通报, DOCX and PDF) and quarterly statistics tables (XLSX) as they were generated; append-only.';
comment on column briefings.kind is 'MONTHLY: 月度通报 (docx, pdf); QUARTERLY: 隐患排查治理情况统计分析表 (xlsx).';
comment on column briefings.jurisdiction_code is 'The unit reported on; also the row''s scope (like town_code).';
comment on column briefings.period_from is 'First day of the month or quarter reported on.';
comment on column briefings.period_to is 'Last day of the period (whole days, both ends included).';
comment on column briefings.title is 'The document''s title, e.g. 益阳市2026年10月安全生产隐患排查治理情况通报.';
comment on column briefings.docx is 'The briefing as Word (what offices edit); MONTHLY only.';
comment on column briefings.pdf is 'The briefing as PDF, Chinese fonts embedded; MONTHLY only.';
comment on column briefings.xlsx is 'The quarterly statistics table; QUARTERLY only.';
comment on column briefings.created_by is 'The user who generated it.';

create index briefings_scope on briefings (jurisdiction_code collate "C", created_at desc);

alter table briefings enable row level security;

create policy briefings_select on briefings for select to app_user
  using (app.can_read(jurisdiction_code, null));
-- Reports upward are made by those who read the whole unit: leaders, analysts and the
-- administrator, for a unit in their scope, as themselves.
create policy briefings_insert on briefings for insert to app_user
  with check (app.role() in ('admin', 'leader', 'analyst') and app.can_read(jurisdiction_code, null)
              and created_by is not distinct from app.user_id());

grant select (id, kind, jurisdiction_code, period_from, period_to, title, docx, pdf, xlsx, created_by, created_at) on briefings to app_user;
grant insert (kind, jurisdiction_code, period_from, period_to, title, docx, pdf, xlsx) on briefings to app_user;
