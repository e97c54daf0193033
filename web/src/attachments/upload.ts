import { getToken } from '../auth/token-store';
import type { ErrorCode } from '../errors/error-codes';
import type { AttachmentKind } from '../gql/graphql';

/** The records that take attachments (the upload route's `entity`). */
export type AttachmentEntity = 'hazard' | 'inspection' | 'accident';

/** A refused upload, by the API's `extensions.code` (docs/errors.md): PAYLOAD_TOO_LARGE, BAD_USER_INPUT, … */
export class UploadError extends Error {
  constructor(readonly code: ErrorCode, readonly field: string | undefined) {
    super(code);
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED', 'PAYLOAD_TOO_LARGE', 'SERVICE_UNAVAILABLE',
]);

/** The refusal a REST route answered with (the routers' error JSON), as an UploadError. */
export function uploadRefusal(body: unknown): UploadError {
  const extensions = (body as { errors?: { extensions?: { code?: string; field?: string } }[] } | null)?.errors?.[0]?.extensions;
  const code = extensions?.code && KNOWN_CODES.has(extensions.code) ? extensions.code as ErrorCode : 'INTERNAL_SERVER_ERROR';
  return new UploadError(code, extensions?.field);
}

async function send(path: string, form: FormData, token: string | null): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', body: form, headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new UploadError('NETWORK', undefined);
  }
  const body: unknown = await response.json().catch(() => ({}));
  if (response.ok) return body;
  throw uploadRefusal(body);
}

/**
 * Uploads one file (a photo from the camera or a document) to a hazard, an inspection or an
 * accident as the signed-in user. The API checks its content, re-encodes photos and decides
 * by the record's scope; a refusal throws UploadError with its code.
 */
export async function uploadAttachment({ entity, recordId, kind, file }: {
  entity: AttachmentEntity; recordId: string; kind: AttachmentKind; file: File;
}): Promise<void> {
  const form = new FormData();
  form.append('entity', entity);
  form.append('recordId', recordId);
  form.append('kind', kind);
  form.append('file', file, file.name);
  await send('/attachments', form, getToken());
}

/** A citizen's photos of the report just made, by its receipt (no sign-in). */
export async function uploadPublicPhotos(receipt: string, files: readonly File[]): Promise<void> {
  const form = new FormData();
  form.append('receipt', receipt);
  for (const file of files) form.append('file', file, file.name);
  await send('/attachments/public', form, null);
}

/**
 * An attachment's bytes as an object URL: the files are served only with the bearer token,
 * which an <img src> cannot send. The caller revokes it.
 */
export async function attachmentObjectUrl(url: string): Promise<string> {
  const token = getToken();
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new UploadError(response.status === 404 ? 'NOT_FOUND' : 'INTERNAL_SERVER_ERROR', undefined);
  return URL.createObjectURL(await response.blob());
}
