import type { NextFunction, Request, Response } from 'express';
import { AppError, clientExtensions, errorBody, fromPostgres, httpStatusOf } from './errors';
import { recordOf } from './request-record';

/**
 * Errors of the routes outside GraphQL (tiles, attachments, exports, briefing files) in the GraphQL
 * shape, so clients decide on `extensions.code` the same way. A response already under way
 * (a streamed file) cannot change its status: it is cut off, and the client sees an
 * incomplete download rather than a file that looks whole.
 */
export function sendError(res: Response, error: unknown): void {
  const appError = error instanceof AppError ? error : fromPostgres(error as { code?: string });
  recordOf(res).noteError(appError ?? error);
  if (!appError) console.error(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (!appError) {
    res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'internal error'));
    return;
  }
  const retryAfter = appError.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
  res.status(httpStatusOf(appError.extensions.code)).json({ errors: [{ message: appError.message, extensions: clientExtensions(appError) }] });
}

/** An Express handler of an async function whose failures go to sendError. */
export const handle = (work: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, _next: NextFunction) => {
    work(req, res).catch((error: unknown) => sendError(res, error));
  };
