import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { errorCodes, errorRule, type ErrorCode } from './error-codes';

/**
 * An API error in words a user understands, chosen by `extensions.code` (or by `code` for
 * errors that do not come through GraphQL, such as a tile's HTTP status). `context` picks a
 * more specific wording where one exists (e.g. UNAUTHENTICATED on the sign-in form means a
 * wrong password, elsewhere an expired session); a closed-loop refusal's `extensions.rule`
 * says which rule refused it.
 */
export function ErrorText({ error, code, context }: { error?: CombinedError | undefined; code?: ErrorCode | null; context?: string }) {
  const { t } = useTranslation();
  const shown = error ? errorCodes(error)[0] ?? 'INTERNAL_SERVER_ERROR' : code;
  if (!shown) return null;
  const rule = error ? errorRule(error) : undefined;
  const keys = [...(rule ? [`errors.rule.${rule}`] : []), ...(context ? [`errors.${context}.${shown}`] : []), `errors.${shown}`];
  return <p className="error" role="alert">{t(keys)}</p>;
}
