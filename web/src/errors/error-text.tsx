import { useTranslation } from 'react-i18next';
import type { CombinedError } from 'urql';
import { errorCodes } from './error-codes';

/**
 * An API error in words a user understands, chosen by `extensions.code`. `context` picks
 * a more specific wording where one exists (e.g. UNAUTHENTICATED on the sign-in form means
 * a wrong password, elsewhere an expired session).
 */
export function ErrorText({ error, context }: { error: CombinedError | undefined; context?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = errorCodes(error)[0] ?? 'INTERNAL_SERVER_ERROR';
  const keys = context ? [`errors.${context}.${code}`, `errors.${code}`] : [`errors.${code}`];
  return <p className="error" role="alert">{t(keys)}</p>;
}
