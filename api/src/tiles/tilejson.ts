import { DENSITY_LEVEL_WEIGHTS } from '../stats/stats.service';
import { AGGREGATE_BELOW_ZOOM, type LayerName } from './tiles.sql';

/** Zooms TileJSON announces. Tiles are served up to z22, but from z16 on MapLibre overzooms z16 tiles. */
export const MIN_ZOOM = 0;
export const MAX_ZOOM = 16;

interface LayerDescription {
  description: string;
  /** Feature properties (the columns of tiles.sql.ts, tested against decoded tiles). */
  fields: Record<string, string>;
}

const cellNote = `z < ${AGGREGATE_BELOW_ZOOM}: one point per grid cell (1/64 of the tile), at the cell's centre`;

const LAYER_DESCRIPTIONS: Record<LayerName, LayerDescription> = {
  hazards: {
    description: `事故隐患 hazards. ${cellNote}, with count, weight, major and overdue; from z${AGGREGATE_BELOW_ZOOM} one point per hazard.`,
    fields: {
      level: 'GENERAL or MAJOR',
      sector: 'Sector enum value',
      status: 'REPORTED, RECTIFYING, AWAITING_VERIFICATION or CLOSED',
      overdue: 'Boolean: deadline passed while REPORTED or RECTIFYING',
      listed_level: 'COUNTY, CITY or PROVINCE when under listed supervision',
      town_code: 'GB/T 2260 town code',
      weight: `Heat weight: ${Object.entries(DENSITY_LEVEL_WEIGHTS).map(([level, w]) => `${level} ${w}`).join(', ')}; in a cell, the sum`,
      count: `Cells only: hazards in the cell`,
      major: 'Cells only: major hazards in the cell',
    },
  },
  enterprises: {
    description: `生产经营单位 enterprises. ${cellNote}, with count and counts per risk colour; from z${AGGREGATE_BELOW_ZOOM} one point per enterprise.`,
    fields: {
      name: 'Enterprise name',
      sector: 'Sector enum value',
      risk_level: 'RED, ORANGE, YELLOW or BLUE',
      status: 'OPERATING, SUSPENDED or CLOSED',
      major_hazard_grade: '重大危险源 grade 1-4, absent when none',
      town_code: 'GB/T 2260 town code',
      count: 'Cells only: enterprises in the cell',
      red: 'Cells only: RED enterprises',
      orange: 'Cells only: ORANGE enterprises',
      yellow: 'Cells only: YELLOW enterprises',
      blue: 'Cells only: BLUE enterprises',
    },
  },
  road_segments: {
    description: '道路隐患路段 road segments with hazard features, as lines at every zoom.',
    fields: {
      road_name: 'Road name',
      road_number: 'Road number (G207, S308, X012…)',
      road_class: 'EXPRESSWAY, NATIONAL, PROVINCIAL, COUNTY, TOWNSHIP, VILLAGE or URBAN',
      risk_level: 'RED, ORANGE, YELLOW or BLUE',
      accidents_last_3y: 'Accidents in the last three years',
      features: 'Comma-separated RoadFeature values',
      town_code: 'GB/T 2260 code of the town of the midpoint',
    },
  },
  jurisdictions: {
    description: '行政区划 boundaries of the city, its counties and towns; the feature id is the numeric code. Town boundaries are synthetic where synthetic_boundary is true.',
    fields: {
      code: 'GB/T 2260 code',
      name: 'Name',
      level: 'city, county or town',
      parent_code: 'Code of the unit above',
      synthetic_boundary: 'Boolean: the boundary is generated (demo data)',
    },
  },
};

export function layerFields(layer: LayerName): Record<string, string> {
  return LAYER_DESCRIPTIONS[layer].fields;
}

/**
 * TileJSON 3.0.0 of a layer. `tilesUrl` carries the caller's query string, so the tiles the
 * map then loads are filtered (and authorised by ?token=) as the TileJSON request was.
 */
export function tileJson(layer: LayerName, tilesUrl: string, bounds: [number, number, number, number] | null) {
  const { description, fields } = LAYER_DESCRIPTIONS[layer];
  return {
    tilejson: '3.0.0',
    name: layer,
    description,
    scheme: 'xyz',
    tiles: [tilesUrl],
    minzoom: MIN_ZOOM,
    maxzoom: MAX_ZOOM,
    // No rows in sight: the whole world, as the TileJSON default.
    bounds: bounds ?? [-180, -85.05112877980659, 180, 85.0511287798066],
    vector_layers: [{ id: layer, description, minzoom: MIN_ZOOM, maxzoom: MAX_ZOOM, fields }],
  };
}
