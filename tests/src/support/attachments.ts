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

/** Uploads `files` as multipart/form-data to `path` of the app, with the form `fields`. */
export async function upload(baseUrl: string, path: string, fields: Record<string, string>,
  files: { name: string; bytes: Buffer; type?: string }[], token?: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('file', new Blob([file.bytes], { type: file.type ?? 'image/jpeg' }), file.name);
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, body: await response.json() };
}
