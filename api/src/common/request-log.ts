import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { AuditWriter } from '../audit/audit.writer';
import type { Context } from './context';
import { RequestRecord, requestIdOf } from './request-record';

/** Answers that refuse the viewer: each leaves a REFUSED audit record. */
const REFUSALS = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/**
 * Gives every request an id (a sane incoming x-request-id, else a new UUID), returns it in
 * the x-request-id header and, when the response is over, writes one JSON log line and the
 * request's audit records. The audit write is its own statement through the pool, after
 * the request's transaction has ended, so a refused (rolled-back) request keeps its record.
 */
export function requestLog(logger: Logger, audit: AuditWriter): RequestHandler {
  return (req, res, next) => {
    const record = new RequestRecord(requestIdOf(req.get('x-request-id')), req.ip ?? 'unknown');
    res.locals.request = record;
    res.setHeader('x-request-id', record.id);
    res.once('close', () => {
      const { viewer } = record;
      logger.info({
        requestId: record.id,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        operation: record.operation,
        viewer: { id: viewer.userId, role: viewer.role },
        durationMs: Math.round((performance.now() - record.startedAt) * 10) / 10,
        errors: record.codes,
      }, 'request');
      const refusal = record.codes.find((code) => REFUSALS.has(code));
      const entries = [...record.entries];
      // A failed sign-in is its own record; its UNAUTHENTICATED answer is not a second one.
      if (refusal && !entries.some((e) => e.event === 'SIGN_IN_FAILED')) entries.push({ event: 'REFUSED', code: refusal });
      if (entries.length > 0) audit.write(record, entries, `${req.method} ${req.baseUrl}${req.path}`);
    });
    next();
  };
}

/** Copies the operation name, the final viewer and the error codes of a GraphQL answer into its record. */
export const requestRecordPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response, operationName, request }) {
        const record = contextValue.request;
        record.operation = operationName ?? request.operationName ?? null;
        record.viewer = contextValue.viewer;
        if (response.body.kind === 'single') {
          for (const error of response.body.singleResult.errors ?? []) record.codes.push(String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        }
      },
    };
  },
};
