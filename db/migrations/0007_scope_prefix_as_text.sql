-- app.in_jurisdiction (0001) cast the scope prefix to jurisdiction_code, whose check admits
-- only 6 or 9 digits: a city prefix ('4309') or a province prefix ('43') failed the cast, so
-- every leader, analyst and inspector above county level got an error instead of rows.
-- The bounds are plain text on the "C" collation, as the range comparison needs.
create or replace function app.in_jurisdiction(town jurisdiction_code) returns boolean
  language sql stable
  as $$
    select app.scope_prefix() is not null
       and town >= app.scope_prefix() collate "C"
       and town < (app.scope_prefix() || ':') collate "C"
  $$;
