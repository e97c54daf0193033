import { RiskLevel } from '../common/enums';
import { overdueSql } from '../hazard/hazard.sql';
import { levelWeightSql } from '../stats/stats.service';
import { CELL_ROWS, CELL_ZOOMS } from '../stats/summaries';

// The SQL of the vector tiles, after maplibre/martin: one statement per tile, the envelope
// transformed to the column's SRID (never the column in the where clause, so the GiST index
// on location/geom/boundary answers the `&&`), parameters $1..$3 = z, x, y and the
// filter's parameters numbered after them.

/** Tile extent and clip buffer in tile units, the defaults of ST_AsMVT and MapLibre. */
export const EXTENT = 4096;
export const BUFFER = 64;

/**
 * Below this zoom the point layers are aggregated into grid cells. Measured on the scale
 * data (1,000,000 hazards, bench/): over the densest town a tile of single points weighs
 * 3.7 MB at z10, 624 KB at z11 and 251 KB at z12, so full detail starts at z12 to keep
 * every tile under the 500 KB budget. One feature costs ~25 bytes.
 */
export const AGGREGATE_BELOW_ZOOM = 12;

/**
 * Cells per tile side when aggregating: 64 × 64 cells of 8 px on a 512 px tile, at most 4096
 * cells of ~30 bytes each (≈120 KB), whatever the number of points under the tile.
 */
export const CELLS_PER_TILE_SIDE = 64;

/** Heat weight of a hazard by level: the hazard-density weights of the stats, so map and numbers agree. */
const hazardWeightSql = levelWeightSql('h');

/** MVT geometry types: 1 point, 2 line string, 3 polygon (also the st_collectionextract type). */
export type MvtGeometryType = 1 | 2 | 3;

export type LayerName = 'hazards' | 'enterprises' | 'road_segments' | 'jurisdictions';

/** What one layer reads: its table, geometry, the feature columns and, for points, the cell columns. */
export interface LayerSql {
  name: LayerName;
  /** Table and alias, the alias being the one the shared filter builders are called with. */
  from: string;
  alias: string;
  geom: string;
  geometryType: MvtGeometryType;
  /**
   * Columns of a feature at full detail. `id` becomes the MVT feature id; every other value
   * is text, integer or boolean, so ST_AsMVT and the Node encoder write the same values.
   */
  featureColumns: string;
  /** Aggregates per grid cell below AGGREGATE_BELOW_ZOOM; absent for layers never aggregated. */
  cellColumns?: string;
}

const riskCounts = Object.values(RiskLevel)
  .map((risk) => `count(*) filter (where e.risk_level = '${risk}')::int as ${risk.toLowerCase()}`).join(', ');

export const LAYERS: Readonly<Record<LayerName, LayerSql>> = {
  hazards: {
    name: 'hazards',
    from: 'hazards h',
    alias: 'h',
    geom: 'h.location',
    geometryType: 1,
    featureColumns: `h.id, h.level::text as level, h.sector::text as sector, h.status::text as status,
      coalesce(${overdueSql('h')}, false) as overdue, h.listed_level::text as listed_level,
      h.town_code::text as town_code, ${hazardWeightSql} as weight`,
    cellColumns: `count(*)::int as count, sum(${hazardWeightSql})::int as weight,
      count(*) filter (where h.level = 'MAJOR')::int as major,
      count(*) filter (where ${overdueSql('h')})::int as overdue`,
  },
  enterprises: {
    name: 'enterprises',
    from: 'enterprises e',
    alias: 'e',
    geom: 'e.location',
    geometryType: 1,
    featureColumns: `e.id, e.name, e.sector::text as sector, e.risk_level::text as risk_level,
      e.status, e.major_hazard_grade::int as major_hazard_grade, e.town_code::text as town_code`,
    cellColumns: `count(*)::int as count, ${riskCounts}`,
  },
  road_segments: {
    name: 'road_segments',
    from: 'road_segments r',
    alias: 'r',
    geom: 'r.geom',
    geometryType: 2,
    featureColumns: `r.id, r.road_name, r.road_number, r.road_class, r.risk_level::text as risk_level,
      r.accidents_last_3y, array_to_string(r.features, ',') as features, r.town_code::text as town_code`,
  },
  jurisdictions: {
    name: 'jurisdictions',
    from: 'jurisdictions j',
    alias: 'j',
    geom: 'j.boundary',
    geometryType: 3,
    featureColumns: `j.code::bigint as id, j.code::text as code, j.name, j.level::text as level,
      j.parent_code::text as parent_code, j.synthetic_boundary`,
  },
};

/**
 * The tile and what it needs besides: the 3857 envelope, its 4326 twin for the index
 * condition, tile units per metre, and the size of an aggregation cell in metres.
 */
const bounds = `bounds as (
  select env, st_transform(env, 4326) as area,
         ${EXTENT} / (st_xmax(env) - st_xmin(env)) as scale,
         (st_xmax(env) - st_xmin(env)) / ${CELLS_PER_TILE_SIDE} as cell
  from (select st_tileenvelope($1, $2, $3) as env) tile
)`;

/** A 3857 geometry in tile coordinates, clipped and snapped by PostGIS's MVT support. */
const mvtGeom = (geom3857: string): string =>
  `st_asmvtgeom(${geom3857}, bounds.env, ${EXTENT}, ${BUFFER}, true)`;

/** A 3857 geometry scaled to tile units with y pointing down and snapped to whole units. */
const toTileUnits = (geom3857: string): string =>
  `st_snaptogrid(st_affine(${geom3857},
     bounds.scale, 0, 0, -bounds.scale, -st_xmin(bounds.env) * bounds.scale, st_ymax(bounds.env) * bounds.scale), 1)`;

/**
 * The same as ST_AsMVTGeom without protobuf support (PGlite). Points need no clipping: the
 * where clause keeps only those inside the tile. Lines and polygons are clipped to the
 * buffered tile first, keep the layer's dimension after snapping (a polygon may degenerate)
 * and wind exterior rings as MVT 2.1 wants them (positive surveyor's area in tile
 * coordinates, which is counter-clockwise in PostGIS's terms).
 */
const mathGeom = (geom3857: string, type: MvtGeometryType): string => (type === 1
  ? toTileUnits(geom3857)
  : `st_collectionextract(st_forcepolygonccw(${toTileUnits(
    `st_clipbybox2d(${geom3857}, st_expand(bounds.env, ${BUFFER} / bounds.scale))`)}), ${type})`);

export type TileEncoding = 'database' | 'node';

export interface TileQueryOptions {
  /** The filter's where-fragment over the layer's alias, from the shared builders. */
  where: string;
  aggregate: boolean;
  encoding: TileEncoding;
}

/**
 * The one statement of a tile. With `database` encoding it returns one row `{ tile }` (the
 * MVT bytes from ST_AsMVT); with `node` it returns the same features as rows `{ id,
 * properties, geometry }`, geometry as GeoJSON in tile units, for node-encoder.ts.
 */
export function tileQuery(layer: LayerSql, { where, aggregate, encoding }: TileQueryOptions): string {
  const geomOf = (geom3857: string) =>
    (encoding === 'database' ? mvtGeom(geom3857) : mathGeom(geom3857, layer.geometryType));
  const filtered = `from ${layer.from}, bounds
    where ${layer.geom} && bounds.area
      and (${where})`;
  const features = aggregate && layer.cellColumns
    // Points are snapped to the centres of their cells (grid origin half a cell off) and only
    // points inside the unbuffered tile are counted: every cell lies in exactly one tile.
    ? `mvtgeom as (
  select ${geomOf(`st_snaptogrid(st_transform(${layer.geom}, 3857), bounds.cell / 2, bounds.cell / 2, bounds.cell, bounds.cell)`)} as geom,
         ${layer.cellColumns}
  ${filtered}
  group by 1
)`
    : `mvtgeom as (
  select ${geomOf(`st_transform(${layer.geom}, 3857)`)} as geom, ${layer.featureColumns}
  ${filtered}
)`;
  const hasId = !(aggregate && layer.cellColumns);
  const select = encoding === 'database'
    ? `select st_asmvt(mvtgeom.*, '${layer.name}', ${EXTENT}, 'geom'${hasId ? `, 'id'` : ''}) as tile from mvtgeom`
    : `select ${hasId ? 'mvtgeom.id' : 'null::bigint as id'},
         to_jsonb(mvtgeom.*) - 'geom'${hasId ? ` - 'id'` : ''} as properties,
         st_asgeojson(mvtgeom.geom, 0) as geometry
  from mvtgeom
  where mvtgeom.geom is not null and not st_isempty(mvtgeom.geom)`;
  return `with ${bounds}, ${features}\n${select}`;
}

/**
 * The aggregated hazards tile from the cell summaries (db: hazard_cells, app.hazard_cells):
 * cells are kept at zooms 1 to 11, indexed from the EPSG:3857 origin (cell_x = floor(x /
 * size), cell_y = floor(y / size), 64 cells per tile side), so a tile of zoom z reads its
 * own zoom (zoom 0 merges zoom 1's cells 2 × 2 by shifting the indexes). The cell and its
 * centre are those the row statement snaps to; the same columns, in the same order.
 * $1..$3 = z, x, y.
 */
export function hazardCellTileQuery(where: string, encoding: TileEncoding): string {
  const geom = `st_point(cells.col * ${EXTENT / CELLS_PER_TILE_SIDE} + ${EXTENT / CELLS_PER_TILE_SIDE / 2},
                        cells.row * ${EXTENT / CELLS_PER_TILE_SIDE} + ${EXTENT / CELLS_PER_TILE_SIDE / 2})`;
  const cells = `with tile as (
  select $1::int as z, $2::int as x, $3::int as y, greatest($1::int, ${CELL_ZOOMS.first}) - $1::int as shift,
         1 << ($1::int + 5) as half
), cells as (
  select (h.cell_x >> tile.shift) + tile.half - tile.x * ${CELLS_PER_TILE_SIDE} as col,
         tile.half - 1 - (h.cell_y >> tile.shift) - tile.y * ${CELLS_PER_TILE_SIDE} as row,
         sum(h.hazards)::int as count, sum(h.hazards * ${hazardWeightSql})::int as weight,
         coalesce(sum(h.hazards) filter (where h.level = 'MAJOR'), 0)::int as major,
         coalesce(sum(h.hazards) filter (where ${overdueSql('h')}), 0)::int as overdue
  from ${CELL_ROWS} h, tile
  where h.zoom = greatest($1::int, ${CELL_ZOOMS.first})
    and h.cell_x >= (tile.x * ${CELLS_PER_TILE_SIDE} - tile.half) << tile.shift
    and h.cell_x < ((tile.x + 1) * ${CELLS_PER_TILE_SIDE} - tile.half) << tile.shift
    and h.cell_y >= (tile.half - (tile.y + 1) * ${CELLS_PER_TILE_SIDE}) << tile.shift
    and h.cell_y < (tile.half - tile.y * ${CELLS_PER_TILE_SIDE}) << tile.shift
    and (${where})
  group by 1, 2
  having sum(h.hazards) > 0
), mvtgeom as (
  select ${geom} as geom, cells.count, cells.weight, cells.major, cells.overdue from cells
)`;
  return encoding === 'database'
    ? `${cells}\nselect st_asmvt(mvtgeom.*, 'hazards', ${EXTENT}, 'geom') as tile from mvtgeom`
    : `${cells}\nselect null::bigint as id, to_jsonb(mvtgeom.*) - 'geom' as properties, st_asgeojson(mvtgeom.geom, 0) as geometry from mvtgeom`;
}

/** The extent of a layer's rows in the viewer's scope and the filter, for TileJSON `bounds`. */
export function boundsQuery(layer: LayerSql, where: string): string {
  return `select st_xmin(extent) as west, st_ymin(extent) as south, st_xmax(extent) as east, st_ymax(extent) as north
  from (select st_extent(${layer.geom}) as extent from ${layer.from} where ${where}) layer_extent`;
}

/** A trivial MVT: fails with "Compiled without protobuf-c support" where PostGIS lacks it. */
export const mvtSupportProbe = `select st_asmvt(probe.*, 'probe', ${EXTENT}, 'geom') as tile
  from (select st_asmvtgeom(st_point(0, 0, 3857), st_tileenvelope(0, 0, 0)) as geom) probe`;
