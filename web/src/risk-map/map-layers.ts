import type {
  GeoJSONSource, GeoJSONSourceSpecification, LayerSpecification, Map as MapLibreMap, VectorTileSource,
} from 'maplibre-gl';

export const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Overlays go under the first symbol layer, so the unit names stay on top of them all. */
function firstSymbolLayer(map: MapLibreMap): string | undefined {
  // getLayersOrder, not getStyle: the latter serialises every source's data on each call.
  return map.getLayersOrder().find((id) => map.getLayer(id)?.type === 'symbol');
}

function showLayers(map: MapLibreMap, layers: readonly LayerSpecification[], visible: boolean): void {
  for (const layer of layers) {
    if (!map.getLayer(layer.id)) map.addLayer(layer, layer.type === 'symbol' ? undefined : firstSymbolLayer(map));
    map.setLayoutProperty(layer.id, 'visibility', visible ? 'visible' : 'none');
  }
}

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
  showLayers(map, layers, visible);
}

/**
 * The same for a vector tile source: a new URL (another filter) reloads its tiles in place,
 * so the layers keep their order and visibility.
 */
export function syncVectorLayers(
  map: MapLibreMap, sourceId: string, tilesUrl: string, layers: readonly LayerSpecification[], visible: boolean,
): void {
  const source = map.getSource<VectorTileSource>(sourceId);
  // maxzoom 16 as the API's TileJSON says: deeper views reuse those tiles.
  if (!source) map.addSource(sourceId, { type: 'vector', tiles: [tilesUrl], maxzoom: 16 });
  else if (source.tiles[0] !== tilesUrl) source.setTiles([tilesUrl]);
  showLayers(map, layers, visible);
}

/** Replaces a layer whose paint depends on data (the choropleth's scale), below `beforeId`. */
export function replaceLayer(map: MapLibreMap, layer: LayerSpecification, visible: boolean, beforeId?: string): void {
  if (map.getLayer(layer.id)) map.removeLayer(layer.id);
  map.addLayer(layer, beforeId && map.getLayer(beforeId) ? beforeId : undefined);
  map.setLayoutProperty(layer.id, 'visibility', visible ? 'visible' : 'none');
}
