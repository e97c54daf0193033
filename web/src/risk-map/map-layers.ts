import type { GeoJSONSourceSpecification, LayerSpecification, Map as MapLibreMap, GeoJSONSource } from 'maplibre-gl';

export const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Puts `data` into a GeoJSON source (created on first use with `options`) and shows or hides
 * its layers; one helper so that every overlay is added and toggled the same way.
 */
export function syncGeoJsonLayers(
  map: MapLibreMap,
  sourceId: string,
  data: GeoJSON.FeatureCollection | undefined,
  layers: readonly LayerSpecification[],
  visible: boolean,
  options: Partial<GeoJSONSourceSpecification> = {},
): void {
  const source = map.getSource<GeoJSONSource>(sourceId);
  if (!source) map.addSource(sourceId, { type: 'geojson', data: data ?? EMPTY, ...options });
  else if (data) source.setData(data);
  for (const layer of layers) {
    if (!map.getLayer(layer.id)) map.addLayer(layer);
    map.setLayoutProperty(layer.id, 'visibility', visible ? 'visible' : 'none');
  }
}

/** Replaces a layer whose paint depends on data (the choropleth's scale), below `beforeId`. */
export function replaceLayer(map: MapLibreMap, layer: LayerSpecification, visible: boolean, beforeId?: string): void {
  if (map.getLayer(layer.id)) map.removeLayer(layer.id);
  map.addLayer(layer, beforeId && map.getLayer(beforeId) ? beforeId : undefined);
  map.setLayoutProperty(layer.id, 'visibility', visible ? 'visible' : 'none');
}
