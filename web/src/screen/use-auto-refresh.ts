import { useCallback, useEffect, useState } from 'react';
import { useDataRevision } from '../data-revision';

/**
 * The big screen's one refresh: `refresh()` moves `signal` on, and every panel of the screen
 * fetches its figures again when it changes. A live update calls it (the subscription moves
 * the data revision on, live-status.tsx); a timer calls it every `seconds` as well, in case
 * the WebSocket is down.
 */
export function useAutoRefresh(seconds: number): { signal: number; refreshedAt: Date; refresh: () => void } {
  const [state, setState] = useState({ signal: 0, refreshedAt: new Date() });
  const refresh = useCallback(() => setState((s) => ({ signal: s.signal + 1, refreshedAt: new Date() })), []);
  const revision = useDataRevision();
  useEffect(() => {
    if (revision > 0) refresh();
  }, [revision, refresh]);
  useEffect(() => {
    const timer = window.setInterval(refresh, seconds * 1000);
    return () => window.clearInterval(timer);
  }, [seconds, refresh]);
  return { ...state, refresh };
}

/** Seconds between refreshes from `?refresh=`: 60 by default, never under 5 (a screen must not load the API). */
export function refreshSeconds(params: URLSearchParams): number {
  const asked = Number(params.get('refresh'));
  return Number.isInteger(asked) && asked >= 5 ? Math.min(asked, 3600) : 60;
}
