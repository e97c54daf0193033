import type { Request, Response } from 'express';
import { Router } from 'express';
import { coerceInputValue, type GraphQLInputType, type GraphQLSchema, isInputType } from 'graphql';
import { validate } from 'class-validator';
import type { Database } from '@risk/db';
import { viewerFromHeader } from '../auth/token';
import type { Config } from '../config';
import { badInput, firstViolation } from '../common/errors';
import { heavyGateOf, heavyKeyOf } from '../common/heavy-gate';
import { requireRole } from '../common/mutation';
import { RequestDb } from '../common/request-db';
import { recordOf } from '../common/request-record';
import { handle } from '../common/http-handler';
import type { Viewer } from '../common/viewer';
import { AccidentFilter } from '../accident/accident.input';
import { EnterpriseFilter } from '../enterprise/enterprise.input';
import { HazardFilter } from '../hazard/hazard.input';
import { InspectionFilter } from '../inspection/inspection.input';
import type { JurisdictionLevel } from '../jurisdiction/jurisdiction.type';
import { periodOf } from '../stats/stats.resolver';
import { jurisdictionStats } from '../stats/stats.service';
import { withZones } from '../stats/ranking-zone';
import { STREAMED_KINDS, UNIT_FIGURES, type Column } from './export.kinds';
import { batchesOf, withSerial, writeRows, type RowSource } from './export.service';
import { CONTENT_TYPES, csvWriter, xlsxWriter, type SheetColumn, type SheetWriter } from './export.writers';

/** Every signed-in role may export what it may read; the public may not. */
const EXPORTING_ROLES = ['admin', 'leader', 'analyst', 'inspector', 'town', 'enterprise'] as const;

const FILTER_CLASSES = {
  hazards: HazardFilter, enterprises: EnterpriseFilter, inspections: InspectionFilter, accidents: AccidentFilter, units: HazardFilter,
} as const;
type KindName = keyof typeof FILTER_CLASSES;
type Format = 'csv' | 'xlsx';

/**
 * A query-string argument as the GraphQL type `typeName` takes it: the same enums, scalars,
 * nesting and size limits (class-validator) as the same argument sent to /graphql, and the
 * same BAD_USER_INPUT with the field when it is wrong.
 */
async function argumentOf(schema: GraphQLSchema, typeName: string, name: string, raw: string | null, json: boolean): Promise<unknown> {
  if (raw === null || raw === '') return null;
  let value: unknown = raw;
  if (json) {
    try {
      value = JSON.parse(raw);
    } catch {
      throw badInput(`${name} is not JSON`, name);
    }
  }
  const type = schema.getType(typeName);
  if (!type || !isInputType(type)) throw new Error(`no input type ${typeName}`);
  const coerced = coerceInputValue(value, type as GraphQLInputType, (path, _invalid, error) => {
    throw badInput(`${[name, ...path].join('.')}: ${error.message}`, [name, ...path].join('.'));
  });
  return coerced;
}

/** A filter of `kind`: coerced as GraphQL does, then checked by its class's limits. */
async function filterOf(schema: GraphQLSchema, kind: KindName, raw: string | null): Promise<object | null> {
  const Filter = FILTER_CLASSES[kind];
  const plain = await argumentOf(schema, Filter.name, 'filter', raw, true) as Record<string, unknown> | null;
  if (plain === null) return null;
  const filter = Object.assign(new Filter(), plain);
  // An absent field is null or undefined here, as GraphQL leaves it; only sent values are checked.
  const first = firstViolation(await validate(filter, { skipMissingProperties: true }));
  if (first) throw badInput(first.message, `filter.${first.field}`);
  return filter;
}

function fileOf(name: string): { kind: KindName; format: Format } {
  const match = /^([a-z]+)\.(csv|xlsx)$/.exec(name);
  if (!match || !Object.hasOwn(FILTER_CLASSES, match[1]!)) throw badInput(`no export ${name}`, 'file');
  return { kind: match[1] as KindName, format: match[2] as Format };
}

/** Content-Disposition with the Chinese file name (RFC 6266 filename*) and an ASCII fallback. */
function attachment(title: string, kind: KindName, format: Format): string {
  return `attachment; filename="${kind}.${format}"; filename*=UTF-8''${encodeURIComponent(`${title}.${format}`)}`;
}

const writerOf = (format: Format, res: Response, columns: SheetColumn[], title: string): SheetWriter =>
  (format === 'csv' ? csvWriter(res, columns) : xlsxWriter(res, columns, title));

/**
 * GET /exports/{hazards|enterprises|inspections|accidents|units}.{csv|xlsx}: every row the
 * viewer may read that matches `filter` (the GraphQL filter of that list, as JSON), streamed.
 * Signed in with the same bearer token as /graphql; rows are read under the viewer's
 * row-level security. `units` are the rows of jurisdictionStats (parentCode, level, from, to,
 * filter as its arguments). Each export is one record in the audit log, with its row count.
 * A refusal before the first byte is JSON with `extensions.code`; a failure after it cuts the
 * download off (the file is then incomplete, and the audit record says so).
 */
export function exportsRouter(config: Config, db: Database, schema: GraphQLSchema): Router {
  const router = Router();
  router.get('/:file', handle(async (req: Request, res: Response) => {
    const { kind, format } = fileOf((req.params as Record<'file', string>).file);
    const viewer = await viewerFromHeader(req.headers.authorization, config);
    const record = recordOf(res);
    record.viewer = viewer;
    record.operation = `export ${kind}.${format}`;
    requireRole(viewer, EXPORTING_ROLES, 'export');
    const query = new URL(req.originalUrl, 'http://exports.invalid').searchParams;
    const filter = await filterOf(schema, kind, query.get('filter'));
    const source: RowSource = { mode: db.mode, open: () => new RequestDb(db.apiPool, viewer, record.id) };

    await heavyGateOf(config).run(heavyKeyOf(viewer, record.address), async () => {
      // The audit record is added before the response ends: the request log writes a
      // request's records when its response closes. A failure after the first byte still
      // leaves one (data may have left), saying the file was incomplete.
      let audited = false;
      const audit = (rowCount: number | null, complete: boolean) => {
        if (audited) return;
        audited = true;
        record.audit({ event: 'EXPORT', code: format.toUpperCase(), detail: { kind, rowCount, complete, filter: filter ?? {} } });
      };
      try {
        if (kind === 'units') {
          const units = await unitFigures(schema, query, source, viewer, config);
          await send(res, format, '各单位隐患排查治理情况', kind, UNIT_FIGURES, (async function* () { yield units; })(), (n) => audit(n, true));
        } else {
          const streamed = STREAMED_KINDS[kind] as (typeof STREAMED_KINDS)['hazards'];
          await send(res, format, streamed.title, kind, streamed.columns, batchesOf(source, streamed, filter as HazardFilter | null),
            (n) => audit(n, true));
        }
      } finally {
        // How many rows left before the failure is not known: null.
        if (res.headersSent) audit(null, false);
      }
    });
  }));
  return router;
}

/**
 * Sends the header once the first batch is read, so a refusal by the database is still an
 * error answer; calls `beforeEnd` with the row count when every row is written.
 */
async function send<R>(
  res: Response, format: Format, title: string, kind: KindName, columns: Column<R>[], batches: AsyncIterable<R[]>, beforeEnd: (rows: number) => void,
): Promise<void> {
  const iterator = batches[Symbol.asyncIterator]();
  const first = await iterator.next();
  res.status(200).set({ 'Content-Type': CONTENT_TYPES[format], 'Content-Disposition': attachment(title, kind, format), 'Cache-Control': 'private, no-store' });
  const writer = writerOf(format, res, withSerial(columns), title);
  async function* rest(): AsyncGenerator<R[]> {
    if (first.done) return;
    yield first.value;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  beforeEnd(await writeRows(rest(), columns, writer, res));
  await writer.end();
}

/** jurisdictionStats with its arguments from the query string; the period defaults as the query's does. */
async function unitFigures(schema: GraphQLSchema, query: URLSearchParams, source: RowSource, viewer: Viewer, config: Config) {
  const parentCode = query.get('parentCode') ?? viewer.jurisdictionCode;
  if (!parentCode) throw badInput('parentCode is required', 'parentCode');
  const level = await argumentOf(schema, 'JurisdictionLevel', 'level', query.get('level'), false) as JurisdictionLevel | null;
  const from = await argumentOf(schema, 'LocalDate', 'from', query.get('from'), false) as string | null;
  const to = await argumentOf(schema, 'LocalDate', 'to', query.get('to'), false) as string | null;
  const filter = await filterOf(schema, 'units', query.get('filter')) as HazardFilter | null;
  const db = source.open();
  try {
    const rows = withZones(await jurisdictionStats(db, parentCode, level, await periodOf(db, from, to), config.riskScoreWeights, filter, true), config.rankingZones);
    await db.finish(true);
    return rows;
  } catch (error) {
    await db.finish(false).catch(() => undefined);
    throw error;
  }
}
