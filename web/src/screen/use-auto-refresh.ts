import { useCallback, useEffect, useState } from 'react';

/**
 * The big screen's one refresh: `refresh()` moves `signal` on, and every panel of the screen
 * fetches its figures again when it changes. A timer calls it every `seconds`; a live update
 * (a subscription's event, when the API has one) is meant to call the same function.
 */
export function useAutoRefresh(seconds: number): { signal: number; refreshedAt: Date; refresh: () => void } {
  const [state, setState] = useState({ signal: 0, refreshedAt: new Date() });
  const refresh = useCallback(() => setState((s) => ({ signal: s.signal + 1, refreshedAt: new Date() })), []);
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
