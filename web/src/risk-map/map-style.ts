import type {
  BackgroundLayerSpecification,
  CircleLayerSpecification,
  DataDrivenPropertyValueSpecification,
  FillLayerSpecification,
  FilterSpecification,
  HeatmapLayerSpecification,
  LineLayerSpecification,
  StyleSpecification,
} from 'maplibre-gl';

/** Source ids, shared by the view that fills them and the layers that draw them. */
export const SOURCES = {
  jurisdictions: 'jurisdictions',
  density: 'hazard-density',
  enterprises: 'enterprises',
  roads: 'road-segments',
  overdue: 'overdue-hazards',
  opened: 'opened-record',
  draft: 'form-draft',
} as const;

/** The four risk colours (四色) as the national guidance prints them. */
export const RISK_COLORS = { RED: '#e02020', ORANGE: '#f08c00', YELLOW: '#f5d000', BLUE: '#1c64f2' } as const;

/**
 * The base style when no VITE_BASE_STYLE_URL is given: no tiles, no sprite and no glyphs,
 * so the map renders with no internet at all. Labels are HTML markers (see
 * jurisdiction-labels.ts) because symbol layers would need a glyphs URL.
 */
export const OFFLINE_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [
    {
      id: 'background',
      type: 'background',
      // A pale paper tone so the boundaries read as a map, not as a blank page.
      paint: { 'background-color': '#f4f1ea' },
    } satisfies BackgroundLayerSpecification,
  ],
};

export const countyFill: FillLayerSpecification = {
  id: 'county-fill',
  type: 'fill',
  source: SOURCES.jurisdictions,
  filter: ['==', ['get', 'level'], 'county'],
  // Light green land; the selected county (feature-state) darkens so the user sees where they are.
  paint: { 'fill-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#c9dcc0', '#e3ecd9'] },
};

export const townHit: FillLayerSpecification = {
  id: 'town-hit',
  type: 'fill',
  source: SOURCES.jurisdictions,
  filter: ['==', ['get', 'level'], 'town'],
  // Invisible: it only lets a click inside a town find that town.
  paint: { 'fill-color': 'rgba(0,0,0,0)' },
};

export const townLine: LineLayerSpecification = {
  id: 'town-line',
  type: 'line',
  source: SOURCES.jurisdictions,
  filter: ['==', ['get', 'level'], 'town'],
  // Thin grey: towns are synthetic and subordinate to county lines.
  paint: { 'line-color': '#8a8f98', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.3, 11, 1.2] },
};

export const countyLine: LineLayerSpecification = {
  id: 'county-line',
  type: 'line',
  source: SOURCES.jurisdictions,
  filter: ['==', ['get', 'level'], 'county'],
  // Dark, thicker lines for county borders, widening as the user zooms in.
  paint: { 'line-color': '#3b4252', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1.2, 11, 2.5] },
};

export const selectedLine: LineLayerSpecification = {
  id: 'selected-line',
  type: 'line',
  source: SOURCES.jurisdictions,
  // Outline of the selected unit; feature-state is not allowed in filters, so the width
  // carries the selection (0 for every other unit).
  paint: {
    'line-color': '#0b3d91',
    'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 0],
  },
};

export type ChoroplethMetric = 'overdueCount' | 'riskScore' | 'rectificationRate' | 'openMajor';

/** Sequential purples for counts, more is darker: apart from the heatmap's yellow-to-red on top. */
export const COUNT_RAMP = ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'] as const;
/** Rectification rate: low is bad (red), high is good (green). */
export const RATE_RAMP = ['#d73027', '#fc8d59', '#fee08b', '#91cf60', '#1a9850'] as const;

/** Where a metric's colour scale breaks, for the layer and the legend alike. */
export function choroplethStops(metric: ChoroplethMetric, max: number): { value: number; color: string }[] {
  if (metric === 'riskScore') {
    // Four colours by the score's documented bands (server: riskLevel of the unit).
    return [
      { value: 0, color: RISK_COLORS.BLUE },
      { value: 1, color: RISK_COLORS.YELLOW },
      { value: 2, color: RISK_COLORS.ORANGE },
      { value: 3, color: RISK_COLORS.RED },
    ];
  }
  if (metric === 'rectificationRate') return RATE_RAMP.map((color, i) => ({ value: i / (RATE_RAMP.length - 1), color }));
  const top = Math.max(max, 1);
  return COUNT_RAMP.map((color, i) => ({ value: (top * i) / (COUNT_RAMP.length - 1), color }));
}

/**
 * Fill of the choropleth: the view writes each unit's metric into feature-state `value`
 * (risk score as its colour band 0–3). Units with no value stay transparent.
 */
export function choroplethFill(level: 'county' | 'town', metric: ChoroplethMetric, max: number): FillLayerSpecification {
  const stops = choroplethStops(metric, max);
  const ramp: DataDrivenPropertyValueSpecification<string> = metric === 'riskScore'
    // step: a band is a category, so no blending between colours.
    ? ['step', ['to-number', ['feature-state', 'value']], stops[0]!.color, ...stops.slice(1).flatMap((s) => [s.value, s.color])]
    // interpolate: counts and rates are continuous.
    : ['interpolate', ['linear'], ['to-number', ['feature-state', 'value']], ...stops.flatMap((s) => [s.value, s.color])];
  return {
    id: 'choropleth-fill',
    type: 'fill',
    source: SOURCES.jurisdictions,
    filter: ['==', ['get', 'level'], level],
    paint: {
      'fill-color': ['case', ['==', ['feature-state', 'value'], null], 'rgba(0,0,0,0)', ramp],
      // Translucent so the lines and the heatmap stay readable on top.
      'fill-opacity': 0.72,
    },
  };
}

/** Heat colours from no heat to the hottest cell: transparent, yellow, orange, dark red. */
export const HEAT_RAMP = ['rgba(255,255,178,0)', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;

/** Heat of open hazards from Query.hazardDensity cells; each carries `weight` (major × 5 + general, the API's weights). */
export const densityHeatmap: HeatmapLayerSpecification = {
  id: 'hazard-heatmap',
  type: 'heatmap',
  source: SOURCES.density,
  paint: {
    // The weight of a cell is its level-weighted hazard count, flattened by log so one busy
    // cell does not wash out the rest.
    'heatmap-weight': ['ln', ['+', 1, ['to-number', ['get', 'weight']]]],
    // Stronger as the user zooms in, because cells then cover fewer pixels each.
    'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 7, 0.12, 12, 0.6],
    // Transparent through yellow to dark red, the usual reading of "hotter is worse".
    'heatmap-color': ['interpolate', ['linear'], ['heatmap-density'], ...[0, 0.2, 0.45, 0.7, 1].flatMap((d, i) => [d, HEAT_RAMP[i]!])],
    // Cells come 16–32 px apart (one zoom finer than the view, use-map-data.ts): a radius
    // about twice that blends neighbours into a surface instead of a grid of dots.
    'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 7, 30, 12, 40],
    'heatmap-opacity': 0.65,
  },
};

/**
 * Source layers of the API's vector tiles (GET /tiles/{layer}/{z}/{x}/{y}.mvt, docs/tiles.md).
 * Below zoom 12 the point layers arrive as grid cells carrying `count` (and per-colour counts
 * for enterprises) instead of one feature per row, so no zoom ever loads every row.
 */
export const TILE_LAYERS = { enterprises: 'enterprises', roads: 'road_segments', overdue: 'hazards' } as const;

/** Colour of a feature by its `risk_level` property (RED, ORANGE, YELLOW, BLUE). */
const riskColor: DataDrivenPropertyValueSpecification<string> = [
  'match', ['get', 'risk_level'],
  'RED', RISK_COLORS.RED, 'ORANGE', RISK_COLORS.ORANGE, 'YELLOW', RISK_COLORS.YELLOW, RISK_COLORS.BLUE,
];

/** Grid cells (aggregated tiles) have `count`; single rows do not. */
const isCell: FilterSpecification = ['has', 'count'];

export const roadLine: LineLayerSpecification = {
  id: 'road-line',
  type: 'line',
  source: SOURCES.roads,
  'source-layer': TILE_LAYERS.roads,
  layout: { 'line-cap': 'round', 'line-join': 'round' },
  // The segment's risk colour; wider when zoomed in so short segments stay clickable.
  paint: { 'line-color': riskColor, 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 2, 13, 6] },
};

export const enterpriseClusters: CircleLayerSpecification = {
  id: 'enterprise-clusters',
  type: 'circle',
  source: SOURCES.enterprises,
  'source-layer': TILE_LAYERS.enterprises,
  filter: isCell,
  paint: {
    // A cell takes the worst colour inside it (the tile counts each colour per cell).
    'circle-color': [
      'case',
      ['>', ['get', 'red'], 0], RISK_COLORS.RED,
      ['>', ['get', 'orange'], 0], RISK_COLORS.ORANGE,
      ['>', ['get', 'yellow'], 0], RISK_COLORS.YELLOW,
      RISK_COLORS.BLUE,
    ],
    // Bigger for more enterprises, in steps so sizes read as classes: <5, <20, ≥20.
    'circle-radius': ['step', ['get', 'count'], 5, 5, 8, 20, 12],
    'circle-opacity': 0.85,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 1.5,
  },
};

export const enterprisePoints: CircleLayerSpecification = {
  id: 'enterprise-points',
  type: 'circle',
  source: SOURCES.enterprises,
  'source-layer': TILE_LAYERS.enterprises,
  filter: ['!', isCell],
  // One enterprise in its risk colour with a white ring to separate neighbours.
  paint: { 'circle-color': riskColor, 'circle-radius': 6, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
};

/** Dark red of overdue hazards, darker than every heat and risk colour so they stand out. */
export const OVERDUE_COLOR = '#8b0000';

export const overdueCells: CircleLayerSpecification = {
  id: 'overdue-cells',
  type: 'circle',
  source: SOURCES.overdue,
  'source-layer': TILE_LAYERS.overdue,
  filter: isCell,
  paint: {
    // Grows with the number of overdue hazards in the cell; a cell with a major one gets a black ring.
    'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 2, 6, 8],
    'circle-color': OVERDUE_COLOR,
    'circle-opacity': 0.7,
    'circle-stroke-color': ['case', ['>', ['get', 'major'], 0], '#000000', '#ffffff'],
    'circle-stroke-width': 1,
  },
};

export const overduePoints: CircleLayerSpecification = {
  id: 'overdue-points',
  type: 'circle',
  source: SOURCES.overdue,
  'source-layer': TILE_LAYERS.overdue,
  filter: ['!', isCell],
  paint: {
    // Major overdue hazards (重大隐患) larger, so the worst items are found first.
    'circle-radius': ['case', ['==', ['get', 'level'], 'MAJOR'], 8, 5],
    'circle-color': OVERDUE_COLOR,
    'circle-stroke-color': '#000000',
    'circle-stroke-width': 1.5,
  },
};

export const openedHalo: CircleLayerSpecification = {
  id: 'opened-halo',
  type: 'circle',
  source: SOURCES.opened,
  // A wide hollow ring in the selection's blue: the opened record stands out above every
  // overlay, whatever colour the heat or the points under it have.
  paint: {
    'circle-radius': 14,
    'circle-color': 'rgba(11, 61, 145, 0.15)',
    'circle-stroke-color': '#0b3d91',
    'circle-stroke-width': 3,
  },
};

// What a form is picking on the map (a hazard's location, a road segment's line): drawn in
// the accent colour above every data layer, so the user sees exactly what will be saved.
export const draftLine: LineLayerSpecification = {
  id: 'draft-line',
  type: 'line',
  source: SOURCES.draft,
  filter: ['==', ['geometry-type'], 'LineString'],
  paint: { 'line-color': '#0b3d91', 'line-width': 4, 'line-dasharray': [2, 1] },
};

export const draftPoints: CircleLayerSpecification = {
  id: 'draft-points',
  type: 'circle',
  source: SOURCES.draft,
  filter: ['==', ['geometry-type'], 'Point'],
  paint: { 'circle-color': '#0b3d91', 'circle-radius': 7, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
};
