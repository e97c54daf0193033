import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Config } from '../config';
import type { Context } from '../common/context';
import { HazardSource } from '../common/enums';
import { badInput, forbidden, notFound } from '../common/errors';
import { parseId, requireRole, STAFF_WRITERS, toLngLat, type Role } from '../common/mutation';
import { limiterOf, SlidingWindowLimiter } from '../common/rate-limit';
import {
  FiveInPlaceInput, ListForSupervisionInput, PublicReportInput, PublicReportReceipt, ReportHazardInput,
} from './hazard.mutation-input';
import * as service from './hazard.mutation.service';
import { findHazard } from './hazard.service';
import { Hazard } from './hazard.type';

/** Who may record rectification: staff in scope, and an enterprise for its own hazards. */
const RECTIFIERS: readonly Role[] = [...STAFF_WRITERS, 'enterprise'];
/** 挂牌督办 is a department's or the administrator's act (0004 listed_supervisions_insert). */
const LISTERS: readonly Role[] = ['admin', 'inspector'];

const HOUR_MS = 3600 * 1000;
const publicReportLimiter = (config: Config) => limiterOf(config, 'public-reports',
  () => new SlidingWindowLimiter(config.publicReportsPerHour, HOUR_MS, 'reports'));

/** The hazard as the viewer now sees it, after a write in the same transaction. */
async function reload(ctx: Context, id: number): Promise<Hazard> {
  const hazard = await findHazard(ctx.db, String(id));
  if (!hazard) throw notFound('hazard');
  return hazard;
}

@Resolver(() => Hazard)
export class HazardMutationResolver {
  @Mutation(() => Hazard, { description: 'Records a hazard (登记). Staff in scope; an enterprise user only its own self-inspection finds.' })
  async reportHazard(@Arg('input', () => ReportHazardInput) input: ReportHazardInput, @Ctx() ctx: Context): Promise<Hazard> {
    const { viewer } = ctx;
    requireRole(viewer, RECTIFIERS, 'report hazards');
    let enterpriseId = input.enterpriseId == null ? null : parseId(input.enterpriseId, 'enterpriseId');
    let townCode = input.townCode ?? null;
    if (viewer.role === 'enterprise') {
      if (input.source !== HazardSource.SELF_INSPECTION) throw forbidden('an enterprise reports only its own self-inspection finds (SELF_INSPECTION)');
      if (enterpriseId !== null && enterpriseId !== viewer.enterpriseId) throw forbidden('an enterprise reports hazards of its own enterprise only');
      enterpriseId = viewer.enterpriseId;
      // A self-inspection find lies on the enterprise's own premises, so in its town: the
      // database then refuses a location outside it (RS003, BAD_USER_INPUT), and its
      // row-level security refuses any other town whatever the client sends.
      if (townCode !== null && townCode !== viewer.enterpriseTownCode) throw badInput('a self-inspection find lies in the enterprise\'s own town', 'townCode');
      townCode = viewer.enterpriseTownCode;
    }
    const id = await service.createHazard(ctx.db, {
      description: input.description,
      level: input.level,
      sector: input.sector,
      hazardType: input.hazardType ?? null,
      source: input.source,
      enterpriseId,
      roadSegmentId: input.roadSegmentId == null ? null : parseId(input.roadSegmentId, 'roadSegmentId'),
      placeName: input.placeName ?? null,
      lngLat: toLngLat(input.location),
      townCode,
      foundAt: input.foundAt ?? null,
      inspectionId: null,
    });
    return reload(ctx, id);
  }

  @Mutation(() => PublicReportReceipt, {
    description: 'A citizen\'s report (群众举报), open to anyone and limited per client and hour. Returns a receipt, never the ledger.',
  })
  reportHazardPublic(@Arg('input', () => PublicReportInput) input: PublicReportInput, @Ctx() ctx: Context): Promise<PublicReportReceipt> {
    // Counted before anything else, so failed attempts cannot be used to probe without limit.
    publicReportLimiter(ctx.config).hit(ctx.clientId);
    return service.submitPublicReport(ctx.db, {
      description: input.description,
      sector: input.sector,
      lngLat: toLngLat(input.location),
      placeName: input.placeName ?? null,
      contact: input.contact ?? null,
    });
  }

  @Mutation(() => Hazard, { description: 'REPORTED → RECTIFYING, with all five in place (五到位).' })
  async startRectification(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('fiveInPlace', () => FiveInPlaceInput) fiveInPlace: FiveInPlaceInput,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireRole(ctx.viewer, RECTIFIERS, 'start rectification');
    return reload(ctx, await service.startRectification(ctx.db, parseId(id, 'id'), version, fiveInPlace));
  }

  @Mutation(() => Hazard, { description: 'RECTIFYING → AWAITING_VERIFICATION: the fix is done (待验收).' })
  async submitRectification(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireRole(ctx.viewer, RECTIFIERS, 'submit rectification');
    return reload(ctx, await service.submitRectification(ctx.db, parseId(id, 'id'), version, note));
  }

  @Mutation(() => Hazard, { description: '验收: passed → CLOSED (销号); failed → back to RECTIFYING. Staff only.' })
  async verifyRectification(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('passed', () => Boolean) passed: boolean,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireRole(ctx.viewer, STAFF_WRITERS, 'verify rectification');
    return reload(ctx, await service.verifyRectification(ctx.db, parseId(id, 'id'), version, passed, note));
  }

  @Mutation(() => Hazard, { description: '回头看: reopens a CLOSED hazard found not fixed (CLOSED → RECTIFYING). Staff only.' })
  async reopenHazard(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireRole(ctx.viewer, STAFF_WRITERS, 'reopen hazards');
    return reload(ctx, await service.reopenHazard(ctx.db, parseId(id, 'id'), version, reason));
  }

  @Mutation(() => Hazard, { description: 'A later deadline (延期), with a reason; recorded in the history. Staff only.' })
  async extendDeadline(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('newDeadline', () => LocalDateResolver) newDeadline: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireRole(ctx.viewer, STAFF_WRITERS, 'extend deadlines');
    return reload(ctx, await service.extendDeadline(ctx.db, parseId(id, 'id'), version, newDeadline, reason));
  }

  @Mutation(() => Hazard, { description: '挂牌督办: lists a hazard for supervision at a level. Departments and the admin.' })
  async listForSupervision(
    @Arg('hazardId', () => ID) hazardId: string,
    @Arg('input', () => ListForSupervisionInput) input: ListForSupervisionInput,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireRole(ctx.viewer, LISTERS, 'list hazards for supervision');
    return reload(ctx, await service.listForSupervision(ctx.db, parseId(hazardId, 'hazardId'), input));
  }
}
