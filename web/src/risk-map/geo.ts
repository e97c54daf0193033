import type { LngLatBoundsLike } from 'maplibre-gl';

/** The bounding box of any GeoJSON geometries, or undefined when they hold no coordinates. */
export function boundsOf(geometries: readonly (GeoJSON.Geometry | null | undefined)[]): LngLatBoundsLike | undefined {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  const visit = (coords: unknown): void => {
    if (Array.isArray(coords) && typeof coords[0] === 'number') {
      const [lng, lat] = coords as number[];
      west = Math.min(west, lng!); east = Math.max(east, lng!);
      south = Math.min(south, lat!); north = Math.max(north, lat!);
    } else if (Array.isArray(coords)) {
      coords.forEach(visit);
    }
  };
  for (const geometry of geometries) {
    if (!geometry) continue;
    if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g: GeoJSON.Geometry) => visit('coordinates' in g ? g.coordinates : []));
    else visit(geometry.coordinates);
  }
  return west <= east ? [west, south, east, north] : undefined;
}
