type TileLayer = 'hazards' | 'enterprises' | 'road_segments';
/**
 * A GraphQL filter input. Only fields that fit a query string (text, numbers, booleans, lists)
 * may be set: the tiles take no geometry (within, near), the map's view is their area.
 */
type TileFilter = Record<string, unknown>;

/** The path every tile request starts with; the map adds the bearer token to these only. */
export const TILES_PATH = '/tiles/';

/**
 * A tile URL template with the filter as query parameters under the GraphQL input's own
 * names (lists comma-separated), which is how the API reads tile filters (docs/tiles.md):
 * the map and the list then select the same rows. `revision` (data-revision.ts) makes the
 * URL new after this browser's own writes.
 */
export function tileUrl(layer: TileLayer, filter: TileFilter, revision: number): string {
  const params = new URLSearchParams();
  if (revision > 0) params.set('v', String(revision));
  for (const [name, value] of Object.entries(filter).sort(([a], [b]) => a.localeCompare(b))) {
    if (value == null) continue;
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const query = params.toString().replaceAll('%2C', ',');
  return `${window.location.origin}${TILES_PATH}${layer}/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`;
}
