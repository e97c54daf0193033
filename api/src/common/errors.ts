import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The client error codes (docs/errors.md); clients decide on these, never on messages. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const badInput = (message: string, field?: string) =>
  new AppError('BAD_USER_INPUT', message, field ? { field } : {});
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'sign in first');
/**
 * A bearer token that is malformed, expired, not ours, or whose account was deactivated.
 * Thrown before the request runs, so Apollo answers with the status in `extensions.http`.
 */
export const signInAgain = () =>
  new AppError('UNAUTHENTICATED', 'your sign-in is invalid, has expired or was revoked; sign in again', { http: { status: 401 } });
export const forbidden = (message = 'your role may not do this') => new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (what: string) =>
  new AppError('CONFLICT', `${what} was changed by someone else; reload and try again`);
export const invalidTransition = (message: string) => new AppError('INVALID_TRANSITION', message);

/** What a client sees of an error's extensions: `http` only sets the response status (signInAgain). */
export function clientExtensions(error: AppError): Record<string, unknown> {
  const { http: _status, ...extensions } = error.extensions;
  return extensions;
}

interface PgError {
  code?: string;
  message?: string;
}

/**
 * The closed loop's refusals (db: app.hazard_action_refusal, app.check_hazard_change): each
 * SQLSTATE keeps the client code of its kind and names its rule in `extensions.rule`, so a
 * client can tell "someone else must verify" from "the county must close it".
 */
const CLOSED_LOOP: Record<string, { code: ErrorCode; rule: string; field?: string }> = {
  RS005: { code: 'FORBIDDEN', rule: 'OWN_RECTIFICATION' },
  RS006: { code: 'FORBIDDEN', rule: 'MAJOR_HAZARD_VERIFIER' },
  RS007: { code: 'BAD_USER_INPUT', rule: 'EVALUATION_REQUIRED', field: 'evaluation' },
  RS008: { code: 'FORBIDDEN', rule: 'LISTING_LEVEL' },
  RS009: { code: 'BAD_USER_INPUT', rule: 'LISTING_NEEDS_MAJOR_HAZARD' },
  RS010: { code: 'FORBIDDEN', rule: 'EXTENSION_BY_RECTIFIER' },
};

/**
 * Maps a PostgreSQL error to a client error, once for the whole API. Custom RS codes are listed
 * in db/CONVENTIONS.md. Messages of our own triggers are written for users;
 * constraint names and SQL text never reach the client.
 */
export function fromPostgres(error: PgError): AppError | undefined {
  const closedLoop = error.code ? CLOSED_LOOP[error.code] : undefined;
  if (closedLoop) {
    const { code, rule, field } = closedLoop;
    return new AppError(code, error.message ?? 'refused by the closed loop', field ? { rule, field } : { rule });
  }
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
  if (original instanceof AppError) return { ...formatted, message: original.message, extensions: clientExtensions(original) };
  const mapped = fromPostgres(original as PgError);
  if (mapped) return { message: mapped.message, path: formatted.path, extensions: mapped.extensions };
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  console.error(original);
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
