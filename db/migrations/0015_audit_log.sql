-- Sessions that follow the account at once, and the audit log (等保 2.0: 安全审计).
--
-- A token names its user; each request re-reads that user's active flag, role and scope
-- through app.session_viewer, in the statement that opens the request's transaction, so a
-- deactivated account or a changed role takes effect at the next request, not at the
-- token's expiry.
--
-- The audit log records sign-ins, failed sign-ins, refused requests, exports and every
-- change to users and jurisdictions. It is append-only (RS004, like hazard_history) and
-- readable by the administrator only. Rows are written by security-definer functions: the
-- api's request role has no INSERT on it, and a refused request, whose transaction is
-- rolled back, still leaves its row because the api writes it after the request ends.

create domain audit_event as text
  check (value in ('SIGN_IN', 'SIGN_IN_FAILED', 'REFUSED', 'EXPORT', 'ADMIN_CHANGE'));
comment on domain audit_event is
  'SIGN_IN, SIGN_IN_FAILED (code: the reason), REFUSED (a FORBIDDEN or UNAUTHENTICATED answer), EXPORT (the web exported the ledger), ADMIN_CHANGE (a write to users or jurisdictions).';

-- Who an open session belongs to now: no row when the account is gone or deactivated.
-- Security definer, so it works whatever role connects; its caller is the api, before it
-- switches to app_user, hence no grant to app_user (it would reveal other accounts' scope).
create function app.session_viewer(p_user_id bigint) returns jsonb
  language sql stable security definer
  set search_path = public, app
  as $$
    select jsonb_build_object(
             'username', u.username, 'role', u.role, 'jurisdictionCode', u.jurisdiction_code,
             'sectors', to_jsonb(u.sectors::text[]), 'enterpriseId', u.enterprise_id,
             'enterpriseTownCode', e.town_code)
      from users u left join enterprises e on e.id = u.enterprise_id
     where u.id = p_user_id and u.active
  $$;
comment on function app.session_viewer(bigint) is
  'The current role and scope of an active user, as JSON; null when the user is unknown or deactivated.';
revoke execute on function app.session_viewer(bigint) from public;

-- No foreign keys: a record outlives what it names (a renamed user, a removed code), and an
-- ON DELETE action would have to rewrite an append-only row.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default clock_timestamp(),
  request_id text check (length(request_id) <= 128),
  event audit_event not null,
  actor_id bigint,
  actor_role user_role,
  username text check (length(username) <= 128),
  address text check (length(address) <= 64),
  operation text check (length(operation) <= 256),
  code text check (length(code) <= 64),
  detail jsonb not null default '{}'
);
comment on table audit_log is
  'Append-only security audit trail (等保 2.0 安全审计): sign-ins, failures, refusals, exports, administrative changes. Readable by the administrator only.';
comment on column audit_log.at is 'When it happened (clock time, not the transaction start).';
comment on column audit_log.request_id is 'The x-request-id of the api request, also in the api''s log line; null for changes made outside the api.';
comment on column audit_log.event is 'What happened (the domain audit_event).';
comment on column audit_log.actor_id is 'The signed-in user who acted; null for the public, an unknown username or a change outside the api.';
comment on column audit_log.actor_role is 'The actor''s role at the time.';
comment on column audit_log.username is 'The username tried at a sign-in (at most 128 characters kept), or the actor''s.';
comment on column audit_log.address is 'The client address the api saw.';
comment on column audit_log.operation is 'The GraphQL operation name or HTTP path; for ADMIN_CHANGE the table and command.';
comment on column audit_log.code is 'The error code answered (REFUSED), the reason (SIGN_IN_FAILED), or the export format (EXPORT).';
comment on column audit_log.detail is 'Event details: export row count and filter; for ADMIN_CHANGE the row key and changed columns (never password hashes or boundaries).';

create index audit_log_at_idx on audit_log (at desc, id desc);
create index audit_log_event_at_idx on audit_log (event, at desc, id desc);
create index audit_log_request_idx on audit_log (request_id) where request_id is not null;

create function app.refuse_audit_change() returns trigger
  language plpgsql
  as $$
  begin
    raise exception 'the audit log is append-only' using errcode = 'RS004';
  end
  $$;
comment on function app.refuse_audit_change() is 'Refuses UPDATE, DELETE and TRUNCATE of audit_log (RS004).';

create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function app.refuse_audit_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function app.refuse_audit_change();

alter table audit_log enable row level security;
grant select on audit_log to app_user;
create policy audit_log_admin_select on audit_log for select to app_user
  using (app.role() = 'admin');

-- The api's records of a finished request, as a JSON array of objects whose keys are the
-- columns above. One statement per request, through the pool, after the request's own
-- transaction has ended (committed or rolled back).
create function app.record_audit(entries jsonb) returns void
  language sql security definer
  set search_path = public, app
  as $$
    insert into audit_log (request_id, event, actor_id, actor_role, username, address, operation, code, detail)
    select e.request_id, e.event, e.actor_id, e.actor_role, left(e.username, 128), left(e.address, 64),
           left(e.operation, 256), left(e.code, 64), coalesce(e.detail, '{}')
      from jsonb_to_recordset(entries) as e(request_id text, event text, actor_id bigint, actor_role text,
                                            username text, address text, operation text, code text, detail jsonb)
  $$;
comment on function app.record_audit(jsonb) is
  'Appends the audit records of one api request (a JSON array of objects keyed by audit_log column).';
revoke execute on function app.record_audit(jsonb) from public;

-- Administrative changes, written in the changing transaction: a change that is rolled back
-- leaves no record of itself (its refusal is recorded by the api as REFUSED). Values of
-- password hashes and boundaries are never copied; that they changed is.
create function app.audit_admin_change() returns trigger
  language plpgsql security definer
  set search_path = public, app
  as $$
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
comment on function app.audit_admin_change() is
  'Records an INSERT or UPDATE of users or jurisdictions in audit_log: actor, request, row key and changed columns.';

create trigger users_audit after insert or update on users
  for each row execute function app.audit_admin_change();
create trigger jurisdictions_audit after insert or update on jurisdictions
  for each row execute function app.audit_admin_change();

-- A sign-in with a hash of older parameters stores the new hash, as that user: the change
-- is recorded like any other write to users, with the request that made it.
create function app.replace_password_hash(p_user_id bigint, p_old text, p_new text, p_request_id text) returns void
  language plpgsql security definer
  set search_path = public, app
  as $$
  begin
    perform set_config('app.user_id', p_user_id::text, true),
            set_config('app.request_id', coalesce(p_request_id, ''), true);
    update users set password_hash = p_new where id = p_user_id and password_hash = p_old;
  end
  $$;
comment on function app.replace_password_hash(bigint, text, text, text) is
  'Replaces a user''s password hash if it is still p_old (a rehash at sign-in), recorded as that user''s change.';
revoke execute on function app.replace_password_hash(bigint, text, text, text) from public;
