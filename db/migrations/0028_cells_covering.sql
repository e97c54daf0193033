-- The aggregated tiles and the heatmap read hazard_cells by zoom and cell range. A fold
-- writes keys of every zoom wherever there is room, so they lie interleaved on the table's
-- pages: a z8 tile's ~73,000 zoom-9 keys at a million hazards sat on 17,720 of ~18,300 pages,
-- and reading those pages was four fifths of the tile's time. The summary's key already holds
-- every column these readers take but the count; with the count in it (included, not part of
-- the key) they are answered from the key's index alone, in cell order, wherever the pages are
-- marked all-visible (vacuum). Measured on a copy at a million hazards: a z8 tile's cells in
-- ~40 ms instead of 130–335 ms. The index on (zoom, cell_x, cell_y) is the key's prefix.
alter table hazard_cells drop constraint hazard_cells_key;
alter table hazard_cells add constraint hazard_cells_key
  unique nulls not distinct (zoom, cell_x, cell_y, town_code, sector, level, status, deadline) include (hazards);
drop index hazard_cells_cell;
