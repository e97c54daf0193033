import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { isConnectionLoss } from '@risk/db';
import type { ValidationError as ClassValidationError } from 'class-validator';

/**
 * The HTTP status of every client error code (docs/errors.md), the one place that decides
 * it. Clients decide on `extensions.code`, never on messages. Apollo's own codes
 * (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST) are listed so that a
 * refusal of any origin gets its status from here.
 */
export const HTTP_STATUS = {
  BAD_USER_INPUT: 400,
  BAD_REQUEST: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  QUERY_TOO_COMPLEX: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
} as const;

/** The client error codes (docs/errors.md). */
export type ErrorCode = keyof typeof HTTP_STATUS;

/** The HTTP status of a code; 400 for a code of a library that is not listed (still a refusal, never a 5xx). */
export function httpStatusOf(code: unknown): number {
  return typeof code === 'string' && Object.hasOwn(HTTP_STATUS, code) ? HTTP_STATUS[code as ErrorCode] : 400;
}

/** A GraphQL-shaped error body for refusals outside GraphQL execution (HTTP layer, tiles). */
export function errorBody(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}

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

/** When a client should try again after SERVICE_UNAVAILABLE: the api reconnects within about a second of the database's return. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
/** The database cannot be reached: answered with HTTP 503 and Retry-After (api/src/app.ts, the tiles router, /healthz). */
export const serviceUnavailable = (message = 'the database is unavailable; try again shortly') => new AppError('SERVICE_UNAVAILABLE', message, {
  retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
  // Read by Apollo when the error is thrown before execution (opening the request's
  // transaction in the context); clientExtensions() keeps it from the client.
  http: { status: 503, headers: new HeaderMap([['retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS)]]) },
});

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
  RS040: { code: 'BAD_USER_INPUT', rule: 'AFTER_PHOTO_REQUIRED', field: 'attachments' },
};

/**
 * Maps a PostgreSQL error to a client error, once for the whole API. Custom RS codes are listed
 * in db/CONVENTIONS.md. Messages of our own triggers are written for users;
 * constraint names and SQL text never reach the client.
 */
export function fromPostgres(error: PgError): AppError | undefined {
  // Before the codes: a lost connection is not the statement's fault (SQLSTATE 08…, 57P01–03,
  // socket errors; the one definition is @risk/db's isConnectionLoss).
  if (isConnectionLoss(error)) return serviceUnavailable();
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
    case 'RS041':
      return badInput(error.message ?? 'this receipt takes no photos', 'receipt');
    case '23505':
      return new AppError('CONFLICT', 'a record with the same unique value exists');
    case '23503':
      return badInput('a referenced record does not exist');
    case '23514':
    case '23502':
      return badInput('a value is not allowed here');
    case '42501':
      return forbidden('outside your scope');
    case '25006':
      // A write reached a read-only standby: the primary it belongs on may be failing over.
      return serviceUnavailable('the database is a read-only replica; writes go to the primary, try again shortly');
    case '57014':
      return new AppError('BAD_USER_INPUT', 'the query took too long; narrow its filters');
    case '54000':
      return badInput('a value is too large');
    default:
      // Class 22, data exception: a value the database cannot take (a NUL byte in a text,
      // 22021; a number out of range, 22003; a malformed date, 22007).
      return error.code?.startsWith('22') ? badInput('a value is not allowed here') : undefined;
  }
}

/** Longest message a client gets back: graphql-js quotes the value it refuses, which may be huge. */
const MAX_MESSAGE_LENGTH = 500;

const shorten = (message: string) =>
  (message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message);

/** The first refused field of a class-validator result, as `findings[0].description`, and why. */
export function firstViolation(errors: ClassValidationError[], prefix = ''): { field: string; message: string } | undefined {
  for (const error of errors) {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    const message = Object.values(error.constraints ?? {})[0];
    if (message) return { field, message };
    const nested = firstViolation(error.children ?? [], field);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * Apollo's formatError: our errors and GraphQL validation errors pass; PostgreSQL errors are
 * mapped; anything else is logged in full and masked.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError ?? error : error;
  if (original instanceof AppError) return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: clientExtensions(original) };
  const mapped = fromPostgres(original as PgError);
  if (mapped) return { message: mapped.message, path: formatted.path, extensions: mapped.extensions };
  const code = formatted.extensions?.code;
  // type-graphql's class-validator refusal carries every violation with the values sent:
  // the client gets the first one, with its field, as any other bad input.
  const violations = formatted.extensions?.validationErrors;
  if (code === 'BAD_USER_INPUT' && Array.isArray(violations)) {
    const first = firstViolation(violations as ClassValidationError[]);
    return { message: first?.message ?? 'invalid input', path: formatted.path, extensions: { code, ...(first ? { field: first.field } : {}) } };
  }
  // Only the code and the fields of our own choosing leave: a library's extensions (a
  // stack trace, an exception object) never do, whatever NODE_ENV says.
  if (code && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stack, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { message: shorten(formatted.message), locations: formatted.locations, path: formatted.path, extensions };
  }
  console.error(original);
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * Sets the HTTP status of a refused request from the code of its first error: one with no
 * data (a parse or validation failure, a limit, a refused mutation, whose non-null result
 * nulls the whole data) or whose every root field is null with an error. A partial result,
 * where some root field answered, keeps 200 as Apollo Server does: the client needs the
 * data it got.
 */
export const errorStatusPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (!errors?.length) return;
        if (data && Object.values(data).some((value) => value !== null)) return;
        response.http.status = httpStatusOf(errors[0]!.extensions?.code);
      },
    };
  },
};
