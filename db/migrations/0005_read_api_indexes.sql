-- Support for the read side of the API (lists, filters, stats).

-- The search filter matches description, code and place name with ILIKE '%…%'; trigram
-- indexes let the planner answer each arm from an index (Chinese text works: pg_trgm
-- treats each character as part of a word).
create index hazards_code_trgm on hazards using gin (code gin_trgm_ops);
create index hazards_place_name_trgm on hazards using gin (place_name gin_trgm_ops);
create index enterprises_credit_code_trgm on enterprises using gin (credit_code gin_trgm_ops);
create index road_segments_road_name_trgm on road_segments using gin (road_name gin_trgm_ops);

-- Open hazards by deadline: the overdue filter and the default order (most overdue first)
-- read only the open part of the ledger.
create index hazards_open_deadline_idx on hazards (deadline) where status in ('REPORTED', 'RECTIFYING');

-- Who did what in a hazard's history: users are visible only to themselves and the admin
-- (0004), yet a reader of a history in scope should see the actor's name. Security definer
-- returns the display name only, never the account.
create function app.user_display_name(user_id bigint) returns text
  language sql stable security definer
  set search_path = public, app
  as $$ select display_name from users where id = user_id $$;
comment on function app.user_display_name(bigint) is 'Display name of a user, for history entries; nothing else of the account.';
grant execute on function app.user_display_name(bigint) to app_user;
