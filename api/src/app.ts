import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express from 'express';
import type { Database } from '@risk/db';
import type { Config } from './config';
import { viewerFromHeader } from './auth/token';
import { Context } from './common/context';
import { AggregateCache, WriteGeneration } from './common/derived-cache';
import { formatError, UNAVAILABLE_RETRY_AFTER_SECONDS } from './common/errors';
import { costLimitPlugin, depthRule } from './common/query-limits';
import { healthHandler } from './health/health';
import { createSchema } from './schema';
import { tilesRouter } from './tiles/tiles.router';

/**
 * Ends each request's transaction: commit when it produced no error, else roll back. A
 * committed mutation moves the write generation on, so cached tiles and aggregates renew.
 * A commit that fails (the database went away under it) replaces the answer with its error:
 * the client must not take the write as done. An answer that says SERVICE_UNAVAILABLE goes
 * out as HTTP 503 with Retry-After.
 */
const transactionPlugin = (generation: WriteGeneration): ApolloServerPlugin<Context> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, errors, response, operation }) {
        const body = response.body.kind === 'single' ? response.body : undefined;
        const failed = Boolean(errors?.length) || Boolean(body?.singleResult.errors?.length);
        try {
          await contextValue.db.finish(!failed);
        } catch (error) {
          if (!body) throw error;
          body.singleResult = { errors: [formatError({ message: 'commit failed' }, error)] };
        }
        if (!failed && operation?.operation === 'mutation') generation.bump();
        if (!body) return;
        const answer = body.singleResult;
        // How many SQL statements the request ran: tests and benchmarks watch it for N+1.
        answer.extensions = { ...answer.extensions, sqlStatements: contextValue.db.statements.count };
        if (answer.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
        }
      },
    };
  },
});

export interface App {
  server: Server;
  apollo: ApolloServer<Context>;
}

/** The api process: /healthz, /graphql, and the built web app at `/` when present. */
export async function createApp(config: Config, db: Database): Promise<App> {
  const schema = await createSchema();
  const generation = new WriteGeneration();
  const aggregates = new AggregateCache(generation, config.aggregateCache);
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    // Cache control is on by default and hooks every resolved field (willResolveField), which
    // also wraps every resolver; the api sets no cache hints, and on a 1,000-row list the
    // hooks cost a tenth of the request's CPU (bench/).
    plugins: [transactionPlugin(generation), costLimitPlugin(schema, config.maxQueryCost), ApolloServerPluginCacheControlDisabled()],
    validationRules: [depthRule(config.maxQueryDepth)],
    introspection: true,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // Before compression(): tiles are stored gzipped and sent as they are.
  app.use('/tiles', tilesRouter(config, db, generation));
  app.use(compression());
  app.get('/healthz', healthHandler(db));
  app.use('/graphql', express.json({ limit: '2mb' }), expressMiddleware(apollo, {
    context: async ({ req }) => {
      const viewer = await viewerFromHeader(req.headers.authorization, config);
      return new Context(viewer, db.pool, config, req.ip ?? 'unknown', aggregates);
    },
  }));
  if (existsSync(config.webDist)) {
    app.use(express.static(config.webDist, { index: 'index.html', maxAge: '1h' }));
    // The analysts' GraphQL explorer is a second page of the web build (no CDN).
    app.get('/explorer', (_req, res) => res.sendFile(join(config.webDist, 'explorer.html')));
    // The single-page app routes on the client: unknown paths get its page.
    app.get(/^\/(?!graphql|healthz|tiles).*/, (_req, res) => res.sendFile(join(config.webDist, 'index.html')));
  }

  const server = createServer(app);
  server.on('close', () => void apollo.stop());
  return { server, apollo };
}
