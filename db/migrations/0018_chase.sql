-- Chasing what is late (issue 12): reminders before a deadline, a notice on the day a hazard
-- becomes overdue, and an escalation ladder for what stays overdue (书面说明 → 督办函 →
-- 通报批评), each sent once; an inbox per user; outgoing webhook deliveries through a job
-- table that every api process (and the embedded mode's one connection) can share.
--
-- Why a job table of our own rather than graphile-worker or pg-boss: both keep a connection
-- of their own for LISTEN (graphile-worker) or a pool of several (pg-boss, with its own
-- schema that its code migrates outside ours). The embedded database admits ONE connection,
-- shared with the api's requests, and delivers no NOTIFY across connections. A table polled
-- with `for update skip locked` and a lease works the same on both, holds no connection
-- between polls, and keeps its state in our migrations, under our grants (README "Chasing").

-- 1. The one place a deployment configures the chase (docs/chasing.md).
create function app.is_day_list(days integer[], ascending boolean) returns boolean
  language sql immutable
  as $$
    select days is not null and cardinality(days) > 0 and array_ndims(days) = 1
       and array_position(days, null) is null and 0 < all(days)
       and cardinality(days) = (select count(distinct d) from unnest(days) d)
       and (not ascending or days = (select array_agg(d order by d) from unnest(days) d))
  $$;
comment on function app.is_day_list(integer[], boolean) is
  'A valid list of days for app.deployment: positive, distinct, and ascending when asked.';

alter table app.deployment
  add column reminder_days integer[] not null default '{7,3,1}'
    constraint deployment_reminder_days_check check (app.is_day_list(reminder_days, false)),
  add column escalation_days integer[] not null default '{1,30,60}'
    constraint deployment_escalation_days_check check (app.is_day_list(escalation_days, true) and cardinality(escalation_days) = 3),
  add column listed_escalation_days integer[] not null default '{1,15,30}'
    constraint deployment_listed_escalation_days_check check (app.is_day_list(listed_escalation_days, true) and cardinality(listed_escalation_days) = 3);
comment on column app.deployment.reminder_days is
  'Days before a deadline on which the rectifying party and the town are reminded (default 7, 3, 1).';
comment on column app.deployment.escalation_days is
  'Days overdue at which the ladder''s three steps are taken: 书面说明 (town), 督办函 (county), 通报批评 (city). Ascending.';
comment on column app.deployment.listed_escalation_days is
  'The same ladder for a listed hazard (挂牌督办), counted from the listing''s deadline, every step in the listing body''s name.';

-- 2. What is chased, once per hazard × step × deadline.
create domain chase_step as text
  check (value in ('REMINDER', 'OVERDUE', 'WRITTEN_EXPLANATION', 'SUPERVISION_LETTER', 'PUBLIC_CRITICISM'));
comment on domain chase_step is
  'REMINDER (整改提醒), OVERDUE (超期提醒), and the ladder: WRITTEN_EXPLANATION (书面说明), SUPERVISION_LETTER (督办函), PUBLIC_CRITICISM (通报批评).';

create table hazard_chases (
  id bigint generated always as identity primary key,
  hazard_id bigint not null references hazards (id) on delete restrict,
  town_code jurisdiction_code not null,
  sector sector not null,
  enterprise_id bigint references enterprises (id) on delete restrict,
  listing_id bigint references listed_supervisions (id) on delete restrict,
  step chase_step not null,
  days_before integer not null default 0,
  deadline date not null,
  on_day date not null,
  days_overdue integer not null,
  issuer text,
  text text not null,
  at timestamptz not null default now(),
  -- The idempotence key: a second sweep, a second api process or a restart finds the row and
  -- sends nothing. A new deadline (an extension) is a new key: the chase starts afresh.
  constraint hazard_chases_once unique (hazard_id, step, deadline, days_before),
  check ((step = 'REMINDER') = (days_before > 0))
);
comment on table hazard_chases is
  '催办: every reminder, overdue notice and escalation sent for a hazard, once per hazard, step, deadline (and reminder day). Written by app.chase_sweep only.';
comment on column hazard_chases.days_before is 'REMINDER: the configured day before the deadline it stands for (app.deployment.reminder_days); 0 for other steps.';
comment on column hazard_chases.deadline is 'The deadline chased: the hazard''s, or for a listed hazard its listing''s (督办期限).';
comment on column hazard_chases.on_day is 'The day (app.today() or the sweep''s on_day) the step fell due.';
comment on column hazard_chases.days_overdue is 'on_day − deadline: negative before the deadline.';
comment on column hazard_chases.issuer is 'The office in whose name the step is taken (乡镇/县/市安委会, or the listing body); null for the system''s own reminders.';
comment on column hazard_chases.listing_id is 'For a listed hazard: the listing whose deadline and ladder were followed.';
create index hazard_chases_town_idx on hazard_chases (town_code, step);

alter table hazard_chases enable row level security;
create policy hazard_chases_select on hazard_chases for select to app_user
  using (app.can_read(town_code, sector) or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id()));
grant select on hazard_chases to app_user;

-- 3. The ladder's steps are events of the hazard's history (docs/history.md).
alter table hazard_history drop constraint hazard_history_event_check;
alter table hazard_history add constraint hazard_history_event_check
  check (event in ('CREATED', 'TRANSITION', 'DEADLINE_EXTENDED', 'LISTED', 'PUBLISHED', 'UNPUBLISHED', 'ESCALATED'));
alter table hazard_history add column chase_id bigint references hazard_chases (id) on delete restrict;
comment on column hazard_history.event is
  'CREATED, TRANSITION, DEADLINE_EXTENDED, LISTED (挂牌督办), PUBLISHED (公示), UNPUBLISHED (撤销公示), ESCALATED (书面说明/督办函/通报批评: see chase_id).';
comment on column hazard_history.chase_id is 'For ESCALATED: the step taken (hazard_chases), with its issuer and text.';

-- 4. The inbox: one row per recipient and chase.
create table notifications (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id) on delete restrict,
  chase_id bigint not null references hazard_chases (id) on delete restrict,
  hazard_id bigint not null references hazards (id) on delete restrict,
  town_code jurisdiction_code not null,
  sector sector not null,
  enterprise_id bigint references enterprises (id) on delete restrict,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  constraint notifications_once unique (user_id, chase_id)
);
comment on table notifications is
  'Each user''s inbox: the chases (hazard_chases) that concern them. A user reads only their own, and only while the hazard is in their scope.';
comment on column notifications.read_at is 'When the user marked it read; null while unread.';
create index notifications_unread_idx on notifications (user_id, created_at desc) where read_at is null;
create index notifications_user_idx on notifications (user_id, created_at desc);

alter table notifications enable row level security;
create policy notifications_own on notifications for all to app_user
  using (user_id = app.user_id()
         and (app.can_read(town_code, sector) or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id())))
  with check (user_id = app.user_id()
         and (app.can_read(town_code, sector) or (app.role() = 'enterprise' and enterprise_id = app.enterprise_id())));
grant select on notifications to app_user;
grant update (read_at) on notifications to app_user;

-- 5. The job table: webhook deliveries and sweeps, claimed by any api process.
create table app.jobs (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('SWEEP', 'PERIODIC_SWEEP', 'WEBHOOK')),
  key text not null constraint jobs_key_once unique,
  payload jsonb not null default '{}',
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  locked_until timestamptz,
  locked_by text,
  done_at timestamptz,
  failed_at timestamptz,
  last_error text,
  created_at timestamptz not null default now()
);
comment on table app.jobs is
  'Work for the api processes: claimed with for update skip locked and a lease, so one process runs each job; a job whose process died is claimed again when its lease ends. key makes enqueueing idempotent.';
comment on column app.jobs.key is 'Idempotence key: webhook:<chase id>; sweep:periodic is the recurring sweep, rescheduled after each run.';
comment on column app.jobs.locked_until is 'The lease of the process that claimed it; after it, another may claim the job again.';
create index jobs_due_idx on app.jobs (run_at) where done_at is null and failed_at is null;
alter table app.jobs enable row level security;

-- The recurring sweep: one row, whichever process claims it runs it and sets its next run.
insert into app.jobs (kind, key) values ('PERIODIC_SWEEP', 'sweep:periodic');

create table app.webhook_deliveries (
  id bigint generated always as identity primary key,
  job_id bigint not null references app.jobs (id) on delete restrict,
  chase_id bigint not null references hazard_chases (id) on delete restrict,
  attempt integer not null,
  format text not null check (format in ('wecom', 'dingtalk')),
  at timestamptz not null default now(),
  duration_ms integer not null,
  http_status integer,
  delivered boolean not null,
  error text
);
comment on table app.webhook_deliveries is
  'Every attempt to post a chase to the group robot (NOTIFY_WEBHOOK_URL): when, the HTTP status, whether the robot accepted it, the error. The URL is not kept: its key is a secret.';
alter table app.webhook_deliveries enable row level security;

-- Claims the next due job of the kinds for a lease; null when none is due.
create function app.claim_job(kinds text[], worker text, lease interval) returns app.jobs
  language sql
  set search_path = public, app, pg_temp
  as $$
    update app.jobs j set attempts = j.attempts + 1, locked_until = now() + lease, locked_by = worker
    where j.id = (select id from app.jobs
                  where kind = any(kinds) and done_at is null and failed_at is null and run_at <= now()
                    and (locked_until is null or locked_until < now())
                  order by run_at, id
                  for update skip locked
                  limit 1)
    returning j.*
  $$;
comment on function app.claim_job(text[], text, interval) is
  'Claims one due job (skip locked: two processes never claim the same one) for a lease, counting the attempt.';

-- Ends a claimed job: done; or, after an error, due again after retry_after unless it has
-- had max_attempts; or, with again, a recurring job due again after that interval.
create function app.finish_job(job_id bigint, error text, retry_after interval, max_attempts integer, again interval default null)
  returns void
  language sql
  set search_path = public, app, pg_temp
  as $$
    update app.jobs set
      locked_until = null, locked_by = null, last_error = error,
      done_at = case when error is null and again is null then now() end,
      failed_at = case when error is not null and again is null and attempts >= max_attempts then now() end,
      attempts = case when again is not null then 0 else attempts end,
      run_at = case when again is not null then now() + again when error is not null then now() + retry_after else run_at end
    where id = job_id
  $$;
comment on function app.finish_job(bigint, text, interval, integer, interval) is
  'Ends a claimed job: done, retried after retry_after (failed after max_attempts), or, recurring, due again after again.';

-- 6. The sweep. Overdue is hazard_is_overdue_on (the one definition) on on_day; a hazard is
-- chased while it could become overdue (hazard_is_overdue_on(…, 'infinity')), so a closed
-- hazard or one awaiting verification stops its ladder. A sweep that missed days (the api
-- was down) takes the step due now, not every step it missed.
create function app.chase_sweep(on_day date default app.today(), hazard_ids bigint[] default null, deliver boolean default false)
  returns integer
  language plpgsql
  set search_path = public, app, pg_temp
  as $$
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
comment on function app.chase_sweep(date, bigint[], boolean) is
  'Takes every chase step due on on_day (default today) for the hazards (default all): reminders, the overdue notice, the ladder''s step; each once (hazard_chases_once), with history, inbox rows and, when deliver, a webhook job. Returns how many steps it took.';
revoke execute on function app.chase_sweep(date, bigint[], boolean) from public;
revoke execute on function app.claim_job(text[], text, interval) from public;
revoke execute on function app.finish_job(bigint, text, interval, integer, interval) from public;
