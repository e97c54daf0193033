import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getOperationAST, parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { WebSocketServer } from 'ws';
import type { Database } from '@risk/db';
import { currentViewer, viewerFromHeader } from '../auth/token';
import type { Config } from '../config';
import { formatError } from '../common/errors';
import { nulAt, refusalOf, type QueryLimits } from '../common/query-limits';
import type { LiveUpdates, Subscriber } from './live-updates';
import type { LiveContext } from './live.resolver';

/** Subscriptions one connection may hold at once; the web holds one. */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 5;

/** What a client sends in its connection_init message. */
interface ConnectionParams {
  /** `Bearer <token>`, as the HTTP header. */
  authorization?: unknown;
  /** The client is connecting again after a lost connection: its subscriptions start with a resync. */
  resumed?: unknown;
  [key: string]: unknown;
}

type SocketExtra = Record<PropertyKey, unknown> & { subscriber: Subscriber };

/**
 * The account behind a connection_init payload, re-read as every request's is
 * (app.session_viewer); undefined for no token, a bad or expired one, or a deactivated
 * account, and when the database cannot tell.
 */
async function subscriberOf(params: ConnectionParams | undefined, config: Config, db: Database): Promise<Subscriber | undefined> {
  const header = typeof params?.authorization === 'string' ? params.authorization : undefined;
  if (!header) return undefined;
  try {
    const viewer = await currentViewer(db.apiPool, await viewerFromHeader(header, config));
    const { exp } = decodeJwt(header.replace(/^Bearer /, ''));
    return { viewer, expiresAt: exp ?? 0, resumed: params?.resumed === true };
  } catch {
    return undefined;
  }
}

const refusal = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  [new GraphQLError(message, { extensions: { code, ...extensions } })];

/** An error as a client of the HTTP endpoint would see it (formatError: masked unless ours). */
const formatted = (error: GraphQLError) => formatError(error.toJSON(), error);

/**
 * GraphQL subscriptions over WebSocket (graphql-ws) at /graphql, on the api's HTTP server,
 * beside Apollo Server: same schema, same limits, same sign-in. The connection is signed in
 * by its connection_init payload (`authorization`, the HTTP header's value) and refused
 * (4403) without a valid token of an active account. Each subscription document passes the
 * limits HTTP requests pass (queryGuard's checks, the parser's token limit) and graphql-js's
 * validation; queries and mutations are refused here (they belong to POST, where a request
 * is one transaction). No cookie signs a connection in, so another site's page cannot open
 * one on a user's behalf: no Origin check is needed.
 *
 * Returns the Apollo plugin that closes the sockets (1001, clients connect again elsewhere)
 * and stops the live updates when Apollo stops, and `attach` for the HTTP server.
 */
export function liveSocket(schema: GraphQLSchema, config: Config, db: Database, live: LiveUpdates, limits: QueryLimits): {
  plugin: ApolloServerPlugin;
  attach(server: Server): void;
} {
  let sockets: { dispose(): Promise<void> | void } | undefined;
  const plugin: ApolloServerPlugin = {
    async serverWillStart() {
      return {
        async drainServer() {
          await sockets?.dispose();
          await live.stop();
        },
      };
    },
  };

  const attach = (server: Server) => {
    const webSockets = new WebSocketServer({ server, path: '/graphql', maxPayload: config.maxBodyBytes });
    sockets = useServer<ConnectionParams, SocketExtra>({
      schema,
      async onConnect(ctx) {
        const subscriber = await subscriberOf(ctx.connectionParams, config, db);
        if (!subscriber) return false;
        ctx.extra.subscriber = subscriber;
        return true;
      },
      onSubscribe(ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] {
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return refusal('RATE_LIMITED', `at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection`);
        }
        const variables = payload.variables ?? {};
        const nul = nulAt(payload.query, variables);
        if (nul !== undefined) return refusal('BAD_USER_INPUT', `${nul} contains a NUL character`, { field: nul });
        const refused = refusalOf(schema, payload.query, variables, limits);
        if (refused) return refusal(refused.code, refused.message, refused.extensions);
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          return refusal('GRAPHQL_PARSE_FAILED', (error as Error).message);
        }
        const invalid = validate(schema, document);
        if (invalid.length > 0) return invalid.map((error) => new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
          return refusal('BAD_REQUEST', 'only subscriptions go over the WebSocket; send queries and mutations as POST /graphql');
        }
        const { subscriber } = ctx.extra;
        if (!subscriber) return refusal('UNAUTHENTICATED', 'sign in first');
        const contextValue: LiveContext = { live, subscriber };
        return { schema, document, operationName: payload.operationName, variableValues: variables, contextValue };
      },
      onNext(_ctx, _id, _payload, _args, result) {
        return result.errors ? { ...result, errors: result.errors.map(formatted) } : undefined;
      },
      onError(_ctx, _id, _payload, errors) {
        return errors.map(formatted);
      },
    }, webSockets);
  };
  return { plugin, attach };
}
