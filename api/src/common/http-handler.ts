import type { NextFunction, Request, Response } from 'express';
import { AppError, clientExtensions, errorBody, fromPostgres, httpStatusOf } from './errors';
import { recordOf } from './request-record';

/**
 * Answers a refusal of a plain HTTP route (tiles, attachments) in the GraphQL error shape, so
 * clients decide on `extensions.code` the same way; anything unexpected is logged and masked.
 */
export function sendError(res: Response, error: unknown): void {
  const appError = error instanceof AppError ? error : fromPostgres(error as { code?: string });
  recordOf(res).noteError(appError ?? error);
  if (!appError) {
    console.error(error);
    res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'internal error'));
    return;
  }
  const retryAfter = appError.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
  res.status(httpStatusOf(appError.extensions.code)).json({ errors: [{ message: appError.message, extensions: clientExtensions(appError) }] });
}

/** An async route whose every failure is answered by sendError. */
export const handle = (work: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, _next: NextFunction) => {
    work(req, res).catch((error: unknown) => sendError(res, error));
  };
