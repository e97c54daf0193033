import { Router, type Request, type Response } from 'express';
import type { Database } from '@risk/db';
import { viewerFromHeader } from '../auth/token';
import type { Config } from '../config';
import { badInput, notFound } from '../common/errors';
import { handle } from '../common/http-handler';
import { requireRole } from '../common/mutation';
import { RequestDb } from '../common/request-db';
import { recordOf } from '../common/request-record';
import { BRIEFING_FORMATS, briefingFile, type BriefingFormat } from './briefing.store';

const CONTENT_TYPES: Record<BriefingFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * GET /briefings/{id}.{docx|pdf|xlsx}: a kept briefing's file, read under the viewer's
 * row-level security (one outside their scope is NOT_FOUND, like one that does not exist),
 * with the same bearer token as /graphql. Each download is an EXPORT in the audit log.
 */
export function briefingsRouter(config: Config, db: Database): Router {
  const router = Router();
  router.get('/:file', handle(async (req: Request, res: Response) => {
    const match = /^(\d{1,18})\.([a-z]+)$/.exec((req.params as Record<'file', string>).file);
    if (!match || !(BRIEFING_FORMATS as readonly string[]).includes(match[2]!)) throw badInput('a briefing file is {id}.docx, .pdf or .xlsx', 'file');
    const [id, format] = [match[1]!, match[2] as BriefingFormat];
    const viewer = await viewerFromHeader(req.headers.authorization, config);
    const record = recordOf(res);
    record.viewer = viewer;
    record.operation = `briefing ${format}`;
    requireRole(viewer, ['admin', 'leader', 'analyst'], 'download briefings');
    const request = new RequestDb(db.apiPool, viewer, record.id);
    let file;
    try {
      file = await briefingFile(request, id, format);
      await request.finish(true);
    } catch (error) {
      await request.finish(false).catch(() => undefined);
      throw error;
    }
    if (!file) throw notFound(`briefing file ${id}.${format}`);
    record.audit({ event: 'EXPORT', code: format.toUpperCase(), detail: { kind: 'briefing', id, rowCount: null, complete: true } });
    res.set({
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="briefing-${id}.${format}"; filename*=UTF-8''${encodeURIComponent(`${file.title}.${format}`)}`,
      'Cache-Control': 'private, no-store',
    }).end(file.bytes);
  }));
  return router;
}
