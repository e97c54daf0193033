import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Config } from '../config';
import type { Context } from '../common/context';
import { HazardSource } from '../common/enums';
import { badInput, forbidden, notFound } from '../common/errors';
import { CREATORS, parseId, requireRole, requireSignedIn, toLngLat } from '../common/mutation';
import { Throttle, throttleOf } from '../common/rate-limit';
import {
  FiveInPlaceInput, ListForSupervisionInput, PublicReportInput, PublicReportReceipt, ReportHazardInput,
} from './hazard.mutation-input';
import * as service from './hazard.mutation.service';
import { findHazard } from './hazard.service';
import { Hazard } from './hazard.type';

const HOUR_SECONDS = 3600;
const publicReportLimiter = (config: Config) => throttleOf(config, 'public-reports',
  () => new Throttle(config.publicReportsPerHour, HOUR_SECONDS, 'reports'));

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
    requireRole(viewer, CREATORS.hazard, 'report hazards');
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
  async reportHazardPublic(@Arg('input', () => PublicReportInput) input: PublicReportInput, @Ctx() ctx: Context): Promise<PublicReportReceipt> {
    // Counted before anything else, so failed attempts cannot be used to probe without limit.
    await publicReportLimiter(ctx.config).hit(ctx.clientId);
    return service.submitPublicReport(ctx.db, {
      description: input.description,
      sector: input.sector,
      lngLat: toLngLat(input.location),
      placeName: input.placeName ?? null,
      contact: input.contact ?? null,
    });
  }

  @Mutation(() => Hazard, {
    description: 'REPORTED → RECTIFYING, with all five in place (五到位). A deadline other than the one noted at registration is an extension: later, with deadlineChangeReason.',
  })
  async startRectification(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('fiveInPlace', () => FiveInPlaceInput) fiveInPlace: FiveInPlaceInput,
    @Arg('deadlineChangeReason', () => String, { nullable: true, description: 'Why the deadline differs from the one noted at registration (延期原因).' })
    deadlineChangeReason: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireSignedIn(ctx.viewer);
    return reload(ctx, await service.startRectification(ctx.db, parseId(id, 'id'), version, fiveInPlace, deadlineChangeReason ?? null));
  }

  @Mutation(() => Hazard, { description: 'RECTIFYING → AWAITING_VERIFICATION: the fix is done (待验收).' })
  async submitRectification(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireSignedIn(ctx.viewer);
    return reload(ctx, await service.submitRectification(ctx.db, parseId(id, 'id'), version, note));
  }

  @Mutation(() => Hazard, {
    description: '验收: passed → CLOSED (销号); failed → back to RECTIFYING. Staff in scope who neither started nor submitted it; a major hazard by its sector\'s department or county level and above, passing with its evaluation; a listed one closed at its listing level or above (docs/closed-loop.md).',
  })
  async verifyRectification(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('passed', () => Boolean) passed: boolean,
    @Arg('note', () => String) note: string,
    @Arg('evaluation', () => String, { nullable: true, description: '治理评估: the evaluation of a major hazard\'s rectification (report or reference); required to pass a major hazard.' })
    evaluation: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireSignedIn(ctx.viewer);
    return reload(ctx, await service.verifyRectification(ctx.db, parseId(id, 'id'), version, passed, note, evaluation ?? null));
  }

  @Mutation(() => Hazard, { description: '回头看: reopens a CLOSED hazard found not fixed (CLOSED → RECTIFYING). Staff in scope.' })
  async reopenHazard(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireSignedIn(ctx.viewer);
    return reload(ctx, await service.reopenHazard(ctx.db, parseId(id, 'id'), version, reason));
  }

  @Mutation(() => Hazard, { description: 'A later deadline (延期), with a reason; recorded in the history. Staff in scope; not the rectifying party of an overdue or listed hazard.' })
  async extendDeadline(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('newDeadline', () => LocalDateResolver) newDeadline: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireSignedIn(ctx.viewer);
    return reload(ctx, await service.extendDeadline(ctx.db, parseId(id, 'id'), version, newDeadline, reason));
  }

  @Mutation(() => Hazard, {
    description: '公示: publishes a hazard (published: true) or withdraws its publication (false), with a note; recorded in its history. Staff in write scope (the database decides: app.hazard_action_refusal).',
  })
  async setHazardPublication(
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('published', () => Boolean) published: boolean,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireSignedIn(ctx.viewer);
    return reload(ctx, await service.setPublication(ctx.db, parseId(id, 'id'), version, published, note));
  }

  @Mutation(() => Hazard, { description: '挂牌督办: lists a major hazard for supervision at a level. Departments and the admin, at that level or above.' })
  async listForSupervision(
    @Arg('hazardId', () => ID) hazardId: string,
    @Arg('input', () => ListForSupervisionInput) input: ListForSupervisionInput,
    @Ctx() ctx: Context,
  ): Promise<Hazard> {
    requireSignedIn(ctx.viewer);
    return reload(ctx, await service.listForSupervision(ctx.db, parseId(hazardId, 'hazardId'), input));
  }
}
