import { Router, type Request, type Response } from 'express';
import multer, { MulterError } from 'multer';
import { viewerFromHeader } from '../auth/token';
import type { Config } from '../config';
import { AppError, badInput, unauthenticated } from '../common/errors';
import { handle } from '../common/http-handler';
import { requireRole } from '../common/mutation';
import { recordOf } from '../common/request-record';
import { IMPORT_KINDS, importers, KIND_TITLE, type ImportKindName } from './import.fields';
import { formatOf, type Encoding } from './import.read';
import { reportFormatOf, reportOf, type ReportFormat } from './import.report';
import { CRS_VALUES, ENCODINGS, findRun, type ImportJobs } from './import.service';
import { templateXlsx } from './import.template';
import { ImportFileError, type SourceCrs } from './spatial-file';

const MB = 1024 * 1024;
const CONTENT_TYPES: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
};

const attachment = (name: string, ascii: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

function kindOfName(name: string | undefined): ImportKindName {
  if (!name || !(IMPORT_KINDS as readonly string[]).includes(name)) throw badInput(`kind must be one of ${IMPORT_KINDS.join(', ')}`, 'kind');
  return name as ImportKindName;
}

/** One file as "file" and a few short fields; the file's size is bounded by MAX_IMPORT_BYTES while it is read. */
function receive(config: Config) {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: config.maxImportBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 11 },
  }).single('file');
  const size = `${Math.round((config.maxImportBytes / MB) * 10) / 10} MB`;
  return async (req: Request, res: Response): Promise<{ fields: Record<string, unknown>; file: Express.Multer.File }> => {
    if (!req.is('multipart/form-data')) throw new AppError('BAD_REQUEST', 'an import is sent as multipart/form-data with its file as "file"');
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) > config.maxImportBytes + MB) {
      throw new AppError('PAYLOAD_TOO_LARGE', `an import file may be at most ${size}`, { field: 'file' });
    }
    try {
      await new Promise<void>((resolve, reject) => parse(req, res, (error: unknown) => (error ? reject(error) : resolve())));
    } catch (error) {
      if (!(error instanceof MulterError)) throw new AppError('BAD_REQUEST', 'the upload is not well-formed multipart/form-data');
      if (error.code === 'LIMIT_FILE_SIZE') throw new AppError('PAYLOAD_TOO_LARGE', `an import file may be at most ${size}`, { field: 'file' });
      if (error.code === 'LIMIT_FILE_COUNT' || error.code === 'LIMIT_UNEXPECTED_FILE') throw badInput('one file, as "file"', 'file');
      throw new AppError('BAD_REQUEST', 'the upload has too many or too large form fields');
    }
    if (!req.file) throw badInput('no file was sent', 'file');
    return { fields: req.body as Record<string, unknown>, file: req.file };
  };
}

const field = (fields: Record<string, unknown>, name: string): string | undefined =>
  (typeof fields[name] === 'string' && fields[name] !== '' ? fields[name] as string : undefined);

/**
 * GET /imports/templates/<kind>.xlsx, POST /imports (202 with the run's id; the dry run goes
 * on in the background) and GET /imports/<id>/report.<ext>: docs/import.md. Signed in with
 * the bearer token of /graphql; everything runs as the user, under row-level security.
 */
export function importsRouter(config: Config, jobs: ImportJobs): Router {
  const router = Router();
  const upload = receive(config);

  router.get('/templates/:file', handle(async (req, res) => {
    const match = /^([a-z-]+)\.xlsx$/.exec((req.params as Record<'file', string>).file);
    const kind = kindOfName(match?.[1]);
    const viewer = await viewerFromHeader(req.headers.authorization, config);
    recordOf(res).viewer = viewer;
    requireRole(viewer, importers(kind), `import ${kind}`);
    const bytes = await jobs.transaction(viewer, (rdb) => templateXlsx(rdb, rdb.viewer, kind));
    res.status(200).set({
      'Content-Type': CONTENT_TYPES.xlsx, 'Cache-Control': 'private, no-store',
      'Content-Disposition': attachment(`${KIND_TITLE[kind]}导入模板.xlsx`, `${kind}.xlsx`),
    }).send(bytes);
  }));

  router.post('/', handle(async (req, res) => {
    const viewer = await viewerFromHeader(req.headers.authorization, config);
    recordOf(res).viewer = viewer;
    if (viewer.role === 'public') throw unauthenticated();
    const { fields, file } = await upload(req, res);
    const kind = kindOfName(field(fields, 'kind'));
    requireRole(viewer, importers(kind), `import ${kind}`);
    const crs = (field(fields, 'crs') ?? 'WGS84') as SourceCrs;
    if (!CRS_VALUES.includes(crs)) throw badInput(`crs must be one of ${CRS_VALUES.join(', ')}`, 'crs');
    const encoding = (field(fields, 'encoding') ?? 'auto') as Encoding;
    if (!ENCODINGS.includes(encoding)) throw badInput(`encoding must be one of ${ENCODINGS.join(', ')}`, 'encoding');
    let mapping: Record<string, string> | null = null;
    const rawMapping = field(fields, 'mapping');
    if (rawMapping !== undefined) {
      try {
        mapping = JSON.parse(rawMapping) as Record<string, string>;
      } catch {
        throw badInput('mapping is not JSON', 'mapping');
      }
    }
    // multer reads the name as latin1; browsers send UTF-8.
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255) || 'import';
    if (file.size === 0) throw badInput('文件是空的', 'file');
    let format;
    try {
      format = formatOf(fileName, file.buffer);
    } catch (error) {
      if (error instanceof ImportFileError) throw badInput(error.message, 'file');
      throw error;
    }
    const id = await jobs.create(viewer, { kind, fileName, format, bytes: file.buffer, crs, encoding, mapping });
    res.status(202).json({ id });
  }));

  router.get('/:id/report.:ext', handle(async (req, res) => {
    const { id, ext } = req.params as Record<'id' | 'ext', string>;
    const viewer = await viewerFromHeader(req.headers.authorization, config);
    recordOf(res).viewer = viewer;
    if (viewer.role === 'public') throw unauthenticated();
    const report = await jobs.transaction(viewer, async (rdb) => {
      const run = await findRun(rdb, id);
      if (run.total_rows === null) throw badInput(`this import has no checked rows to report on${run.error ? `: ${run.error}` : ''}`, 'id');
      if (ext !== reportFormatOf(run.file_format)) throw badInput(`this import's report is report.${reportFormatOf(run.file_format)}`, 'ext');
      const [file] = await rdb.query<{ file_bytes: Buffer; encoding: Encoding }>('select file_bytes, encoding from import_runs where id = $1', [id]);
      return { run, file: await reportOf(rdb, { ...run, ...file! }) };
    });
    const base = report.run.file_name.replace(/\.[^.]*$/, '');
    res.status(200).set({
      'Content-Type': CONTENT_TYPES[report.file.format], 'Cache-Control': 'private, no-store',
      'Content-Disposition': attachment(`${base}（错误报告）.${ext}`, `report.${ext}`),
    }).send(report.file.bytes);
  }));
  return router;
}
