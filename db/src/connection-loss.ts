/**
 * SQLSTATEs that mean the database went away rather than refused a statement: class 08
 * (connection exception), 57P01 admin_shutdown (a fast or smart stop, a restart), 57P02
 * crash_shutdown (another backend crashed and the server resets), 57P03 cannot_connect_now
 * (starting up or shutting down).
 */
const LOST_SQLSTATES = /^(08...|57P0[123])$/;

/** Node socket errors of a connection that failed or broke. */
const LOST_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * What `pg` and `pg-pool` throw without a code when a connection ends, breaks or cannot be had
 * in time. Their messages are the only mark these errors carry (pg 8).
 */
const LOST_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
];

/**
 * True when `error` says the database cannot be reached or dropped the connection: the
 * request may succeed when retried later, unlike a statement the database refused. The one
 * definition the pool's health and the API's SERVICE_UNAVAILABLE answer share.
 */
export function isConnectionLoss(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string' && (LOST_SQLSTATES.test(code) || LOST_SOCKET_CODES.has(code))) return true;
  if (typeof message === 'string' && LOST_MESSAGES.some((start) => message.startsWith(start))) return true;
  // A host name with several addresses fails with an AggregateError of one error per address.
  return Array.isArray(errors) && errors.length > 0 && errors.every(isConnectionLoss);
}
