import { createClient, type Client } from 'graphql-ws';
import { useSyncExternalStore } from 'react';
import { getToken, onTokenChange } from '../auth/token-store';
import { config } from '../config';

/** Whether live updates are flowing: `connecting` until the first connection, `lost` while reconnecting. */
export type LiveState = 'connecting' | 'connected' | 'lost';

let state: LiveState = 'connecting';
let connectedBefore = false;
const listeners = new Set<() => void>();

function setState(next: LiveState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** The WebSocket URL of the api's /graphql, on this page's host (wss behind https). */
function socketUrl(): string {
  return new URL(config.graphqlUrl, window.location.href).toString().replace(/^http/, 'ws');
}

/** Longest wait between two reconnection attempts: graphql-ws's own back-off doubles without bound. */
const MAX_RETRY_WAIT_MS = 30_000;

/**
 * The one WebSocket to the api (graphql-ws), opened while a subscription needs it. Signed in
 * by the stored token in its connection_init payload; after a lost connection it retries
 * without end (doubling waits up to 30 s, with jitter so that a restarted api is not hit by
 * every client at once) and says `resumed`, and the api then starts each subscription with a
 * resync: what changed meanwhile is refetched.
 */
export const liveSocket: Client = createClient({
  url: socketUrl,
  lazy: true,
  retryAttempts: Infinity,
  retryWait: (retries) => new Promise((resolve) => {
    setTimeout(resolve, Math.min(MAX_RETRY_WAIT_MS, 1000 * 2 ** retries) * (0.5 + Math.random() / 2));
  }),
  // A refusal (4403: the token is no longer valid) is retried too, with the token then stored.
  shouldRetry: () => true,
  connectionParams: () => {
    const token = getToken();
    return { ...(token ? { authorization: `Bearer ${token}` } : {}), resumed: connectedBefore };
  },
  on: {
    connected: () => {
      connectedBefore = true;
      setState('connected');
    },
    closed: () => {
      if (connectedBefore) setState('lost');
    },
  },
});

// A new sign-in must not hear what the previous user may see: the socket starts afresh.
onTokenChange(() => {
  connectedBefore = false;
  setState('connecting');
  liveSocket.terminate();
});

export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}
