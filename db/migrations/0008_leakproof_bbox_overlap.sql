-- Row-level security keeps a query's own conditions from running before the policies
-- unless they are leakproof, and only conditions that may run first can become index
-- conditions. PostGIS does not mark `&&` (geometry_overlaps) leakproof, so under RLS every
-- bounding-box filter (tiles, bbox and near filters) scanned the whole table instead of
-- using the GiST indexes. It compares two boxes and raises nothing that depends on a row's
-- values (geometry columns here have one SRID), so it leaks nothing: mark it leakproof.
-- Only a superuser may; elsewhere the migration warns, and queries stay correct but slow.
do $$
begin
  if (select rolsuper from pg_roles where rolname = current_user) then
    alter function geometry_overlaps(geometry, geometry) leakproof;
  else
    raise warning 'not a superuser: && stays non-leakproof and spatial filters under row-level security will not use GiST indexes; run as a superuser: alter function geometry_overlaps(geometry, geometry) leakproof';
  end if;
end
$$;
