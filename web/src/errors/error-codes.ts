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
  | 'PAYLOAD_TOO_LARGE'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK';

const KNOWN: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT',
  'INVALID_TRANSITION', 'RATE_LIMITED', 'PAYLOAD_TOO_LARGE', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR',
]);

export function errorCodes(error: CombinedError): ErrorCode[] {
  if (error.networkError) return ['NETWORK'];
  return error.graphQLErrors.map((e) => {
    const code = e.extensions?.code;
    return typeof code === 'string' && KNOWN.has(code) ? (code as ErrorCode) : 'INTERNAL_SERVER_ERROR';
  });
}

/** The closed loop's rules (docs/errors.md, `extensions.rule`) that have their own wording. */
export type ErrorRule =
  | 'OWN_RECTIFICATION' | 'MAJOR_HAZARD_VERIFIER' | 'EVALUATION_REQUIRED'
  | 'LISTING_LEVEL' | 'LISTING_NEEDS_MAJOR_HAZARD' | 'EXTENSION_BY_RECTIFIER' | 'AFTER_PHOTO_REQUIRED';

const RULES: ReadonlySet<string> = new Set<ErrorRule>([
  'OWN_RECTIFICATION', 'MAJOR_HAZARD_VERIFIER', 'EVALUATION_REQUIRED',
  'LISTING_LEVEL', 'LISTING_NEEDS_MAJOR_HAZARD', 'EXTENSION_BY_RECTIFIER', 'AFTER_PHOTO_REQUIRED',
]);

/** The rule that refused a request, when the API named a known one. */
export function errorRule(error: CombinedError): ErrorRule | undefined {
  const rule = error.graphQLErrors[0]?.extensions?.rule;
  return typeof rule === 'string' && RULES.has(rule) ? (rule as ErrorRule) : undefined;
}
