import { Marker, type Map } from 'maplibre-gl';

export interface Label {
  code: string;
  name: string;
  level: string;
  lng: number;
  lat: number;
}

/**
 * Names as HTML markers, not a symbol layer: a symbol layer needs a glyphs URL, and with no
 * internet there is none; the browser's own fonts render Chinese here. Town names show from
 * zoom 9 (a CSS class on the container), where they no longer overlap.
 */
export function showLabels(map: Map, labels: readonly Label[], onClick: (code: string) => void): () => void {
  const markers = labels.map((label) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = `map-label map-label-${label.level}`;
    element.textContent = label.name;
    element.dataset.code = label.code;
    element.addEventListener('click', (event) => {
      event.stopPropagation();
      onClick(label.code);
    });
    return new Marker({ element }).setLngLat([label.lng, label.lat]).addTo(map);
  });
  const container = map.getContainer();
  const zoomClass = () => container.classList.toggle('show-town-labels', map.getZoom() >= 9);
  zoomClass();
  map.on('zoomend', zoomClass);
  return () => {
    map.off('zoomend', zoomClass);
    markers.forEach((marker) => marker.remove());
  };
}
