import { useSyncExternalStore } from 'react';

// localStorage so a reload keeps the session; the token itself expires on the server side.
const KEY = 'risk-map.token';
const listeners = new Set<() => void>();

export function getToken(): string | null {
  return localStorage.getItem(KEY);
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

/** Calls `listener` on every sign-in and sign-out; returns the call that stops it. */
export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The stored token, re-rendering on sign-in and sign-out. */
export function useToken(): string | null {
  return useSyncExternalStore(onTokenChange, getToken);
}
