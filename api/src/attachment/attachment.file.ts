import sharp from 'sharp';
import { badInput } from '../common/errors';

/** Longest edge of a stored photo: enough to read a nameplate, a few hundred KB as JPEG. */
const PHOTO_EDGE = 2048;
/** Longest edge of a thumbnail in a list. */
const THUMBNAIL_EDGE = 320;
/**
 * Pixels a photo may have before it is decoded: a 40-megapixel phone photo passes, a
 * "decompression bomb" (a tiny file that claims a gigapixel) is refused without decoding it.
 */
const MAX_INPUT_PIXELS = 80_000_000;
/** Image formats a phone or a camera produces that the stored JPEG is made from. */
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'heif', 'tiff', 'gif']);
const PDF_MAGIC = Buffer.from('%PDF-');

/** A file as it is stored (attachments table). */
export interface StoredFile {
  contentType: 'image/jpeg' | 'application/pdf';
  fileName: string;
  content: Buffer;
  thumbnail: Buffer | null;
  width: number | null;
  height: number | null;
}

/** The name a file is stored under: its base name, without control characters, at most 200 characters. */
function cleanName(name: string, contentType: StoredFile['contentType']): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  const fallback = contentType === 'application/pdf' ? 'document.pdf' : 'photo.jpg';
  if (!base) return fallback;
  // A photo is stored as JPEG whatever it came as: its name says so.
  return contentType === 'image/jpeg' ? `${base.replace(/\.[^.]*$/, '').slice(0, 195) || 'photo'}.jpg` : base;
}

/**
 * Checks a file by its content, never its name or the type the client claims, and makes it
 * what is stored: a photo is decoded, turned upright by its EXIF orientation, shrunk and
 * re-encoded as JPEG without any metadata (no GPS position, camera or owner leaves with it),
 * plus a thumbnail; a PDF (documents: an evaluation report) is kept as sent, when allowed.
 * Anything else is BAD_USER_INPUT.
 */
export async function prepareFile(bytes: Buffer, name: string, allowDocuments: boolean): Promise<StoredFile> {
  if (allowDocuments && bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    return { contentType: 'application/pdf', fileName: cleanName(name, 'application/pdf'), content: bytes, thumbnail: null, width: null, height: null };
  }
  const refused = badInput(allowDocuments
    ? `${cleanName(name, 'application/pdf')} is neither a photo (JPEG, PNG, WebP, HEIF) nor a PDF document`
    : `${cleanName(name, 'image/jpeg')} is not a photo (JPEG, PNG, WebP, HEIF)`, 'file');
  let format: string | undefined;
  try {
    ({ format } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata());
  } catch {
    throw refused;
  }
  if (!format || !IMAGE_FORMATS.has(format)) throw refused;
  try {
    const upright = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
    const photo = await upright.clone()
      .resize({ width: PHOTO_EDGE, height: PHOTO_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
    const thumbnail = await upright.clone()
      .resize({ width: THUMBNAIL_EDGE, height: THUMBNAIL_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 75 }).toBuffer();
    return {
      contentType: 'image/jpeg', fileName: cleanName(name, 'image/jpeg'), content: photo.data, thumbnail,
      width: photo.info.width, height: photo.info.height,
    };
  } catch {
    // A truncated or corrupt image, or one above MAX_INPUT_PIXELS.
    throw refused;
  }
}
