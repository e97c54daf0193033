import { authExchange } from '@urql/exchange-auth';
import { cacheExchange, Client, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { getToken, setToken } from './auth/token-store';
import { config } from './config';
import { bumpDataRevision } from './data-revision';
import { errorCodes } from './errors/error-codes';
import { liveSocket } from './live/live-socket';

/**
 * The one GraphQL client. Exchanges, in order:
 * - cacheExchange: document cache; a mutation's typenames invalidate the queries that
 *   returned them, so lists and counts refresh after a status change;
 * - authExchange: adds the stored bearer token and signs out when the API answers
 *   UNAUTHENTICATED (expired or revoked token);
 * - mapExchange: a successful mutation, or a live update, moves the data revision on, so
 *   the map's tile URLs change and its tiles reload (data-revision.ts);
 * - subscriptionExchange: subscriptions over the api's WebSocket (live/live-socket.ts);
 * - fetchExchange: POSTs to /graphql. Queries too (preferGetMethod: false): the API's CSRF
 *   protection refuses a GET without a preflight header, and POST bodies keep long filter
 *   queries out of URLs and access logs.
 */
export function createClient(): Client {
  return new Client({
    url: config.graphqlUrl,
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const token = getToken();
          return token ? utils.appendHeaders(operation, { Authorization: `Bearer ${token}` }) : operation;
        },
        didAuthError: (error) => errorCodes(error).includes('UNAUTHENTICATED'),
        async refreshAuth() {
          setToken(null);
        },
      })),
      mapExchange({
        onResult(result) {
          if ((result.operation.kind === 'mutation' || result.operation.kind === 'subscription') && !result.error) bumpDataRevision();
        },
      }),
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: liveSocket.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
      fetchExchange,
    ],
  });
}
