import { useSyncExternalStore } from 'react';

/**
 * Counts the writes this browser has made. Vector tiles are plain HTTP resources that the
 * browser caches (Cache-Control: max-age): a tile URL carrying the revision is a new URL
 * after a write, so the map shows the change at once instead of after the cache expires.
 */
let revision = 0;
const listeners = new Set<() => void>();

export function bumpDataRevision(): void {
  revision += 1;
  for (const listener of listeners) listener();
}

export function useDataRevision(): number {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => revision,
  );
}
