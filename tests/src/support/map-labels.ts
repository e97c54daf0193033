/// <reference lib="dom" />
import type { Page } from 'playwright-core';

// Reading the map's labels in a browser test: the canvas cannot be read back, but the map
// behind it can (risk-map.tsx puts it on its element for inspection).

/** The map behind the risk-map element (risk-map.tsx puts it there for inspection). */
export type MapElement = HTMLElement & { maplibre: import('maplibre-gl', { with: { 'resolution-mode': 'import' } }).Map };

export async function mapIdle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => {
    const map = (document.querySelector('[data-testid=risk-map]') as MapElement | null)?.maplibre;
    return Boolean(map && map.loaded() && map.isStyleLoaded() && !map.isMoving() && map.areTilesLoaded());
  });
  // Then MapLibre's own 'idle': tiles loaded is not labels placed. A symbol bucket that
  // arrives within the fade duration of the last placement waits for the next one (Style's
  // stillRecent), which two animation frames did not always cover.
  await page.evaluate(() => new Promise<void>((resolve) => {
    const map = (document.querySelector('[data-testid=risk-map]') as MapElement).maplibre;
    map.once('idle', () => resolve());
    map.triggerRepaint();
  }));
}

/**
 * The labels on screen: the features of the label layer MapLibre placed (queryRenderedFeatures
 * returns only placed symbols) and the collision boxes of its placement, in screen pixels.
 */
export function renderedLabels(page: Page) {
  return page.evaluate(() => {
    const map = (document.querySelector('[data-testid=risk-map]') as MapElement).maplibre;
    const features = map.queryRenderedFeatures({ layers: ['unit-labels'] });
    // MapLibre's collision grid keeps four numbers per placed box, offset by its 100 px
    // viewport padding (symbol/collision_index.ts).
    const grid = (map as unknown as { style: { placement: { collisionIndex: { grid: { bboxes: number[] } } } } }).style.placement.collisionIndex.grid;
    const boxes: { x1: number; y1: number; x2: number; y2: number }[] = [];
    for (let i = 0; i < grid.bboxes.length; i += 4) {
      const [x1, y1, x2, y2] = grid.bboxes.slice(i, i + 4).map((v) => v - 100) as [number, number, number, number];
      boxes.push({ x1, y1, x2, y2 });
    }
    const canvas = map.getCanvas();
    const onScreen = boxes.filter((b) => b.x2 > 0 && b.y2 > 0 && b.x1 < canvas.clientWidth && b.y1 < canvas.clientHeight);
    return {
      zoom: map.getZoom(),
      labels: features.map((f) => ({ code: String(f.properties.code), level: String(f.properties.level), figure: f.properties.figure as string | undefined })),
      boxes: onScreen,
    };
  });
}

export type Box = { x1: number; y1: number; x2: number; y2: number };
/** Pairs of boxes that overlap by more than half a pixel (touching edges do not count). */
export function overlaps(boxes: readonly Box[]): [Box, Box][] {
  const pairs: [Box, Box][] = [];
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    if (Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 0.5 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 0.5) pairs.push([a, b]);
  }));
  return pairs;
}

