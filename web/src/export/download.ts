import { getToken } from '../auth/token-store';
import type { ErrorCode } from '../errors/error-codes';

/** The file name the api gave (RFC 6266 filename*), else `fallback`. */
function fileNameOf(response: Response, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(response.headers.get('content-disposition') ?? '')?.[1];
  return encoded ? decodeURIComponent(encoded) : fallback;
}

/**
 * Downloads a file the api makes (an export, a briefing) with the signed-in user's bearer
 * token, as /graphql is called: a plain link could not send the header, and a token in the
 * URL would reach access logs. Answers the refusal's `extensions.code`, or undefined when saved.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<ErrorCode | undefined> {
  const token = getToken();
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    return 'NETWORK';
  }
  if (!response.ok) {
    const body = await response.json().catch(() => undefined) as { errors?: { extensions?: { code?: ErrorCode } }[] } | undefined;
    return body?.errors?.[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    // The api cut the stream off: the file would be incomplete, so nothing is saved.
    return 'NETWORK';
  }
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileNameOf(response, fallbackName) });
  link.click();
  URL.revokeObjectURL(url);
  return undefined;
}
