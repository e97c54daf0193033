import { useEffect, useMemo } from 'react';
import { useQuery, type CombinedError } from 'urql';
import type { Filters } from '../filters/filters';
import type { ChoroplethQuery as ChoroplethResult, HazardFilter } from '../gql/graphql';
import { toHazardFilter } from '../panels/hazard-filter';
import { COUNTS_HAZARDS } from '../panels/hazard.operations';
import { RANK_QUARTILE, type ChoroplethMetric } from './map-style';
import type { ChoroplethLevel, MapData, MapLayers, MapView } from './risk-map';
import { ChoroplethQuery, DensityQuery } from './risk-map.operations';
import { useDataRevision } from '../data-revision';
import { useFormat } from '../i18n/format';
import { tileUrl } from './tile-url';

/** Zoom from which `auto` colours towns instead of counties: town names show from here too. */
export const TOWN_ZOOM = 9;


type StatsRow = ChoroplethResult['jurisdictionStats'][number];
type Format = ReturnType<typeof useFormat>;

/** Per metric: the value the choropleth colours, and the figure written on the map. */
const METRICS: Record<ChoroplethMetric, { colour: (row: StatsRow) => number | null; figure: (row: StatsRow, format: Format) => string | null }> = {
  overdueCount: { colour: (row) => row.overdue, figure: (row, f) => f.integer(row.overdue) },
  riskScore: { colour: (row) => RANK_QUARTILE[row.riskColor], figure: (row, f) => f.decimal(row.riskScore) },
  rectificationRate: {
    colour: (row) => row.rectificationRate ?? null,
    figure: (row, f) => (row.rectificationRate == null ? null : f.percent(row.rectificationRate)),
  },
  openMajor: { colour: (row) => row.openMajor, figure: (row, f) => f.integer(row.openMajor) },
};

/**
 * The heatmap's box, widened to 0.05° steps: small pans then ask for the same box, which the
 * document cache already holds.
 */
function roundedBox([west, south, east, north]: MapView['bbox']): MapView['bbox'] {
  const step = 0.05;
  const down = (v: number) => Math.floor(v / step) * step;
  const up = (v: number) => Math.ceil(v / step) * step;
  return [down(west), down(south), up(east), up(north)].map((v) => Number(v.toFixed(2))) as MapView['bbox'];
}

function densityFeatures(cells: readonly { lng: number; lat: number; weight: number }[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: cells.map((cell) => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: [cell.lng, cell.lat] }, properties: { weight: cell.weight },
    })),
  };
}

interface Options {
  filters: Filters;
  layers: MapLayers;
  view: MapView | null;
  /** The unit whose children the choropleth compares. */
  choroplethParent: string | null;
  /**
   * The user's own unit has no counties under it (a county or a town): the choropleth
   * compares towns at every zoom, or a county user's opening view would have nothing to colour.
   */
  townsOnly: boolean;
  /** A new number fetches the choropleth's figures again (the big screen's refresh). */
  refreshSignal?: number;
}

/**
 * Everything the map draws, each from an aggregate or from tiles: the choropleth from
 * jurisdictionStats, the heatmap from hazardDensity in the view, and tile URLs for
 * enterprises, road segments and overdue hazards. All follow the same filters as the list.
 */
export function useMapData({ filters, layers, view, choroplethParent, townsOnly, refreshSignal = 0 }: Options): {
  data: MapData; fetching: boolean; error: CombinedError | undefined;
} {
  // filters is memoised on the URL, so filter changes only when the URL does.
  const filter = useMemo(() => toHazardFilter(filters), [filters]);
  const level: ChoroplethLevel = townsOnly ? 'town'
    : layers.choroplethLevel === 'auto' ? ((view?.zoom ?? 0) >= TOWN_ZOOM ? 'town' : 'county') : layers.choroplethLevel;
  // Every sibling keeps its colour for comparison: the jurisdiction filter outlines and zooms
  // to its unit instead of blanking the others; every other filter narrows the figures.
  const compared: HazardFilter = { ...filter, jurisdictionCode: null };
  const [stats, refetchStats] = useQuery({
    query: ChoroplethQuery,
    variables: { parentCode: choroplethParent ?? '', level, from: filters.from, to: filters.to, filter: compared },
    pause: !choroplethParent || !layers.choropleth,
    context: COUNTS_HAZARDS,
  });
  useEffect(() => {
    if (refreshSignal > 0) refetchStats({ requestPolicy: 'network-only' });
  }, [refreshSignal, refetchStats]);
  const zoom = view ? Math.min(22, Math.floor(view.zoom) + 1) : 0;
  const [density] = useQuery({
    query: DensityQuery,
    variables: { bbox: view ? roundedBox(view.bbox) : [0, 0, 0, 0], zoom, filter },
    pause: !view || !layers.heatmap,
    context: COUNTS_HAZARDS,
  });

  const revision = useDataRevision();
  const format = useFormat();
  const rows = stats.data?.jurisdictionStats;
  const cells = density.data?.hazardDensity;
  const data = useMemo<MapData>(() => {
    const values = new Map<string, number>();
    const figures = new Map<string, string>();
    const metric = METRICS[layers.metric];
    for (const row of rows ?? []) {
      const value = metric.colour(row);
      if (value !== null) values.set(row.code, value);
      const figure = metric.figure(row, format);
      if (figure !== null) figures.set(row.code, figure);
    }
    return {
      choropleth: rows ? values : undefined,
      choroplethMax: Math.max(0, ...values.values()),
      figures,
      ranks: new Map((rows ?? []).map((row) => [row.code, row.rank])),
      choroplethLevel: level,
      density: cells ? densityFeatures(cells) : undefined,
      tiles: {
        overdue: tileUrl('hazards', { ...filter, overdue: true }, revision),
        enterprises: tileUrl('enterprises', { jurisdictionCode: filter.jurisdictionCode, sectors: filter.sectors }, revision),
        roads: tileUrl('road_segments', { jurisdictionCode: filter.jurisdictionCode }, revision),
      },
    };
  }, [rows, cells, layers.metric, level, filter, revision, format]);

  return { data, fetching: stats.fetching || density.fetching, error: stats.error ?? density.error };
}
