import { Router, type Request, type Response } from 'express';
import multer, { MulterError } from 'multer';
import type { Database } from '@risk/db';
import type { Config } from '../config';
import { viewerFromHeader } from '../auth/token';
import { AppError, badInput, notFound, unauthenticated } from '../common/errors';
import { rowId } from '../common/filter-sql';
import { handle } from '../common/http-handler';
import { Throttle, throttleOf } from '../common/rate-limit';
import { RequestDb } from '../common/request-db';
import { recordOf } from '../common/request-record';
import { PUBLIC_VIEWER, type Viewer } from '../common/viewer';
import { prepareFile, type StoredFile } from './attachment.file';
import { addAttachment, addPublicReportPhoto, attachmentBytes, recordVisible } from './attachment.service';
import { AttachmentKind, type AttachmentEntity } from './attachment.kind';

/** Files of one staff upload; a citizen's report takes up to three photos (app.add_public_report_photo). */
const MAX_FILES = 10;
const MAX_PUBLIC_FILES = 3;
const HOUR_SECONDS = 3600;
const MB = 1024 * 1024;

const ENTITIES: readonly AttachmentEntity[] = ['hazard', 'inspection', 'accident'];
const HAZARD_KINDS: readonly AttachmentKind[] = [AttachmentKind.BEFORE, AttachmentKind.DURING, AttachmentKind.AFTER, AttachmentKind.EVALUATION];

/**
 * The request's own limits, since uploads are not JSON and MAX_BODY_BYTES does not apply:
 * the whole request (its Content-Length, which browsers always send for a form) and, while
 * multer reads it into memory, each file and the number of files and fields.
 */
export function receive(config: Config, maxFiles: number) {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.maxAttachmentBytes, files: maxFiles, fields: 10, fieldSize: 1024, parts: maxFiles + 10 },
  }).array('file', maxFiles);
  const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;
  return async (req: Request, res: Response): Promise<{ fields: Record<string, unknown>; files: Express.Multer.File[] }> => {
    const length = req.headers['content-length'];
    if (!req.is('multipart/form-data')) throw new AppError('BAD_REQUEST', 'an upload is sent as multipart/form-data with its files as "file"');
    if (length === undefined) throw new AppError('BAD_REQUEST', 'an upload states its length (Content-Length)');
    if (Number(length) > config.maxUploadBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `the files of one upload may total at most ${megabytes(config.maxUploadBytes)}`);
    }
    try {
      await new Promise<void>((resolve, reject) => parse(req, res, (error: unknown) => (error ? reject(error) : resolve())));
    } catch (error) {
      if (!(error instanceof MulterError)) throw new AppError('BAD_REQUEST', 'the upload is not well-formed multipart/form-data');
      if (error.code === 'LIMIT_FILE_SIZE') {
        throw new AppError('PAYLOAD_TOO_LARGE', `a file may be at most ${megabytes(config.maxAttachmentBytes)}`, { field: 'file' });
      }
      if (error.code === 'LIMIT_FILE_COUNT' || error.code === 'LIMIT_UNEXPECTED_FILE') {
        throw badInput(`at most ${maxFiles} files, each as "file"`, 'file');
      }
      throw new AppError('BAD_REQUEST', 'the upload has too many or too large form fields');
    }
    const files = (req.files as Express.Multer.File[] | undefined) ?? [];
    if (files.length === 0) throw badInput('no file was sent', 'file');
    return { fields: req.body as Record<string, unknown>, files };
  };
}

/** A form field as text; undefined when absent. */
export const field = (fields: Record<string, unknown>, name: string): string | undefined =>
  (typeof fields[name] === 'string' ? fields[name] as string : undefined);

/**
 * Runs `work` in a transaction as the viewer (app_user with the viewer's scope, as a GraphQL
 * request), so row-level security decides; commits when it succeeds, else rolls back.
 */
export async function asViewer<T>(db: Database, viewer: Viewer, res: Response, work: (rdb: RequestDb) => Promise<T>): Promise<T> {
  const rdb = new RequestDb(db.apiPool, viewer, recordOf(res).id);
  let result: T;
  try {
    await rdb.begin();
    recordOf(res).viewer = rdb.viewer;
    result = await work(rdb);
  } catch (error) {
    await rdb.finish(false);
    throw error;
  }
  await rdb.finish(true);
  return result;
}

/** Files are checked and re-encoded before a database connection is taken: the CPU work holds none. */
const prepareAll = (files: Express.Multer.File[], allowDocuments: boolean): Promise<StoredFile[]> =>
  Promise.all(files.map((file) => prepareFile(file.buffer, Buffer.from(file.originalname, 'latin1').toString('utf8'), allowDocuments)));

/**
 * POST /attachments (staff, an enterprise user for its hazards), POST /attachments/public (a
 * citizen's photos of their new report, by receipt), GET /attachments/:id and
 * /attachments/:id/thumbnail: docs/attachments.md.
 */
export function attachmentsRouter(config: Config, db: Database): Router {
  const router = Router();
  const staffUpload = receive(config, MAX_FILES);
  const publicUpload = receive(config, MAX_PUBLIC_FILES);
  const publicLimiter = throttleOf(config, 'public-photos', () => new Throttle(config.publicReportsPerHour, HOUR_SECONDS, 'photo uploads'));

  router.post('/', handle(async (req, res) => {
    const viewer = await viewerFromHeader(req.headers.authorization, config);
    if (viewer.role === 'public') throw unauthenticated();
    const { fields, files } = await staffUpload(req, res);
    const entity = field(fields, 'entity') as AttachmentEntity | undefined;
    if (!entity || !ENTITIES.includes(entity)) throw badInput(`entity must be one of ${ENTITIES.join(', ')}`, 'entity');
    const recordId = rowId(field(fields, 'recordId') ?? '', 'recordId');
    const kinds = entity === 'hazard' ? HAZARD_KINDS : [AttachmentKind.EVIDENCE];
    const kind = (field(fields, 'kind') ?? kinds[0]) as AttachmentKind;
    if (!kinds.includes(kind)) throw badInput(`kind of a ${entity}'s attachment must be one of ${kinds.join(', ')}`, 'kind');
    const prepared = await prepareAll(files, true);
    const added = await asViewer(db, viewer, res, async (rdb) => {
      if (!await recordVisible(rdb, entity, recordId)) throw notFound(entity);
      const attachments = [];
      for (const file of prepared) attachments.push(await addAttachment(rdb, entity, recordId, kind, file));
      return attachments;
    });
    res.status(201).json({ attachments: added });
  }));

  router.post('/public', handle(async (req, res) => {
    // Counted before anything else, as reportHazardPublic: failed attempts count too.
    await publicLimiter.hit(recordOf(res).address);
    const { fields, files } = await publicUpload(req, res);
    const receipt = field(fields, 'receipt');
    if (!receipt) throw badInput('receipt is required', 'receipt');
    const prepared = await prepareAll(files, false);
    const ids = await asViewer(db, PUBLIC_VIEWER, res, async (rdb) => {
      const added = [];
      for (const file of prepared) added.push(await addPublicReportPhoto(rdb, receipt, file));
      return added;
    });
    res.status(201).json({ added: ids.length });
  }));

  const serve = (thumbnail: boolean) => handle(async (req, res) => {
    const id = rowId((req.params as Record<'id', string>).id, 'id');
    const viewer = await viewerFromHeader(req.headers.authorization, config);
    const file = await asViewer(db, viewer, res, (rdb) => attachmentBytes(rdb, id, thumbnail));
    // The same answer whether it does not exist or lies outside the scope (docs/errors.md).
    if (!file) throw notFound('attachment');
    res.set({
      'Content-Type': file.contentType,
      'Content-Length': String(file.bytes.length),
      // A document opens as a download, never as a page of this origin; a photo inline.
      'Content-Disposition': `${file.contentType === 'image/jpeg' ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=3600',
      Vary: 'Authorization',
    });
    res.end(file.bytes);
  });
  router.get('/:id', serve(false));
  router.get('/:id/thumbnail', serve(true));
  return router;
}
