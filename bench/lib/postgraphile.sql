-- What PostGraphile 5 needs to serve the benchmark's hazard list; created by bench/run.js in
-- the benchmark database only (never an app migration). Same rule and order as the api's
-- hazards(filter: {bbox, overdue: true}) with the default OVERDUE_DAYS_DESC order.

-- No PostGIS plugin exists for PostGraphile 5: the location is exposed as GeoJSON text,
-- lng and lat as computed columns, like the api's Hazard.geometry, lng and lat.
create or replace function hazards_geojson(h hazards) returns text
  language sql stable parallel safe as $$ select st_asgeojson(h.location, 6) $$;
create or replace function hazards_lng(h hazards) returns float8
  language sql stable parallel safe as $$ select st_x(h.location) $$;
create or replace function hazards_lat(h hazards) returns float8
  language sql stable parallel safe as $$ select st_y(h.location) $$;
create or replace function hazards_overdue_days(h hazards) returns int
  language sql stable parallel safe as $$
    select case when h.deadline < current_date and h.status in ('REPORTED', 'RECTIFYING')
                then current_date - h.deadline else 0 end $$;

-- The list itself: overdue hazards in a box, most days overdue first, then by id.
create or replace function bench_overdue_hazards(min_lng float8, min_lat float8, max_lng float8, max_lat float8)
  returns setof hazards language sql stable parallel safe as $$
    select h.* from hazards h
    where h.location && st_makeenvelope(min_lng, min_lat, max_lng, max_lat, 4326)
      and h.deadline < current_date and h.status in ('REPORTED', 'RECTIFYING')
    order by (case when h.deadline < current_date and h.status in ('REPORTED', 'RECTIFYING')
                   then current_date - h.deadline else 0 end) desc, h.id desc $$;

grant execute on function hazards_geojson(hazards), hazards_lng(hazards), hazards_lat(hazards),
  hazards_overdue_days(hazards), bench_overdue_hazards(float8, float8, float8, float8) to app_user;
