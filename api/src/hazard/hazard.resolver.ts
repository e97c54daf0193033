import { Args, Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { connectionType, type Connection } from '../common/connection';
import type { Context } from '../common/context';
import { HazardAction } from '../common/enums';
import { rowId } from '../common/filter-sql';
import { Enterprise } from '../enterprise/enterprise.type';
import { loadEnterprise } from '../enterprise/enterprise.service';
import { Inspection } from '../inspection/inspection.type';
import { loadInspection } from '../inspection/inspection.service';
import { loadHistory } from '../history/history.service';
import { HistoryEntry } from '../history/history.type';
import { loadJurisdiction } from '../jurisdiction/jurisdiction.service';
import { Jurisdiction } from '../jurisdiction/jurisdiction.type';
import { RoadSegment } from '../road-segment/road-segment.type';
import { loadRoadSegment } from '../road-segment/road-segment.service';
import { HazardsArgs } from './hazard.input';
import { findHazard, historiesOf, latenessOf, listHazards, listingsOf, viewerActionsOf } from './hazard.service';
import { Hazard, HazardHistoryEntry, type HazardLateness, ListedSupervision } from './hazard.type';

export const HazardConnection = connectionType('Hazard', Hazard);

// Nested fields go through per-request DataLoaders: a page of hazards costs one statement
// per nested field, whatever its size. A nested row the viewer may not see is null.
@Resolver(() => Hazard)
export class HazardResolver {
  @Query(() => HazardConnection, { description: 'The hazard ledger within your scope.' })
  async hazards(@Args(() => HazardsArgs) args: HazardsArgs, @Ctx() ctx: Context): Promise<Connection<Hazard>> {
    return new HazardConnection(await listHazards(ctx.db, args));
  }

  @Query(() => Hazard, { nullable: true, description: 'One hazard; null when it does not exist or lies outside your scope (the two are not told apart).' })
  hazard(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Hazard | null> {
    return findHazard(ctx.db, rowId(id, 'id'));
  }

  @FieldResolver(() => Jurisdiction, { nullable: true })
  town(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<Jurisdiction | null> {
    return loadJurisdiction(ctx, hazard.townCode);
  }

  @FieldResolver(() => Enterprise, { nullable: true })
  async enterprise(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return hazard.enterpriseId === null ? null : loadEnterprise(ctx, hazard.enterpriseId);
  }

  @FieldResolver(() => RoadSegment, { nullable: true })
  async roadSegment(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<RoadSegment | null> {
    return hazard.roadSegmentId === null ? null : loadRoadSegment(ctx, hazard.roadSegmentId);
  }

  @FieldResolver(() => Inspection, { nullable: true, description: 'The inspection that found it, if any.' })
  async inspection(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<Inspection | null> {
    return hazard.inspectionId === null ? null : loadInspection(ctx, hazard.inspectionId);
  }

  @FieldResolver(() => [HazardHistoryEntry], { description: 'Every event, oldest first.' })
  history(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<HazardHistoryEntry[]> {
    return ctx.loader<string, HazardHistoryEntry[]>('hazard.history', (ids) => historiesOf(ctx.db, ids)).load(hazard.id);
  }

  @FieldResolver(() => [HazardAction], {
    description: 'What you may do to this hazard now, as the database decides it (docs/closed-loop.md); a mutation for any other action is refused.',
  })
  viewerActions(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<HazardAction[]> {
    return ctx.loader<string, HazardAction[]>('hazard.viewerActions', (ids) => viewerActionsOf(ctx.db, ids)).load(hazard.id);
  }

  @FieldResolver(() => Boolean, { description: '曾超期: overdue at some moment of its life, up to now; stays true after an extension or a closing.' })
  async everOverdue(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<boolean> {
    return (await this.lateness(hazard, ctx)).everOverdue;
  }

  @FieldResolver(() => Boolean, { description: '超期整改: closed at least once after a rectification submitted past the deadline in force then.' })
  async rectifiedLate(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<boolean> {
    return (await this.lateness(hazard, ctx)).rectifiedLate;
  }

  private lateness(hazard: Hazard, ctx: Context): Promise<HazardLateness> {
    return ctx.loader<string, HazardLateness>('hazard.lateness', (ids) => latenessOf(ctx.db, ids)).load(hazard.id);
  }

  @FieldResolver(() => [ListedSupervision])
  listedSupervisions(@Root() hazard: Hazard, @Ctx() ctx: Context): Promise<ListedSupervision[]> {
    return ctx.loader<string, ListedSupervision[]>('hazard.listings', (ids) => listingsOf(ctx.db, ids)).load(hazard.id);
  }
}

@Resolver(() => ListedSupervision)
export class ListedSupervisionResolver {
  @FieldResolver(() => [HistoryEntry], { description: 'The listing\'s own history (its creation and any correction), oldest first.' })
  history(@Root() listing: ListedSupervision, @Ctx() ctx: Context): Promise<HistoryEntry[]> {
    return loadHistory(ctx, 'listed_supervision', listing.id);
  }
}
