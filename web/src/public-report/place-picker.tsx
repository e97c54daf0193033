import { Map as MapLibreMap, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { config } from '../config';
import { offlineStyle } from '../risk-map/map-style';

setWorkerUrl(workerUrl);

export interface LngLat {
  lng: number;
  lat: number;
}

/** Where the map opens: 益阳市 (the demo's city) until the reporter picks a place. */
const START: LngLat = { lng: 112.36, lat: 28.55 };

/** A map to tap the place on; the chosen point shows as a marker and follows `value`. */
export function PlacePicker({ value, onPick }: { value: LngLat | null; onPick: (point: LngLat) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | undefined>(undefined);
  const marker = useRef<Marker | undefined>(undefined);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const instance = new MapLibreMap({
      container: container.current!, style: config.baseStyleUrl ?? offlineStyle('light'), center: [START.lng, START.lat], zoom: 9,
      attributionControl: false,
    });
    instance.addControl(new NavigationControl({ showCompass: false }));
    instance.on('click', (event) => pick.current({ lng: event.lngLat.lng, lat: event.lngLat.lat }));
    map.current = instance;
    return () => instance.remove();
  }, []);

  useEffect(() => {
    if (!map.current || !value) return;
    marker.current ??= new Marker({ color: '#e02020' });
    marker.current.setLngLat([value.lng, value.lat]).addTo(map.current);
    map.current.easeTo({ center: [value.lng, value.lat], zoom: Math.max(map.current.getZoom(), 14) });
  }, [value]);

  return <div ref={container} className="place-picker" data-testid="place-picker" />;
}
