import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { connectionType, type Connection } from '../common/connection';
import type { Context } from '../common/context';
import { rowId } from '../common/filter-sql';
import { openHazardCounts } from '../hazard/hazard.service';
import { loadHistory } from '../history/history.service';
import { HistoryEntry } from '../history/history.type';
import { loadJurisdiction } from '../jurisdiction/jurisdiction.service';
import { Jurisdiction } from '../jurisdiction/jurisdiction.type';
import { RoadSegmentsArgs } from './road-segment.input';
import { listRoadSegments, loadRoadSegment } from './road-segment.service';
import { RoadSegment } from './road-segment.type';

export const RoadSegmentConnection = connectionType('RoadSegment', RoadSegment);

@Resolver(() => RoadSegment)
export class RoadSegmentResolver {
  @Query(() => RoadSegmentConnection, { description: 'Road segments within your scope (by the town of their midpoint).' })
  async roadSegments(@Args(() => RoadSegmentsArgs) args: RoadSegmentsArgs, @Ctx() ctx: Context): Promise<Connection<RoadSegment>> {
    return new RoadSegmentConnection(await listRoadSegments(ctx.db, args));
  }

  @Query(() => RoadSegment, { nullable: true, description: 'One road segment; null when it does not exist or lies outside your scope.' })
  roadSegment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<RoadSegment | null> {
    return loadRoadSegment(ctx, rowId(id, 'id'));
  }

  @FieldResolver(() => Jurisdiction, { nullable: true, description: 'The town of the midpoint.' })
  town(@Root() segment: RoadSegment, @Ctx() ctx: Context): Promise<Jurisdiction | null> {
    return loadJurisdiction(ctx, segment.townCode);
  }

  @FieldResolver(() => Int, { description: 'Hazards on the segment not yet closed. The list: hazards(filter: {roadSegmentId}).' })
  openHazardCount(@Root() segment: RoadSegment, @Ctx() ctx: Context): Promise<number> {
    return ctx.loader<string, number>('roadSegment.openHazards', (ids) => openHazardCounts(ctx.db, 'road_segment_id', ids)).load(segment.id);
  }

  @FieldResolver(() => [HistoryEntry], { description: 'Every change of what counts (risk colour, features, chainage …), oldest first.' })
  history(@Root() segment: RoadSegment, @Ctx() ctx: Context): Promise<HistoryEntry[]> {
    return loadHistory(ctx, 'road_segment', segment.id);
  }
}
