import { request as httpRequest } from 'node:http';
import sharp from 'sharp';

/**
 * A JPEG as a phone takes it: landscape pixels with an EXIF orientation that says "turn
 * right", and metadata (a copyright, standing in for the GPS position and the camera) that
 * must not survive the upload.
 */
export function phonePhoto(width = 400, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'reporter private data' } } })
    .toBuffer();
}

/** A text file named like a photo: refused by its content, whatever its name says. */
export const fakeJpeg = (): Buffer => Buffer.from('this is not a photo, only named like one\n'.repeat(50));

/**
 * Uploads `files` as multipart/form-data to `path` of the app, with the form `fields`, on a
 * connection of its own: fetch would reuse a kept-alive connection, which the server may
 * be closing while a large body starts to flow (the client then sees ECONNRESET).
 */
export async function upload(baseUrl: string, path: string, fields: Record<string, string>,
  files: { name: string; bytes: Buffer; type?: string }[], token?: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('file', new Blob([file.bytes], { type: file.type ?? 'image/jpeg' }), file.name);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}${path}`, {
      method: 'POST', agent: false,
      headers: {
        'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    request.on('error', reject);
    request.end(body);
  });
}
