import {
  Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl, type ErrorEvent, type MapLayerMouseEvent, type MapMouseEvent,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { getToken } from '../auth/token-store';
import { config } from '../config';
import type { ErrorCode } from '../errors/error-codes';
import type { BoundariesQuery } from '../gql/graphql';
import { boundsOf } from './geo';
import { labelFeatures } from './jurisdiction-labels';
import {
  choroplethFill, countyFill, countyLine, densityHeatmap, draftLine, draftPoints, enterpriseClusters, enterprisePoints, offlineStyle,
  openedHalo, overdueCells, overduePoints, roadLine, selectedLine, SOURCES, townHit, townLine, unitLabels, type ChoroplethMetric, type MapTheme,
} from './map-style';
import { draftFeatures, type LngLat, type MapDraft } from '../forms/map-pick';
import { replaceLayer, syncGeoJsonLayers, syncVectorLayers } from './map-layers';
import { TILES_PATH } from './tile-url';

// MapLibre 6 looks for its worker beside its own module, which a bundle does not keep; the
// worker is emitted as an asset of the build and pointed at here.
setWorkerUrl(workerUrl);

type Unit = BoundariesQuery['counties'][number];

export type Selection =
  | { kind: 'hazard'; id: string }
  | { kind: 'enterprise'; id: string }
  | { kind: 'roadSegment'; id: string }
  | { kind: 'inspection'; id: string }
  | { kind: 'accident'; id: string };

export type ChoroplethLevel = 'county' | 'town';

export interface MapLayers {
  choropleth: boolean;
  /** auto: counties below zoom 9, towns from there on. */
  choroplethLevel: ChoroplethLevel | 'auto';
  metric: ChoroplethMetric;
  heatmap: boolean;
  enterprises: boolean;
  roads: boolean;
  overdue: boolean;
}

/** What the map shows: aggregates from GraphQL and tile URLs that carry the filters. */
export interface MapData {
  /** Metric value per jurisdiction code, for the choropleth. */
  choropleth: ReadonlyMap<string, number> | undefined;
  choroplethMax: number;
  /** The chosen metric's figure per jurisdiction code, in words, written under its name. */
  figures: ReadonlyMap<string, string>;
  /** Rank by risk score per jurisdiction code: the better placed a town, the earlier its label. */
  ranks: ReadonlyMap<string, number>;
  /** The units the choropleth colours (the level may be `auto` in MapLayers). */
  choroplethLevel: ChoroplethLevel;
  density: GeoJSON.FeatureCollection | undefined;
  tiles: { enterprises: string; roads: string; overdue: string };
}

/** The part of the world on screen: the heatmap is asked for this box at this zoom. */
export interface MapView {
  bbox: [number, number, number, number];
  zoom: number;
}

interface Props {
  counties: readonly Unit[];
  towns: readonly Unit[];
  /** The unit the map opens on: the user's own jurisdiction. */
  homeCode: string | null;
  /** The unit of the jurisdiction filter: outlined and zoomed to. */
  selectedCode: string | null;
  layers: MapLayers;
  data: MapData;
  onSelect: (selection: Selection) => void;
  onSelectUnit: (code: string) => void;
  onView: (view: MapView) => void;
  onTileError: (code: ErrorCode) => void;
  /** The opened record's place: ringed on the map and brought into view. */
  opened?: OpenedPlace | null;
  /** What a form is picking: while `picking`, a click goes to onPick instead of opening a detail. */
  draft?: MapDraft | null;
  onPick?: (lngLat: LngLat) => void;
  /** The unit outlined as hovered (a row of the ranking board under the pointer). */
  highlightCode?: string | null;
  /** The codes of the units under the pointer (town and county), or none when it leaves them. */
  onHoverUnits?: (codes: string[]) => void;
  /** The big screen's map is dark and has no zoom buttons. */
  theme?: MapTheme;
  controls?: boolean;
}

export interface OpenedPlace {
  id: string;
  lng: number;
  lat: number;
}

/** The map behind its element, for browser tests and anyone inspecting the page (`element.maplibre`). */
export type MapElement = HTMLDivElement & { maplibre?: MapLibreMap };

function featureCollection(units: readonly Unit[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: units.filter((u) => u.boundary).map((u) => ({
      type: 'Feature',
      id: u.code,
      geometry: u.boundary!,
      properties: { code: u.code, name: u.name, level: u.level },
    })),
  };
}

/** Clicks on these layers open a detail, topmost first; the tile feature's id is the row's id. */
const CLICKABLE: { layer: string; kind: Selection['kind'] }[] = [
  { layer: overduePoints.id, kind: 'hazard' },
  { layer: enterprisePoints.id, kind: 'enterprise' },
  { layer: roadLine.id, kind: 'roadSegment' },
];
/** Aggregated cells: a click zooms in until single rows show. */
const CELLS = [overdueCells.id, enterpriseClusters.id];

/** A failed tile request's HTTP status as the API's error code (api/src/tiles/tiles.router.ts). */
function tileErrorCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 400) return 'BAD_USER_INPUT';
  // Too many heavy (low-zoom) tiles of this viewer at once (HEAVY_REQUESTS_PER_VIEWER).
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  if (status === 0) return 'NETWORK';
  return 'INTERNAL_SERVER_ERROR';
}

function currentView(map: MapLibreMap): MapView {
  const bounds = map.getBounds();
  const clamp = (value: number, limit: number) => Math.max(-limit, Math.min(limit, value));
  return {
    bbox: [clamp(bounds.getWest(), 180), clamp(bounds.getSouth(), 85), clamp(bounds.getEast(), 180), clamp(bounds.getNorth(), 85)],
    zoom: map.getZoom(),
  };
}

export function RiskMap({
  counties, towns, homeCode, selectedCode, layers, data, onSelect, onSelectUnit, onView, onTileError,
  opened = null, draft = null, onPick, highlightCode = null, onHoverUnits, theme = 'light', controls = true,
}: Props) {
  const container = useRef<MapElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  // The latest callbacks and draft, read by map event handlers registered once.
  const callbacks = useRef({ onSelect, onSelectUnit, onView, onTileError, onHoverUnits, onPick, picking: false });
  callbacks.current = { onSelect, onSelectUnit, onView, onTileError, onHoverUnits, onPick, picking: draft?.picking ?? false };

  useEffect(() => {
    const instance = new MapLibreMap({
      container: container.current!,
      style: config.baseStyleUrl ?? offlineStyle(theme),
      // All of China until the jurisdictions arrive and the view fits them (below).
      center: [104, 35],
      zoom: 3,
      attributionControl: false,
      // Tiles hold what the viewer's scope allows: the bearer token goes in a header, which
      // keeps it out of the server's access logs (a ?token= would not).
      transformRequest: (url) => {
        const token = getToken();
        return token && url.startsWith(`${window.location.origin}${TILES_PATH}`)
          ? { url, headers: { Authorization: `Bearer ${token}` } }
          : undefined;
      },
    });
    if (controls) {
      instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
      instance.addControl(new ScaleControl({}), 'bottom-right');
    }
    container.current!.maplibre = instance;
    instance.on('load', () => setMap(instance));
    instance.on('moveend', () => callbacks.current.onView(currentView(instance)));
    // A failed tile request is an AJAX error carrying the HTTP status; other errors (an
    // aborted request when the view moves on) are not the user's concern.
    instance.on('error', (event: ErrorEvent) => {
      const status = (event.error as { status?: unknown }).status;
      if (typeof status === 'number') callbacks.current.onTileError(tileErrorCode(status));
    });
    return () => instance.remove();
    // The theme and the controls are fixed for the life of a map.
  }, []);

  // Boundaries and the first view on the user's own jurisdiction.
  useEffect(() => {
    if (!map) return;
    syncGeoJsonLayers(map, SOURCES.jurisdictions, featureCollection([...counties, ...towns]), [countyFill, townHit, townLine, countyLine, selectedLine], true, { promoteId: 'code' });
  }, [map, counties, towns]);

  // Names with the chosen metric's figure, above every other layer.
  useEffect(() => {
    if (!map) return;
    syncGeoJsonLayers(map, SOURCES.labels, labelFeatures([...counties, ...towns], data.figures, data.ranks), [unitLabels(theme)], true);
  }, [map, counties, towns, data.figures, data.ranks, theme]);

  // The selected unit, else the user's own jurisdiction, fills the view.
  useEffect(() => {
    if (!map) return;
    const units = [...counties, ...towns];
    const focus = units.find((u) => u.code === (selectedCode ?? homeCode));
    const bounds = boundsOf(focus ? [focus.boundary] : units.map((u) => u.boundary));
    if (bounds) map.fitBounds(bounds, { padding: 40, animate: false });
    callbacks.current.onView(currentView(map));
  }, [map, counties, towns, homeCode, selectedCode]);

  useEffect(() => {
    if (!map || !selectedCode) return;
    map.setFeatureState({ source: SOURCES.jurisdictions, id: selectedCode }, { selected: true });
    return () => {
      map.setFeatureState({ source: SOURCES.jurisdictions, id: selectedCode }, { selected: false });
    };
  }, [map, selectedCode]);

  useEffect(() => {
    if (!map || !highlightCode) return;
    map.setFeatureState({ source: SOURCES.jurisdictions, id: highlightCode }, { hovered: true });
    return () => {
      map.setFeatureState({ source: SOURCES.jurisdictions, id: highlightCode }, { hovered: false });
    };
  }, [map, highlightCode]);

  // Choropleth: the scale depends on the data, so the layer is rebuilt; values go to feature-state.
  useEffect(() => {
    if (!map) return;
    replaceLayer(map, choroplethFill(data.choroplethLevel, layers.metric, data.choroplethMax), layers.choropleth, townLine.id);
    const values = data.choropleth;
    if (!values) return;
    for (const [code, value] of values) map.setFeatureState({ source: SOURCES.jurisdictions, id: code }, { value });
    return () => {
      for (const code of values.keys()) map.setFeatureState({ source: SOURCES.jurisdictions, id: code }, { value: null });
    };
  }, [map, layers.choropleth, data.choroplethLevel, layers.metric, data.choropleth, data.choroplethMax]);

  useEffect(() => {
    if (map) syncGeoJsonLayers(map, SOURCES.density, data.density, [densityHeatmap], layers.heatmap);
  }, [map, data.density, layers.heatmap]);
  useEffect(() => {
    if (map) syncVectorLayers(map, SOURCES.roads, data.tiles.roads, [roadLine], layers.roads);
  }, [map, data.tiles.roads, layers.roads]);
  useEffect(() => {
    if (map) syncVectorLayers(map, SOURCES.enterprises, data.tiles.enterprises, [enterpriseClusters, enterprisePoints], layers.enterprises);
  }, [map, data.tiles.enterprises, layers.enterprises]);
  useEffect(() => {
    if (map) syncVectorLayers(map, SOURCES.overdue, data.tiles.overdue, [overdueCells, overduePoints], layers.overdue);
  }, [map, data.tiles.overdue, layers.overdue]);

  // The opened record: a ring on top of everything, panned to unless already in view.
  useEffect(() => {
    if (!map) return;
    const features: GeoJSON.Feature[] = opened
      ? [{ type: 'Feature', id: opened.id, geometry: { type: 'Point', coordinates: [opened.lng, opened.lat] }, properties: {} }]
      : [];
    syncGeoJsonLayers(map, SOURCES.opened, { type: 'FeatureCollection', features }, [openedHalo], true);
    map.moveLayer(openedHalo.id);
    if (opened && !map.getBounds().contains([opened.lng, opened.lat])) map.easeTo({ center: [opened.lng, opened.lat], animate: false });
  }, [map, opened]);

  useEffect(() => {
    if (!map) return;
    syncGeoJsonLayers(map, SOURCES.draft, draftFeatures(draft), [draftLine, draftPoints], draft !== null);
    map.getCanvas().style.cursor = draft?.picking ? 'crosshair' : '';
  }, [map, draft]);

  // A click opens the topmost feature's detail; a cell zooms in; elsewhere, the town or county
  // under it. While a form picks a place, the click is the form's.
  useEffect(() => {
    if (!map) return;
    const visible = (layer: string) => map.getLayer(layer) && map.getLayoutProperty(layer, 'visibility') !== 'none';
    const click = (event: MapMouseEvent) => {
      if (callbacks.current.picking) {
        callbacks.current.onPick?.([event.lngLat.lng, event.lngLat.lat]);
        return;
      }
      for (const { layer, kind } of CLICKABLE.filter((c) => visible(c.layer))) {
        const feature = map.queryRenderedFeatures(event.point, { layers: [layer] })[0];
        if (feature?.id != null) {
          callbacks.current.onSelect({ kind, id: String(feature.id) });
          return;
        }
      }
      const cell = map.queryRenderedFeatures(event.point, { layers: CELLS.filter(visible) })[0];
      if (cell && cell.geometry.type === 'Point') {
        map.easeTo({ center: cell.geometry.coordinates as [number, number], zoom: Math.max(map.getZoom() + 2, 10) });
        return;
      }
      // Town before county: the smallest unit under the pointer.
      const [unit] = map.queryRenderedFeatures(event.point, { layers: [townHit.id, countyFill.id] })
        .sort((a, b) => (a.properties.level === 'town' ? 0 : 1) - (b.properties.level === 'town' ? 0 : 1));
      if (unit) callbacks.current.onSelectUnit(String(unit.properties.code));
    };
    const pointer = (event: MapLayerMouseEvent) => {
      if (!callbacks.current.picking) map.getCanvas().style.cursor = event.type === 'mouseenter' ? 'pointer' : '';
    };
    const hoverable = [...CLICKABLE.map((c) => c.layer), ...CELLS];
    // The units under the pointer, told only when they change (the board highlights a row).
    let hovered = '';
    const hover = (event: MapMouseEvent) => {
      const codes = map.queryRenderedFeatures(event.point, { layers: [townHit.id, countyFill.id] }).map((f) => String(f.properties.code));
      if (codes.join() === hovered) return;
      hovered = codes.join();
      callbacks.current.onHoverUnits?.(codes);
    };
    const leave = () => {
      hovered = '';
      callbacks.current.onHoverUnits?.([]);
    };
    map.on('click', click);
    map.on('mousemove', hover);
    map.on('mouseout', leave);
    for (const layer of hoverable) {
      map.on('mouseenter', layer, pointer);
      map.on('mouseleave', layer, pointer);
    }
    return () => {
      map.off('click', click);
      map.off('mousemove', hover);
      map.off('mouseout', leave);
      for (const layer of hoverable) {
        map.off('mouseenter', layer, pointer);
        map.off('mouseleave', layer, pointer);
      }
    };
  }, [map]);

  // What the overlays hold, for browser tests and for anyone inspecting the page: the canvas
  // itself cannot be read back.
  const heat = data.density?.features ?? [];
  return (
    <div
      ref={container} className="risk-map" data-testid="risk-map" data-ready={map ? 'true' : 'false'}
      data-selected={selectedCode ?? ''}
      data-choropleth-units={data.choropleth?.size ?? 0}
      data-heat-cells={heat.length}
      data-heat-weight={heat.reduce((sum, f) => sum + Number(f.properties?.weight ?? 0), 0)}
      data-opened={opened && map ? opened.id : ''}
      data-picking={draft?.picking ? draft.mode : undefined}
    />
  );
}
