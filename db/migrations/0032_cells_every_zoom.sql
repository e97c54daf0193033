-- Cell summaries at every zoom from 1 to 11, not only the odd ones (issue 14). A tile of an
-- even zoom read the cells of the odd zoom above it and merged them four into one: a z8
-- tile of the city at a million hazards grouped ~73,000 zoom-9 keys, most of its 59 ms
-- (117 ms at ten million). Most keys are closed hazards', one per cell × town × sector ×
-- level, so four cells merged are far fewer keys: the whole city has 123,115 keys at zoom
-- 9 and 74,906 at zoom 8. The tiles and the heatmap now read the zoom they draw (zoom 0
-- still merges zoom 1's). Every write appends the even zooms' deltas too (11 cells a
-- hazard instead of 6); the grid and its origin are unchanged, so a tile's cells are the
-- same as before.
create or replace function app.hazard_cells(x float8, y float8) returns table (zoom smallint, cell_x integer, cell_y integer)
  language sql immutable parallel safe
  as $$
    select z::smallint, floor(x / size)::integer, floor(y / size)::integer
    from generate_series(1, 11) z, lateral (select 40075016.68557849 / 2 ^ (z + 6) as size) cell
  $$;
comment on function app.hazard_cells(float8, float8) is
  'The grid cells of an EPSG:3857 point at the zooms the hazard cell summaries keep (1 to 11; docs/tiles.md).';

-- The even zooms of what is counted so far, from the odd zoom above: a cell of zoom z is
-- floor(x / 2s) = floor(x / s) >> 1 of the zoom z + 1 cell of width s (>> rounds down, as
-- floor does, for negative indexes too). The unfolded deltas the same way, so the next fold
-- brings both zooms to the same count.
insert into hazard_cells (zoom, cell_x, cell_y, town_code, sector, level, status, deadline, hazards)
select zoom - 1, cell_x >> 1, cell_y >> 1, town_code, sector, level, status, deadline, sum(hazards)
from hazard_cells where zoom in (3, 5, 7, 9, 11)
group by zoom - 1, cell_x >> 1, cell_y >> 1, town_code, sector, level, status, deadline
having sum(hazards) <> 0;
insert into hazard_cell_deltas (zoom, cell_x, cell_y, town_code, sector, level, status, deadline, hazards)
select zoom - 1, cell_x >> 1, cell_y >> 1, town_code, sector, level, status, deadline, hazards
from hazard_cell_deltas where zoom in (3, 5, 7, 9, 11)
order by id;
