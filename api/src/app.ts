import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import pino, { type DestinationStream } from 'pino';
import type { Database } from '@risk/db';
import { attachmentsRouter } from './attachment/attachment.router';
import { boundariesRouter } from './boundary/boundary.router';
import { AuditWriter } from './audit/audit.writer';
import type { Config } from './config';
import { viewerFromHeader } from './auth/token';
import { Context } from './common/context';
import { AggregateCache, parseWrites, WriteLog } from './common/derived-cache';
import { AppError, errorBody, errorStatusPlugin, formatError, fromPostgres, UNAVAILABLE_RETRY_AFTER_SECONDS } from './common/errors';
import { introspectionPlugin } from './common/introspection';
import { heavyRequestPlugin, MAX_QUERY_DIRECTIVES, queryGuard } from './common/query-limits';
import { recordOf } from './common/request-record';
import { accessOf, RequestRouter } from './common/request-router';
import { requestLog, requestRecordPlugin } from './common/request-log';
import { securityHeaders } from './common/security-headers';
import { healthHandler } from './health/health';
import { liveSocket } from './live/live-socket';
import { LiveUpdates } from './live/live-updates';
import { briefingsRouter } from './briefing/briefing.router';
import { exportsRouter } from './export/export.router';
import { compiledExecutor } from './common/compiled-executor';
import { ImportJobs } from './import/import.service';
import { importsRouter } from './import/import.router';
import { createSchema } from './schema';
import { tilesRouter } from './tiles/tiles.router';

/**
 * Ends each request's transaction: commit when it produced no error, else roll back. A
 * committed mutation reports the towns and places it wrote (recorded by the database's
 * triggers), so the cached tiles and figures they can affect renew, and only those.
 * A commit that fails (the database went away under it) replaces the answer with its error:
 * the client must not take the write as done. An answer that says SERVICE_UNAVAILABLE goes
 * out as HTTP 503 with Retry-After.
 */
const transactionPlugin = (writes: WriteLog, router: RequestRouter): ApolloServerPlugin<Context> => ({
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, errors, response, operation }) {
        const body = response.body.kind === 'single' ? response.body : undefined;
        const failed = Boolean(errors?.length) || Boolean(body?.singleResult.errors?.length);
        let written = '';
        try {
          written = !failed && operation?.operation === 'mutation' ? await contextValue.db.writes() : '';
          await contextValue.db.finish(!failed);
        } catch (error) {
          if (!body) throw error;
          written = '';
          body.singleResult = { errors: [formatError({ message: 'commit failed' }, error)] };
        }
        if (written) writes.record(parseWrites(written), await router.committed());
        if (!body) return;
        const answer = body.singleResult;
        // How many SQL statements the request ran: tests and benchmarks watch it for N+1; with
        // read replicas, which server answered.
        answer.extensions = {
          ...answer.extensions,
          sqlStatements: contextValue.db.statements.count,
          ...(router.replicated ? { servedBy: contextValue.db.servedBy } : {}),
        };
        if (answer.errors?.some((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE')) {
          response.http.status = 503;
          response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
        }
      },
    };
  },
});

/** Any path no route serves: a JSON refusal, never Express's HTML page. */
function notFoundHandler(req: Request, res: Response): void {
  res.status(404).json(errorBody('NOT_FOUND', `nothing at ${req.method} ${req.path}`));
}

/**
 * The last handler: refusals of the HTTP layer (a body above MAX_BODY_BYTES, malformed JSON)
 * in the GraphQL error shape with their status, and anything else masked as an internal
 * error. Express's own handler would answer an HTML page with the stack trace.
 */
function httpErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  const { type, status } = error as { type?: string; status?: number };
  if (type === 'entity.too.large') {
    res.status(413).json(errorBody('PAYLOAD_TOO_LARGE', 'the request body is too large'));
  } else if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(400).json(errorBody('BAD_REQUEST', type === 'entity.parse.failed' ? 'the request body is not valid JSON' : 'malformed request'));
  } else {
    console.error(error);
    res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'internal error'));
  }
}

export interface App {
  server: Server;
  apollo: ApolloServer<Context>;
  /** Audit records still being written; await `settled()` before closing the pool. */
  audit: AuditWriter;
  /** Live updates (subscriptions); stopped with Apollo (`apollo.stop()`), which closes their sockets. */
  live: LiveUpdates;
  /** Imports under way in the background (api/src/import); await `settled()` before closing the pool. */
  imports: ImportJobs;
}

export interface AppOptions {
  /** Where the JSON log lines go (one per request); standard output by default. */
  logDestination?: DestinationStream;
}

/** The api process: /healthz, /graphql, and the built web app at `/` when present. */
export async function createApp(config: Config, db: Database, options: AppOptions = {}): Promise<App> {
  const logger = pino({ base: undefined }, options.logDestination ?? pino.destination(1));
  const audit = new AuditWriter(db.pool, logger);
  const schema = await createSchema();
  const writes = new WriteLog();
  const aggregates = new AggregateCache(writes, config.aggregateCache);
  const router = new RequestRouter(db, writes);
  const limits = {
    maxTokens: config.maxQueryTokens, maxDepth: config.maxQueryDepth, maxAliases: config.maxQueryAliases,
    maxDirectives: MAX_QUERY_DIRECTIVES, maxCost: config.maxQueryCost,
  };
  const live = await LiveUpdates.start(db, logger, writes);
  const sockets = liveSocket(schema, config, db, live, limits);
  // A confirmed import's writes renew the tiles and figures they can affect, as a mutation's do.
  const imports = new ImportJobs(db, async (written) => writes.record(parseWrites(written), await router.committed()),
    // importId null: the runs' bookkeeping (heartbeat, the sweep of interrupted runs) failed, no import.
    (error, importId) => logger.error({ err: error, importId }, importId ? 'import failed' : 'import bookkeeping failed'));
  const apollo = new ApolloServer<Context>({
    // The schema, executed by graphql-jit (compiled-executor.ts).
    gateway: compiledExecutor<Context>(schema),
    formatError,
    // Never, whatever NODE_ENV says (Apollo includes them unless it is production or test).
    includeStacktraceInErrorResponses: false,
    // The parser stops at this many tokens, before any validation rule walks the document.
    parseOptions: { maxTokens: config.maxQueryTokens },
    // Automatic persisted queries would run a stored document with new variables that
    // queryGuard never saw (a larger `first`); no client of ours sends them.
    persistedQueries: false,
    // Cache control is on by default and hooks every resolved field (willResolveField), which
    // also wraps every resolver; the api sets no cache hints, and on a 1,000-row list the
    // hooks cost a tenth of the request's CPU (bench/).
    // The landing page at GET /graphql would load Apollo's sandbox from a CDN, which the
    // Content-Security-Policy refuses; the bundled /explorer is the one explorer.
    plugins: [transactionPlugin(writes, router), requestRecordPlugin, heavyRequestPlugin(schema, config), errorStatusPlugin, introspectionPlugin,
      ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled(), sockets.plugin],
    // On, and decided per viewer by introspectionPlugin.
    introspection: true,
    // main.ts stops Apollo with the rest of the process. Apollo's own handlers would stop it
    // first and then signal the process again, which main's handler, already stopping,
    // ignores: the process never ended.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // Express would hash every body it sends for a weak ETag: a 1,000-row GraphQL answer (POST,
  // never revalidated) is 0.8 MB of SHA-1 per request. Tiles and static files set their own.
  app.set('etag', false);
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders(config));
  app.use(requestLog(logger, audit));
  // Before compression(): tiles are stored gzipped and sent as they are.
  app.use('/tiles', tilesRouter(config, db, writes, router));
  // Photos are JPEG already; uploads carry their own size limits, not express.json's.
  app.use('/attachments', attachmentsRouter(config, db));
  app.use('/imports/boundaries', boundariesRouter(config, db));
  app.use(compression());
  app.get('/healthz', healthHandler(db));
  app.use('/exports', exportsRouter(config, db, schema));
  app.use('/briefings', briefingsRouter(config, db));
  // Uploads carry their own size limit (MAX_IMPORT_BYTES), not express.json's.
  app.use('/imports', importsRouter(config, imports));
  app.use('/graphql', express.json({ limit: config.maxBodyBytes }), queryGuard(schema, limits), expressMiddleware(apollo, {
    context: async ({ req, res }) => {
      const record = recordOf(res);
      try {
        const claimed = await viewerFromHeader(req.headers.authorization, config);
        const context = new Context(claimed, db.apiPool, config, record, aggregates, router.open(claimed, record.id, accessOf(req.method === 'GET' ? req.query : req.body)));
        context.imports = imports;
        await context.begin();
        return context;
      } catch (error) {
        // Apollo answers this without running any plugin hook: the record notes it here. A
        // lost database is mapped here too, so that it carries its status (503).
        const refusal = error instanceof AppError ? error : fromPostgres(error as { code?: string }) ?? error;
        record.noteError(refusal);
        throw refusal;
      }
    },
  }));
  if (existsSync(config.webDist)) {
    app.use(express.static(config.webDist, { index: 'index.html', maxAge: '1h' }));
    // The analysts' GraphQL explorer is a second page of the web build (no CDN).
    app.get('/explorer', (_req, res) => res.sendFile(join(config.webDist, 'explorer.html')));
    // The single-page app routes on the client: unknown paths get its page.
    app.get(/^\/(?!graphql|healthz|tiles|attachments|exports|briefings).*/, (_req, res) => res.sendFile(join(config.webDist, 'index.html')));
  }

  app.use(notFoundHandler);
  app.use(httpErrorHandler);

  const server = createServer(app);
  sockets.attach(server);
  server.on('close', () => void apollo.stop());
  return { server, apollo, audit, live, imports };
}
