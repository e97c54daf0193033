import { Router } from 'express';
import type { Database } from '@risk/db';
import type { Config } from '../config';
import { asViewer, field, receive } from '../attachment/attachment.router';
import { viewerFromHeader } from '../auth/token';
import { badInput, forbidden, unauthenticated } from '../common/errors';
import { handle } from '../common/http-handler';
import { ImportFileError, readSpatialFile, type SourceCrs } from '../import/spatial-file';
import { importBoundaries, type BoundaryLevel } from './boundary.service';

const LEVELS: readonly BoundaryLevel[] = ['county', 'town'];
const CRSS: readonly SourceCrs[] = ['WGS84', 'CGCS2000', 'GCJ02', 'BD09'];

/**
 * POST /imports/boundaries (admin only): a GeoJSON or zipped Shapefile of county or town
 * boundaries, `level` county|town, `crs` (default: the file's .prj, else WGS84), `confirm`
 * true to replace the matched units' boundaries; without it a dry run. Answers the report
 * (docs/boundaries.md).
 */
export function boundariesRouter(config: Config, db: Database): Router {
  const router = Router();
  const upload = receive(config, 1);
  router.post('/', handle(async (req, res) => {
    const viewer = await viewerFromHeader(req.headers.authorization, config);
    if (viewer.role === 'public') throw unauthenticated();
    if (viewer.role !== 'admin') throw forbidden('only an admin may import boundaries');
    const { fields, files } = await upload(req, res);
    const level = field(fields, 'level') as BoundaryLevel | undefined;
    if (!level || !LEVELS.includes(level)) throw badInput(`level must be one of ${LEVELS.join(', ')}`, 'level');
    const declared = field(fields, 'crs') as SourceCrs | undefined;
    if (declared !== undefined && !CRSS.includes(declared)) throw badInput(`crs must be one of ${CRSS.join(', ')}`, 'crs');
    const confirm = field(fields, 'confirm') === 'true';
    const [file] = files;
    let spatial;
    try {
      spatial = await readSpatialFile(file!.buffer, Buffer.from(file!.originalname, 'latin1').toString('utf8'));
    } catch (error) {
      if (error instanceof ImportFileError) throw badInput(error.message, 'file');
      throw error;
    }
    const crs = declared ?? spatial.declaredCrs ?? 'WGS84';
    const report = await asViewer(db, viewer, res, (rdb) => importBoundaries(rdb, spatial, level, crs, confirm));
    res.status(200).json(report);
  }));
  return router;
}
