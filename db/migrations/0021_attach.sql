-- Attachments (issue 10, parts 2 and 3): photos and documents of hazards (整改前后照片, the
-- evaluation of a major hazard), inspections and accidents, kept in the database in both
-- modes; photos a citizen adds to a report; the status of a report by its receipt; and a
-- deployment setting that makes passing a major hazard need an "after" photo.

-- What an attachment shows. A hazard's: before, during or after rectification, or the
-- evaluation of a major hazard (治理评估); an inspection's or an accident's: evidence.
create domain attachment_kind as text
  check (value in ('BEFORE', 'DURING', 'AFTER', 'EVALUATION', 'EVIDENCE'));

-- Why bytea in the ledger's own database rather than files on disk: the embedded mode has no
-- second store to back up, row-level security decides who reads a photo exactly as it decides
-- who reads its record, and a photo is never lost from its record by a restore of one of two
-- stores. Images arrive re-encoded and shrunk by the api (a few hundred KB), so the table
-- stays small next to what TOAST handles well.
create table attachments (
  id bigint generated always as identity primary key,
  hazard_id bigint references hazards (id) on delete restrict,
  inspection_id bigint references inspections (id) on delete restrict,
  accident_id bigint references accidents (id) on delete restrict,
  kind attachment_kind not null,
  content_type text not null check (content_type in ('image/jpeg', 'application/pdf')),
  file_name text not null check (length(file_name) between 1 and 200),
  byte_size integer not null check (byte_size > 0),
  width integer check (width > 0),
  height integer check (height > 0),
  content bytea not null,
  thumbnail bytea,
  town_code jurisdiction_code not null,
  sector sector not null,
  enterprise_id bigint,
  uploaded_by bigint references users (id) on delete restrict,
  created_at timestamptz not null default now(),
  check (num_nonnulls(hazard_id, inspection_id, accident_id) = 1),
  -- Before, during, after and evaluation are stages of a hazard's rectification.
  check ((kind = 'EVIDENCE') = (hazard_id is null)),
  check ((content_type = 'image/jpeg') = (thumbnail is not null and width is not null and height is not null))
);
comment on table attachments is
  'Photos (re-encoded JPEG with a thumbnail) and PDF documents of hazards, inspections and accidents. Never updated or deleted; readable exactly where the record is.';
comment on column attachments.kind is
  'BEFORE, DURING, AFTER rectification or EVALUATION (治理评估) for a hazard; EVIDENCE for an inspection or an accident.';
comment on column attachments.content is 'The file as stored: an image re-encoded by the api (EXIF stripped, rotated, shrunk), or a PDF as sent.';
comment on column attachments.thumbnail is 'A small JPEG of an image, for lists; null for documents.';
comment on column attachments.town_code is 'Scope copied from the record by trigger (app.attachment_scope).';
comment on column attachments.sector is 'Scope copied from the record by trigger.';
comment on column attachments.enterprise_id is 'The record''s enterprise, whose user reads it as it reads the record.';
comment on column attachments.uploaded_by is 'The signed-in user of the request; null for a citizen''s photo of a public report.';
create index attachments_hazard_idx on attachments (hazard_id) where hazard_id is not null;
create index attachments_inspection_idx on attachments (inspection_id) where inspection_id is not null;
create index attachments_accident_idx on attachments (accident_id) where accident_id is not null;
create index attachments_town_idx on attachments (town_code);

-- Scope from the record, whatever the client sent: security definer, since the record may be
-- one the policy below then refuses to let the caller attach to.
create function app.attachment_scope() returns trigger
  language plpgsql security definer
  set search_path = public, app, pg_temp
  as $$
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
comment on function app.attachment_scope() is 'Copies town, sector and enterprise of an attachment''s record, and the uploader.';
create trigger attachments_scope before insert on attachments
  for each row execute function app.attachment_scope();

-- Never changed: a photo is evidence. Even the owner is refused (append-only, RS004).
create function app.refuse_attachment_change() returns trigger
  language plpgsql
  as $$
  begin
    raise exception 'attachments are evidence: they are never changed or deleted' using errcode = 'RS004';
  end
  $$;
create trigger attachments_append_only before update or delete or truncate on attachments
  for each statement execute function app.refuse_attachment_change();

-- History: an "attachment added" event of the record (docs/history.md).
alter table hazard_history drop constraint hazard_history_event_check;
alter table hazard_history add constraint hazard_history_event_check
  check (event in ('CREATED', 'TRANSITION', 'DEADLINE_EXTENDED', 'LISTED', 'PUBLISHED', 'UNPUBLISHED', 'ESCALATED', 'ATTACHMENT_ADDED'));
alter table hazard_history add column attachment_id bigint references attachments (id) on delete restrict;
comment on column hazard_history.attachment_id is 'The attachment an ATTACHMENT_ADDED entry records.';
alter table record_history drop constraint record_history_event_check;
alter table record_history add constraint record_history_event_check
  check (event in ('CREATED', 'UPDATED', 'REPORTED', 'SUPPLEMENTED', 'ATTACHMENT_ADDED'));
alter domain history_entity drop constraint history_entity_check;
alter domain history_entity add constraint history_entity_check
  check (value in ('enterprise', 'accident', 'road_segment', 'listed_supervision', 'user', 'inspection'));

create function app.record_attachment_history() returns trigger
  language plpgsql security definer
  set search_path = public, app, pg_temp
  as $$
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
comment on function app.record_attachment_history() is 'Writes the "attachment added" entry of the record''s history.';
create trigger attachments_history after insert on attachments
  for each row execute function app.record_attachment_history();

-- Readable exactly as the record: staff in scope, an enterprise user its own enterprise's.
-- Attached by who may write the record: staff in write scope; an enterprise user to its own
-- hazards (the evidence of its rectification), as hazards_update lets it record that.
create function app.may_attach(town jurisdiction_code, row_sector text, row_enterprise bigint, to_hazard boolean) returns boolean
  language sql stable
  as $$
    select app.can_write(town, row_sector)
        or (to_hazard and app.role() = 'enterprise' and row_enterprise is not distinct from app.enterprise_id())
  $$;
comment on function app.may_attach(jurisdiction_code, text, bigint, boolean) is
  'Whether the request may attach a file to a record of this scope: the insert policy of attachments, and Hazard.viewerMayAttach.';
grant execute on function app.may_attach(jurisdiction_code, text, bigint, boolean) to app_user;

alter table attachments enable row level security;
create policy attachments_select on attachments for select to app_user
  using (app.can_read(town_code, sector)
         or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id()));
create policy attachments_insert on attachments for insert to app_user
  with check (app.may_attach(town_code, sector, enterprise_id, hazard_id is not null));
grant select (id, hazard_id, inspection_id, accident_id, kind, content_type, file_name, byte_size, width, height,
              content, thumbnail, town_code, sector, enterprise_id, uploaded_by, created_at) on attachments to app_user;
grant insert (hazard_id, inspection_id, accident_id, kind, content_type, file_name, byte_size, width, height,
              content, thumbnail) on attachments to app_user;

-- A citizen's photos (群众举报): up to three, within an hour of the report, by its receipt.
-- The public reads nothing of the ledger, so this is security definer, and answers the same
-- refusal whether the receipt is unknown, not a public report's, too old or full, so that
-- receipts cannot be probed through it.
create function app.add_public_report_photo(
  p_receipt text, p_file_name text, p_byte_size integer, p_width integer, p_height integer,
  p_content bytea, p_thumbnail bytea
) returns bigint
  language plpgsql security definer
  set search_path = public, app, pg_temp
  as $$
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
comment on function app.add_public_report_photo(text, text, integer, integer, integer, bytea, bytea) is
  'A citizen''s photo of their own new report (by receipt, within an hour, up to three): RS041 otherwise.';
grant execute on function app.add_public_report_photo(text, text, integer, integer, integer, bytea, bytea) to app_user;

-- What a citizen may know of their report: its status and dates, never notes, people, other
-- reports or the contact.
create function app.public_report_status(p_receipt text)
  returns table (receipt text, status hazard_status, reported_at timestamptz, status_changed_at timestamptz, closed_at timestamptz)
  language sql stable security definer
  set search_path = public, app, pg_temp
  as $$
    select h.code, h.status, h.found_at,
           (select max(e.at) from hazard_history e where e.hazard_id = h.id and e.event = 'TRANSITION'),
           h.closed_at
      from hazards h
     where h.code = p_receipt and h.source = 'PUBLIC_REPORT'
  $$;
comment on function app.public_report_status(text) is
  'The status and dates of a citizen''s report, by its receipt; nothing else of the ledger.';
grant execute on function app.public_report_status(text) to app_user;

-- The deployment may require an "after" photo (整改后照片) to pass a major hazard.
alter table app.deployment add column after_photo_required boolean not null default false;
comment on column app.deployment.after_photo_required is
  'Passing the verification of a major hazard needs an AFTER attachment (RS040). Set by the api at start from AFTER_PHOTO_REQUIRED.';

-- After the status flow and who may verify (hazards_check_change sorts first): this refusal is
-- about the evidence, once the verifier is one who may pass it.
create function app.require_after_photo() returns trigger
  language plpgsql security definer
  set search_path = public, app, pg_temp
  as $$
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
comment on function app.require_after_photo() is 'RS040: a major hazard passes only with an AFTER photo when the deployment requires one.';
create trigger hazards_verify_after_photo before update of status on hazards
  for each row execute function app.require_after_photo();
