import { UploadError, uploadRefusal } from '../attachments/upload';
import { getToken } from '../auth/token-store';
import type { ImportKind } from '../gql/graphql';
import { IMPORT_KINDS, type Encoding, type SourceCrs } from './import-kinds';

export interface ImportUpload {
  kind: ImportKind;
  file: File;
  crs: SourceCrs;
  encoding: Encoding;
}

/**
 * Sends a ledger file to POST /imports as the signed-in user and answers the new import's
 * id; the server reads and checks it afterwards (poll `importRun`). XMLHttpRequest, not
 * fetch: only it reports the upload's progress, which a county's 50 MB ledger needs.
 * `signal` aborts the upload; a refusal rejects with UploadError and its code.
 */
export function uploadImport(upload: ImportUpload, onProgress: (fraction: number) => void, signal: AbortSignal): Promise<string> {
  const form = new FormData();
  form.append('kind', IMPORT_KINDS[upload.kind].path);
  form.append('crs', upload.crs);
  form.append('encoding', upload.encoding);
  form.append('file', upload.file, upload.file.name);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/imports');
    request.responseType = 'json';
    const token = getToken();
    if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = request.response as { id?: unknown } | null;
      if (request.status >= 200 && request.status < 300 && typeof body?.id === 'string') resolve(body.id);
      else reject(uploadRefusal(body));
    };
    request.onerror = () => reject(new UploadError('NETWORK', undefined));
    request.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    signal.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}
