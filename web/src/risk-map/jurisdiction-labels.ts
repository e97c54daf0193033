export interface LabelledUnit {
  code: string;
  name: string;
  level: string;
  labelLng?: number | null;
  labelLat?: number | null;
}

/**
 * A point per unit at its label point, for the `unit-labels` symbol layer (map-style.ts):
 * its name, the chosen metric's figure when the unit has one (`figures`, already in words),
 * and `rank`, the order in which MapLibre places labels when they collide: counties first,
 * then towns by their rank by risk score (`ranks`, the API's), then the towns without one.
 */
export function labelFeatures(
  units: readonly LabelledUnit[], figures: ReadonlyMap<string, string>, ranks: ReadonlyMap<string, number>,
): GeoJSON.FeatureCollection<GeoJSON.Point> {
  const unranked = ranks.size + 1;
  return {
    type: 'FeatureCollection',
    features: units.filter((u) => u.labelLng != null && u.labelLat != null).map((u) => {
      const figure = figures.get(u.code);
      const rank = u.level === 'town' ? ranks.get(u.code) ?? unranked : 0;
      return {
        type: 'Feature',
        id: u.code,
        geometry: { type: 'Point', coordinates: [u.labelLng!, u.labelLat!] },
        properties: { code: u.code, name: u.name, level: u.level, rank, ...(figure === undefined ? {} : { figure }) },
      };
    }),
  };
}
