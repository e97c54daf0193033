-- Live updates (issue 12, api/src/live): every committed write of a hazard, and of the other
-- rows the units' figures count, is announced on the channel `live` (pg_notify), so that
-- every api process, whichever wrote it, tells its subscribers. NOTIFY is transactional:
-- delivered at commit, never for a write that was rolled back, and by whoever writes (the
-- api, a script, an analyst's session), not only by the api.
--
-- The message names rows, never their content: the api re-reads each hazard as each
-- subscriber, under row-level security, and asks app.can_read (the function the policies
-- use) whether a town's figures are theirs to see. A payload is
--   {"hazards": [{"id": 12, "kind": "STATUS_CHANGED"}, …], "towns": [["430902001", "FIRE_SAFETY"], …]}
-- (kinds NEW_MAJOR_HAZARD and STATUS_CHANGED; the api adds NEWLY_OVERDUE at the day's change,
-- which no write marks) with the towns (and sectors) whose figures the statement changed, old
-- and new, and for hazards the extent of their places, old and new ("extent": [west, south,
-- east, north]): each api process renews its cached figures and tiles there, whoever wrote
-- (api/src/common/derived-cache.ts; enterprise and road tiles renew by their age). A statement
-- that wrote more rows than one message should carry (a bulk load, a mass update) is
-- announced as {"resync": true}: subscribers refetch what they show.
--
-- Statement-level triggers with transition tables: one message per statement, and a bulk
-- COPY of a million rows costs one count of its rows, not a million notifications.

-- Sends one message, or {"resync": true} when it would exceed what a subscriber should get
-- per statement (or NOTIFY's 8000-byte payload).
create function app.announce(changes jsonb) returns void
  language plpgsql
  as $$
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
comment on function app.announce(jsonb) is
  'Announces a statement''s changes on the channel live (api/src/live), or {"resync": true} when too large.';

-- A box as [west, south, east, north]: the api renews its cached tiles there.
create function app.extent_json(box box2d) returns jsonb
  language sql immutable
  as $$ select case when box is not null then jsonb_build_array(st_xmin(box), st_ymin(box), st_xmax(box), st_ymax(box)) end $$;

-- Most rows one statement announces one by one; above, it announces a resync.
create function app.live_row_limit() returns int
  language sql immutable
  as $$ select 100 $$;

create function app.announce_hazards() returns trigger
  language plpgsql
  as $$
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
comment on function app.announce_hazards() is
  'Announces new major hazards, status changes and the towns whose figures a statement changed (channel live).';

create trigger hazards_announce_insert after insert on hazards
  referencing new table as new_rows
  for each statement execute function app.announce_hazards();
create trigger hazards_announce_update after update on hazards
  referencing old table as old_rows new table as new_rows
  for each statement execute function app.announce_hazards();

-- The other rows the figures count (enterprises by risk colour, inspections, accidents) and
-- the map draws (road segments): the towns they change. Argument: the row's sector column,
-- or, for a table without one, the sector its policies read it as ('ROAD_TRAFFIC' for roads).
create function app.announce_figures() returns trigger
  language plpgsql
  as $$
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
  $$;
comment on function app.announce_figures() is
  'Announces the towns whose figures a statement changed (channel live); argument: the sector column, or =SECTOR for a fixed one.';

create trigger enterprises_announce_insert after insert on enterprises
  referencing new table as new_rows for each statement execute function app.announce_figures('sector');
create trigger enterprises_announce_update after update on enterprises
  referencing old table as old_rows new table as new_rows for each statement execute function app.announce_figures('sector');
create trigger inspections_announce_insert after insert on inspections
  referencing new table as new_rows for each statement execute function app.announce_figures('sector');
create trigger inspections_announce_update after update on inspections
  referencing old table as old_rows new table as new_rows for each statement execute function app.announce_figures('sector');
create trigger accidents_announce_insert after insert on accidents
  referencing new table as new_rows for each statement execute function app.announce_figures('sector');
create trigger accidents_announce_update after update on accidents
  referencing old table as old_rows new table as new_rows for each statement execute function app.announce_figures('sector');
create trigger road_segments_announce_insert after insert on road_segments
  referencing new table as new_rows for each statement execute function app.announce_figures('=ROAD_TRAFFIC');
create trigger road_segments_announce_update after update on road_segments
  referencing old table as old_rows new table as new_rows for each statement execute function app.announce_figures('=ROAD_TRAFFIC');
