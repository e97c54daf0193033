import { Map as MapLibreMap, NavigationControl, ScaleControl, type MapLayerMouseEvent, type MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { config } from '../config';
import type { BoundariesQuery } from '../gql/graphql';
import { boundsOf } from './geo';
import { showLabels } from './jurisdiction-labels';
import {
  choroplethFill, countyFill, countyLine, densityHeatmap, ENTERPRISE_CLUSTER, enterpriseClusters, enterprisePoints,
  OFFLINE_STYLE, overduePoints, roadLine, selectedLine, SOURCES, townHit, townLine, type ChoroplethMetric,
} from './map-style';
import { replaceLayer, syncGeoJsonLayers } from './map-layers';

type Unit = BoundariesQuery['counties'][number];

export type Selection =
  | { kind: 'jurisdiction'; id: string }
  | { kind: 'hazard'; id: string }
  | { kind: 'enterprise'; id: string }
  | { kind: 'roadSegment'; id: string };

export interface MapLayers {
  choropleth: boolean;
  choroplethLevel: 'county' | 'town';
  metric: ChoroplethMetric;
  heatmap: boolean;
  enterprises: boolean;
  roads: boolean;
  overdue: boolean;
}

export interface MapData {
  /** Metric value per jurisdiction code, for the choropleth. */
  choropleth: ReadonlyMap<string, number> | undefined;
  choroplethMax: number;
  density: GeoJSON.FeatureCollection | undefined;
  enterprises: GeoJSON.FeatureCollection | undefined;
  roads: GeoJSON.FeatureCollection | undefined;
  overdue: GeoJSON.FeatureCollection | undefined;
}

interface Props {
  counties: readonly Unit[];
  towns: readonly Unit[];
  /** The unit the map opens on: the user's own jurisdiction. */
  homeCode: string | null;
  selectedCode: string | null;
  layers: MapLayers;
  data: MapData;
  onSelect: (selection: Selection) => void;
}

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

/** Clicks on these layers open a detail, topmost first. */
const CLICKABLE: { layer: string; kind: Selection['kind'] }[] = [
  { layer: overduePoints.id, kind: 'hazard' },
  { layer: enterprisePoints.id, kind: 'enterprise' },
  { layer: roadLine.id, kind: 'roadSegment' },
];

export function RiskMap({ counties, towns, homeCode, selectedCode, layers, data, onSelect }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  useEffect(() => {
    const instance = new MapLibreMap({
      container: container.current!,
      style: config.baseStyleUrl ?? OFFLINE_STYLE,
      center: [112.3, 28.4],
      zoom: 7.5,
      attributionControl: false,
    });
    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    instance.addControl(new ScaleControl({}), 'bottom-right');
    instance.on('load', () => setMap(instance));
    return () => instance.remove();
  }, []);

  // Boundaries, labels and the first view on the user's own jurisdiction.
  useEffect(() => {
    if (!map) return;
    const units = [...counties, ...towns];
    syncGeoJsonLayers(map, SOURCES.jurisdictions, featureCollection(units), [countyFill, townHit, townLine, countyLine, selectedLine], true, { promoteId: 'code' });
    const labels = units.filter((u) => u.labelLng != null && u.labelLat != null)
      .map((u) => ({ code: u.code, name: u.name, level: u.level, lng: u.labelLng!, lat: u.labelLat! }));
    const removeLabels = showLabels(map, labels, (code) => onSelectRef.current({ kind: 'jurisdiction', id: code }));
    const home = units.find((u) => u.code === homeCode);
    const bounds = boundsOf(home ? [home.boundary] : units.map((u) => u.boundary));
    if (bounds) map.fitBounds(bounds, { padding: 40, animate: false });
    return removeLabels;
  }, [map, counties, towns, homeCode]);

  useEffect(() => {
    if (!map || !selectedCode) return;
    map.setFeatureState({ source: SOURCES.jurisdictions, id: selectedCode }, { selected: true });
    return () => {
      map.setFeatureState({ source: SOURCES.jurisdictions, id: selectedCode }, { selected: false });
    };
  }, [map, selectedCode]);

  // Choropleth: the scale depends on the data, so the layer is rebuilt; values go to feature-state.
  useEffect(() => {
    if (!map) return;
    replaceLayer(map, choroplethFill(layers.choroplethLevel, layers.metric, data.choroplethMax), layers.choropleth, townLine.id);
    const values = data.choropleth;
    if (!values) return;
    for (const [code, value] of values) map.setFeatureState({ source: SOURCES.jurisdictions, id: code }, { value });
    return () => {
      for (const code of values.keys()) map.setFeatureState({ source: SOURCES.jurisdictions, id: code }, { value: null });
    };
  }, [map, layers.choropleth, layers.choroplethLevel, layers.metric, data.choropleth, data.choroplethMax]);

  useEffect(() => {
    if (map) syncGeoJsonLayers(map, SOURCES.density, data.density, [densityHeatmap], layers.heatmap);
  }, [map, data.density, layers.heatmap]);
  useEffect(() => {
    if (map) syncGeoJsonLayers(map, SOURCES.roads, data.roads, [roadLine], layers.roads);
  }, [map, data.roads, layers.roads]);
  useEffect(() => {
    if (map) syncGeoJsonLayers(map, SOURCES.enterprises, data.enterprises, [enterpriseClusters, enterprisePoints], layers.enterprises, ENTERPRISE_CLUSTER);
  }, [map, data.enterprises, layers.enterprises]);
  useEffect(() => {
    if (map) syncGeoJsonLayers(map, SOURCES.overdue, data.overdue, [overduePoints], layers.overdue);
  }, [map, data.overdue, layers.overdue]);

  // A click opens the topmost feature's detail; a cluster zooms in; elsewhere, the town or county under it.
  useEffect(() => {
    if (!map) return;
    const click = (event: MapMouseEvent) => {
      const present = CLICKABLE.filter((c) => map.getLayer(c.layer));
      for (const { layer, kind } of present) {
        const feature = map.queryRenderedFeatures(event.point, { layers: [layer] })[0];
        if (feature?.properties.id != null) {
          onSelectRef.current({ kind, id: String(feature.properties.id) });
          return;
        }
      }
      const cluster = map.getLayer(enterpriseClusters.id) && map.queryRenderedFeatures(event.point, { layers: [enterpriseClusters.id] })[0];
      if (cluster && cluster.geometry.type === 'Point') {
        map.easeTo({ center: cluster.geometry.coordinates as [number, number], zoom: map.getZoom() + 2 });
        return;
      }
      // Town before county: the smallest unit under the pointer.
      const [unit] = map.queryRenderedFeatures(event.point, { layers: [townHit.id, countyFill.id] })
        .sort((a, b) => (a.properties.level === 'town' ? 0 : 1) - (b.properties.level === 'town' ? 0 : 1));
      if (unit) onSelectRef.current({ kind: 'jurisdiction', id: String(unit.properties.code) });
    };
    const pointer = (event: MapLayerMouseEvent) => { map.getCanvas().style.cursor = event.type === 'mouseenter' ? 'pointer' : ''; };
    map.on('click', click);
    for (const { layer } of CLICKABLE) {
      map.on('mouseenter', layer, pointer);
      map.on('mouseleave', layer, pointer);
    }
    return () => {
      map.off('click', click);
      for (const { layer } of CLICKABLE) {
        map.off('mouseenter', layer, pointer);
        map.off('mouseleave', layer, pointer);
      }
    };
  }, [map]);

  return <div ref={container} className="risk-map" data-testid="risk-map" data-ready={map ? 'true' : 'false'} />;
}
