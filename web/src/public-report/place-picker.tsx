import { Map as MapLibreMap, Marker, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { config } from '../config';
import { offlineStyle } from '../risk-map/map-style';
import { ServiceAreaQuery } from './public-report.operations';

setWorkerUrl(workerUrl);

export interface LngLat {
  lng: number;
  lat: number;
}

/** Where the map opens before it knows the deployment's city: all of China. */
const START: LngLat = { lng: 104, lat: 35 };

/** A map to tap the place on; the chosen point shows as a marker and follows `value`. */
export function PlacePicker({ value, onPick }: { value: LngLat | null; onPick: (point: LngLat) => void }) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | undefined>(undefined);
  const marker = useRef<Marker | undefined>(undefined);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const instance = new MapLibreMap({
      container: container.current!, style: config.baseStyleUrl ?? offlineStyle('light'), center: [START.lng, START.lat], zoom: 3,
      attributionControl: false,
    });
    instance.addControl(new NavigationControl({ showCompass: false }));
    instance.on('click', (event) => pick.current({ lng: event.lngLat.lng, lat: event.lngLat.lat }));
    map.current = instance;
    return () => instance.remove();
  }, []);

  // The deployment's city fills the map once known, unless a place is picked already.
  const [area] = useQuery({ query: ServiceAreaQuery });
  const bbox = area.data?.serviceArea?.bbox;
  useEffect(() => {
    if (!map.current || !bbox || bbox.length !== 4 || value) return;
    map.current.fitBounds([[bbox[0]!, bbox[1]!], [bbox[2]!, bbox[3]!]], { padding: 20, animate: false });
    // Only when the area arrives: a pick moves the map itself.
  }, [bbox]);

  useEffect(() => {
    if (!map.current || !value) return;
    marker.current ??= new Marker({ color: '#e02020' });
    marker.current.setLngLat([value.lng, value.lat]).addTo(map.current);
    map.current.easeTo({ center: [value.lng, value.lat], zoom: Math.max(map.current.getZoom(), 14) });
  }, [value]);

  return <div ref={container} className="place-picker" data-testid="place-picker" />;
}
