import { createContext, useCallback, useContext, useMemo, useState } from 'react';

export type LngLat = [number, number];

/**
 * What a form is picking on the map: one point (a hazard's or an enterprise's location) or
 * the vertices of a line (a road segment), in the order clicked.
 */
export interface MapDraft {
  mode: 'point' | 'line';
  points: LngLat[];
  /** Whether map clicks add to the draft now (otherwise they open details as usual). */
  picking: boolean;
}

export interface MapPick {
  draft: MapDraft | null;
  /** Starts picking, replacing any earlier draft. */
  start(mode: MapDraft['mode'], points?: LngLat[]): void;
  /** Shows points without picking (the enterprise's location, a pasted line). */
  show(mode: MapDraft['mode'], points: LngLat[]): void;
  clear(): void;
  /** A map click while picking: a point replaces the point, a line gets a vertex. */
  add(lngLat: LngLat): void;
}

/** The risk map page's draft state; a form reaches it through useMapPick. */
export function useMapPickState(): MapPick {
  const [draft, setDraft] = useState<MapDraft | null>(null);
  const start = useCallback((mode: MapDraft['mode'], points: LngLat[] = []) => setDraft({ mode, points, picking: true }), []);
  const show = useCallback((mode: MapDraft['mode'], points: LngLat[]) => setDraft({ mode, points, picking: false }), []);
  const clear = useCallback(() => setDraft(null), []);
  const add = useCallback((lngLat: LngLat) => setDraft((d) => d && d.picking
    ? { ...d, points: d.mode === 'point' ? [lngLat] : [...d.points, lngLat] }
    : d), []);
  return useMemo(() => ({ draft, start, show, clear, add }), [draft, start, show, clear, add]);
}

const MapPickContext = createContext<MapPick | null>(null);
export const MapPickProvider = MapPickContext.Provider;

export function useMapPick(): MapPick {
  const pick = useContext(MapPickContext);
  if (!pick) throw new Error('useMapPick outside MapPickProvider');
  return pick;
}

/** The draft as map features: its points, and its line once it has two. */
export function draftFeatures(draft: MapDraft | null): GeoJSON.FeatureCollection {
  const points = draft?.points ?? [];
  const features: GeoJSON.Feature[] = points.map((coordinates) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates } }));
  if (draft?.mode === 'line' && points.length >= 2) features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: points } });
  return { type: 'FeatureCollection', features };
}
