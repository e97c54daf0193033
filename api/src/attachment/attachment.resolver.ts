import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Accident } from '../accident/accident.type';
import type { Context } from '../common/context';
import { badInput } from '../common/errors';
import { rowId } from '../common/filter-sql';
import { TEXT_LIMITS } from '../common/input-limits';
import { Hazard } from '../hazard/hazard.type';
import { Inspection } from '../inspection/inspection.type';
import { attachmentsOf, findAttachment, mayAttachOf, publicReportStatus } from './attachment.service';
import { Attachment, type AttachmentEntity, PublicReportStatus } from './attachment.type';

/** A record's attachments through the request's loader of its kind: a page of records costs one statement. */
function loadAttachments(ctx: Context, entity: AttachmentEntity, id: string): Promise<Attachment[]> {
  return ctx.loader<string, Attachment[]>(`attachments.${entity}`, (ids) => attachmentsOf(ctx.db, entity, ids)).load(id);
}

const ATTACHMENTS = { description: 'Photos and documents, oldest first (upload: POST /attachments, docs/attachments.md).' };

@Resolver(() => Attachment)
export class AttachmentResolver {
  @Query(() => Attachment, { nullable: true, description: 'One attachment; null when it does not exist or its record lies outside your scope.' })
  attachment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Attachment | null> {
    return findAttachment(ctx.db, rowId(id, 'id'));
  }

  @Query(() => PublicReportStatus, {
    nullable: true,
    description: 'A citizen\'s report by its receipt, open to anyone: its status and dates only; null for an unknown receipt.',
  })
  publicReportStatus(@Arg('receipt', () => String) receipt: string, @Ctx() ctx: Context): Promise<PublicReportStatus | null> {
    if (receipt.length > TEXT_LIMITS.code) throw badInput(`receipt is longer than ${TEXT_LIMITS.code} characters`, 'receipt');
    return publicReportStatus(ctx.db, receipt);
  }
}

@Resolver(() => Hazard)
export class HazardAttachmentsResolver {
  @FieldResolver(() => [Attachment], ATTACHMENTS)
  attachments(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<Attachment[]> {
    return loadAttachments(ctx, 'hazard', hazard.id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether you may attach photos and documents to it (the database\'s rule, app.may_attach).' })
  viewerMayAttach(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.loader<string, boolean>('hazard.mayAttach', (ids) => mayAttachOf(ctx.db, ids)).load(hazard.id);
  }
}

@Resolver(() => Inspection)
export class InspectionAttachmentsResolver {
  @FieldResolver(() => [Attachment], ATTACHMENTS)
  attachments(@Root() inspection: Inspection, @Ctx() ctx: Context): Promise<Attachment[]> {
    return loadAttachments(ctx, 'inspection', inspection.id);
  }
}

@Resolver(() => Accident)
export class AccidentAttachmentsResolver {
  @FieldResolver(() => [Attachment], ATTACHMENTS)
  attachments(@Root() accident: Accident, @Ctx() ctx: Context): Promise<Attachment[]> {
    return loadAttachments(ctx, 'accident', accident.id);
  }
}
