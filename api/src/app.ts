import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express from 'express';
import type { Database } from '@risk/db';
import type { Config } from './config';
import { viewerFromHeader } from './auth/token';
import { Context } from './common/context';
import { AggregateCache, parseWrites, WriteLog } from './common/derived-cache';
import { formatError } from './common/errors';
import { introspectionPlugin } from './common/introspection';
import { costLimitPlugin, depthRule } from './common/query-limits';
import { securityHeaders } from './common/security-headers';
import { healthHandler } from './health/health';
import { createSchema } from './schema';
import { tilesRouter } from './tiles/tiles.router';

/**
 * Ends each request's transaction: commit when it produced no error, else roll back. A
 * committed mutation reports the towns and places it wrote (recorded by the database's
 * triggers), so the cached tiles and figures they can affect renew, and only those.
 */
const transactionPlugin = (writes: WriteLog): ApolloServerPlugin<Context> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, errors, response, operation }) {
        const failed = Boolean(errors?.length) ||
          (response.body.kind === 'single' && Boolean(response.body.singleResult.errors?.length));
        const written = !failed && operation?.operation === 'mutation' ? await contextValue.db.writes() : '';
        await contextValue.db.finish(!failed);
        if (written) writes.record(parseWrites(written));
        // How many SQL statements the request ran: tests and benchmarks watch it for N+1.
        if (response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: contextValue.db.statements.count };
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
  const writes = new WriteLog();
  const aggregates = new AggregateCache(writes, config.aggregateCache);
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    // Cache control is on by default and hooks every resolved field (willResolveField), which
    // also wraps every resolver; the api sets no cache hints, and on a 1,000-row list the
    // hooks cost a tenth of the request's CPU (bench/).
    // The landing page at GET /graphql would load Apollo's sandbox from a CDN, which the
    // Content-Security-Policy refuses; the bundled /explorer is the one explorer.
    plugins: [transactionPlugin(writes), costLimitPlugin(schema, config.maxQueryCost), introspectionPlugin,
      ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
    validationRules: [depthRule(config.maxQueryDepth)],
    // On, and decided per viewer by introspectionPlugin.
    introspection: true,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders(config));
  // Before compression(): tiles are stored gzipped and sent as they are.
  app.use('/tiles', tilesRouter(config, db, writes));
  app.use(compression());
  app.get('/healthz', healthHandler(db));
  app.use('/graphql', express.json({ limit: '2mb' }), expressMiddleware(apollo, {
    context: async ({ req }) => {
      const viewer = await viewerFromHeader(req.headers.authorization, config);
      return new Context(viewer, db.apiPool, config, req.ip ?? 'unknown', aggregates);
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
