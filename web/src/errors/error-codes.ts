import type { CombinedError } from 'urql';

/** The API's error codes (docs/errors.md); the UI decides on these, never on message text. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID_TRANSITION'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK';

const KNOWN: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT',
  'INVALID_TRANSITION', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR',
]);

export function errorCodes(error: CombinedError): ErrorCode[] {
  if (error.networkError) return ['NETWORK'];
  return error.graphQLErrors.map((e) => {
    const code = e.extensions?.code;
    return typeof code === 'string' && KNOWN.has(code) ? (code as ErrorCode) : 'INTERNAL_SERVER_ERROR';
  });
}
