import type {
  BackgroundLayerSpecification,
  CircleLayerSpecification,
  DataDrivenPropertyValueSpecification,
  FillLayerSpecification,
  FilterSpecification,
  HeatmapLayerSpecification,
  LineLayerSpecification,
  StyleSpecification,
  SymbolLayerSpecification,
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
  labels: 'unit-labels',
} as const;

/** The four risk colours (四色) as the national guidance prints them. */
export const RISK_COLORS = { RED: '#e02020', ORANGE: '#f08c00', YELLOW: '#f5d000', BLUE: '#1c64f2' } as const;

/** The light map of the desk, the dark one of the meeting room's big screen (大屏). */
export type MapTheme = 'light' | 'dark';

/**
 * The base style when no VITE_BASE_STYLE_URL is given: no tiles, no sprite and no glyphs,
 * so the map renders with no internet at all. Without a glyphs URL MapLibre draws every
 * label's characters with the browser's own fonts (TinySDF), so symbol layers work offline.
 */
export function offlineStyle(theme: MapTheme): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [
      {
        id: 'background',
        type: 'background',
        // A pale paper tone so the boundaries read as a map, not as a blank page; deep navy
        // on the big screen, where the page around it is dark too.
        paint: { 'background-color': theme === 'dark' ? '#0a1a30' : '#f4f1ea' },
      } satisfies BackgroundLayerSpecification,
    ],
  };
}

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
  // Outline of the selected unit, and of the one whose row of the ranking board is under the
  // pointer; feature-state is not allowed in filters, so the width carries them (0 for others).
  paint: {
    'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#0b3d91', '#00a3c4'],
    'line-width': ['case',
      ['boolean', ['feature-state', 'selected'], false], 3,
      ['boolean', ['feature-state', 'hovered'], false], 3,
      0],
  },
};

export type ChoroplethMetric = 'overdueCount' | 'riskScore' | 'rectificationRate' | 'openMajor';

/** Sequential purples for counts, more is darker: apart from the four risk colours and the heatmap's greens. */
export const COUNT_RAMP = ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'] as const;

/**
 * The score's rank quartiles among the units compared (the API's riskColor: RED is the top
 * quarter), from the bottom quarter to the top one. Purples like the counts, never the four
 * risk colours: a unit's rank is relative, not a 风险等级 (docs/metrics.md).
 */
export const QUARTILE_RAMP = ['#dadaeb', '#9e9ac8', '#6a51a3', '#3f007d'] as const;

/** The API's riskColor as the rank quartile it is: 0 the bottom quarter by score, 3 the top one. */
export const RANK_QUARTILE = { BLUE: 0, YELLOW: 1, ORANGE: 2, RED: 3 } as const;
/** Rectification rate: low is bad (red), high is good (green). */
export const RATE_RAMP = ['#d73027', '#fc8d59', '#fee08b', '#91cf60', '#1a9850'] as const;

/** Where a metric's colour scale breaks, for the layer and the legend alike. */
export function choroplethStops(metric: ChoroplethMetric, max: number): { value: number; color: string }[] {
  // Quartile 0 is the bottom quarter by score, 3 the top one.
  if (metric === 'riskScore') return QUARTILE_RAMP.map((color, value) => ({ value, color }));
  if (metric === 'rectificationRate') return RATE_RAMP.map((color, i) => ({ value: i / (RATE_RAMP.length - 1), color }));
  const top = Math.max(max, 1);
  return COUNT_RAMP.map((color, i) => ({ value: (top * i) / (COUNT_RAMP.length - 1), color }));
}

/**
 * Fill of the choropleth: the view writes each unit's metric into feature-state `value`
 * (the risk score as its rank quartile 0–3). Units with no value stay transparent.
 */
export function choroplethFill(level: 'county' | 'town', metric: ChoroplethMetric, max: number): FillLayerSpecification {
  const stops = choroplethStops(metric, max);
  const ramp: DataDrivenPropertyValueSpecification<string> = metric === 'riskScore'
    // step: a quartile is a class, so no blending between colours.
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

/**
 * Heat colours from no heat to the hottest cell: transparent through greens to a dark teal,
 * a hue none of the four risk colours (red, orange, yellow, blue) nor the choropleth's
 * purples uses, so heat is never read as a risk level.
 */
export const HEAT_RAMP = ['rgba(199,233,192,0)', '#a1d99b', '#41ab5d', '#006d2c', '#00441b'] as const;

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
    // Transparent through greens to dark teal: darker is denser (HEAT_RAMP says why not red).
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

/**
 * How an overdue hazard is drawn, for its layers and the legend alike: dark red, darker than
 * every risk colour, with a black ring (single hazards) so it stands out of a red area.
 */
export const OVERDUE_MARK = { color: '#8b0000', ring: '#000000' } as const;

export const overdueCells: CircleLayerSpecification = {
  id: 'overdue-cells',
  type: 'circle',
  source: SOURCES.overdue,
  'source-layer': TILE_LAYERS.overdue,
  filter: isCell,
  paint: {
    // Grows with the number of overdue hazards in the cell; a cell with a major one gets a black ring.
    'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 2, 6, 8],
    'circle-color': OVERDUE_MARK.color,
    'circle-opacity': 0.7,
    'circle-stroke-color': ['case', ['>', ['get', 'major'], 0], OVERDUE_MARK.ring, '#ffffff'],
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
    'circle-color': OVERDUE_MARK.color,
    'circle-stroke-color': OVERDUE_MARK.ring,
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
/**
 * The fonts labels are drawn with. With no glyphs URL MapLibre passes the stack to the
 * browser as a CSS font-family list (and "Bold" in the first name as the weight), so these
 * are the system's CJK fonts, Windows', macOS' and Debian's (fonts-wqy-zenhei).
 */
const LABEL_FONTS = ['Microsoft YaHei Bold', 'PingFang SC', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei'];

/**
 * Unit names with each unit's figure of the chosen metric under it (a point per unit at its
 * label point, `use-map-data.ts`). One symbol layer, so MapLibre's collision detection keeps
 * any two labels apart and drops those that do not fit: counties first (`rank` 0), then towns
 * by their figure, worst first, so the towns that matter keep their names at city zoom.
 */
export function unitLabels(theme: MapTheme): SymbolLayerSpecification {
  const dark = theme === 'dark';
  return {
    id: 'unit-labels',
    type: 'symbol',
    source: SOURCES.labels,
    layout: {
      'text-field': ['case', ['has', 'figure'],
        ['format', ['get', 'name'], {}, '\n', {}, ['get', 'figure'], { 'font-scale': 1.15 }],
        ['get', 'name']],
      'text-font': LABEL_FONTS,
      // Counties larger than towns; both grow a little as the user zooms in.
      'text-size': ['interpolate', ['linear'], ['zoom'],
        7, ['match', ['get', 'level'], 'town', 11, 14],
        11, ['match', ['get', 'level'], 'town', 13, 17]],
      'text-line-height': 1.15,
      'symbol-sort-key': ['get', 'rank'],
      // A few pixels of air around each label, so two never touch.
      'text-padding': 3,
      'text-allow-overlap': false,
      'text-ignore-placement': false,
    },
    // A halo in the background's colour keeps a name readable over any fill.
    paint: {
      'text-color': dark ? '#f5f7fa' : ['match', ['get', 'level'], 'town', '#3b4450', '#111827'],
      'text-halo-color': dark ? '#0a1a30' : '#ffffff',
      'text-halo-width': 1.6,
    },
  };
}
