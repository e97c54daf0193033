import { useCallback, useSyncExternalStore } from 'react';

// The page's state that a shared link must restore (filters, the opened record, the ledger's
// tab, search and quick view) lives in the query string. Each part owns its own keys and
// leaves the others' alone, so opening a hazard keeps the filters and the reverse.

const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}
const currentSearch = () => window.location.search;

/** The query string, re-read whenever the app or the browser's back button changes it. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, currentSearch);
}

/** Sets (or, with null, removes) some query-string keys as one new history entry. */
export function setUrlParams(changes: Record<string, string | null>): void {
  const params = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  window.history.pushState(null, '', `${window.location.pathname}${text ? `?${text}` : ''}`);
  for (const listener of listeners) listener();
}

/** One query-string key as state. */
export function useUrlParam(key: string): [string | null, (value: string | null) => void] {
  const search = useSearch();
  const value = new URLSearchParams(search).get(key);
  const set = useCallback((next: string | null) => setUrlParams({ [key]: next }), [key]);
  return [value, set];
}
