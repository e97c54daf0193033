import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isConnectionLoss } from '@risk/db';

/** The client error codes (docs/errors.md); clients decide on these, never on messages. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const badInput = (message: string, field?: string) =>
  new AppError('BAD_USER_INPUT', message, field ? { field } : {});
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'sign in first');
export const forbidden = (message = 'your role may not do this') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (what: string) =>
  new AppError('CONFLICT', `${what} was changed by someone else; reload and try again`);
export const invalidTransition = (message: string) => new AppError('INVALID_TRANSITION', message);

/** When a client should try again after SERVICE_UNAVAILABLE: the api reconnects within about a second of the database's return. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
/** The database cannot be reached: answered with HTTP 503 and Retry-After (api/src/app.ts, the tiles router, /healthz). */
export const serviceUnavailable = () => new AppError('SERVICE_UNAVAILABLE', 'the database is unavailable; try again shortly',
  { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS });

interface PgError {
  code?: string;
  message?: string;
}

/**
 * Maps a PostgreSQL error to a client error, once for the whole API. Custom RS codes come
 * from db/migrations/0003_rules.sql. Messages of our own triggers are written for users;
 * constraint names and SQL text never reach the client.
 */
export function fromPostgres(error: PgError): AppError | undefined {
  // Before the codes: a lost connection is not the statement's fault (SQLSTATE 08…, 57P01–03,
  // socket errors; the one definition is @risk/db's isConnectionLoss).
  if (isConnectionLoss(error)) return serviceUnavailable();
  switch (error.code) {
    case 'RS001':
      return invalidTransition(error.message ?? 'illegal status transition');
    case 'RS002':
    case 'RS003':
      return badInput(error.message ?? 'invalid value');
    case 'RS004':
      return forbidden('history is append-only');
    case '23505':
      return new AppError('CONFLICT', 'a record with the same unique value exists');
    case '23503':
      return badInput('a referenced record does not exist');
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22023':
      return badInput('a value is not allowed here');
    case '42501':
      return forbidden('outside your scope');
    case '57014':
      return new AppError('BAD_USER_INPUT', 'the query took too long; narrow its filters');
    default:
      return undefined;
  }
}

/**
 * Apollo's formatError: our errors and GraphQL validation errors pass; PostgreSQL errors are
 * mapped; anything else is logged in full and masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError ?? error : error;
  if (original instanceof AppError) return { ...formatted, message: original.message, extensions: original.extensions };
  const mapped = fromPostgres(original as PgError);
  if (mapped) return { message: mapped.message, path: formatted.path, extensions: mapped.extensions };
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  console.error(original);
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
