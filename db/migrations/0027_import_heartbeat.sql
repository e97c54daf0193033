-- An import whose process stopped (a restart, a crash, a killed command line) stayed READING
-- or CONFIRMING for ever: its owner saw it "under way" and could neither confirm nor cancel
-- it. Nothing of it was written (a confirmation is one transaction), so it failed; this says
-- so. The process working on a run says it is alive every few seconds (worked_at); a run not
-- heard of for longer than a given quiet time is failed by any api process. A confirmation
-- holds its run's row locked for its whole transaction, so a run being confirmed is skipped
-- (skip locked) however long it takes.

alter table import_runs add column worked_at timestamptz not null default now();
-- The owner of a run renews it as it changes the run's status (remapImport, confirmImport).
grant update (worked_at) on import_runs to app_user;
comment on column import_runs.worked_at is
  'When the process reading, checking or confirming the run last said it is alive (app.import_worked); a READING or CONFIRMING run quiet for longer is interrupted (app.fail_interrupted_imports).';

create function app.import_worked(ids uuid[]) returns void
  language sql security definer set search_path = public, app, pg_temp
  as $$
    update import_runs set worked_at = now()
    where id in (select id from import_runs where id = any(ids) and status in ('READING', 'CONFIRMING') for update skip locked) $$;
comment on function app.import_worked(uuid[]) is 'The runs a process is working on are alive (their worked_at is now); runs locked by their confirmation are alive anyway and skipped.';

create function app.fail_interrupted_imports(quiet interval) returns setof uuid
  language sql security definer set search_path = public, app, pg_temp
  as $$
    with interrupted as (
      select id from import_runs
      where status in ('READING', 'CONFIRMING') and worked_at < now() - quiet
      for update skip locked)
    update import_runs r
    set status = 'FAILED', finished_at = now(), error = '导入被中断（处理该文件的服务已停止），未导入任何数据：请重新上传该文件'
    from interrupted where r.id = interrupted.id
    returning r.id $$;
comment on function app.fail_interrupted_imports(interval) is
  'Fails the READING and CONFIRMING runs no process has said it works on for longer than quiet (their process stopped); answers their ids.';

revoke execute on function app.import_worked(uuid[]), app.fail_interrupted_imports(interval) from public;
