import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { CREATORS, parseId, reloaded, requireRole } from '../common/mutation';
import { CreateRoadSegmentInput, UpdateRoadSegmentInput } from './road-segment.mutation-input';
import { createRoadSegment, updateRoadSegment } from './road-segment.mutation.service';
import { findRoadSegments } from './road-segment.service';
import { RoadSegment } from './road-segment.type';

@Resolver(() => RoadSegment)
export class RoadSegmentMutationResolver {
  @Mutation(() => RoadSegment, { description: 'Records a road segment in your scope (admin, town, road-traffic inspector).' })
  async createRoadSegment(@Arg('input', () => CreateRoadSegmentInput) input: CreateRoadSegmentInput, @Ctx() ctx: Context): Promise<RoadSegment> {
    requireRole(ctx.viewer, CREATORS.roadSegment, 'record road segments');
    const id = await createRoadSegment(ctx.db, input);
    return reloaded(findRoadSegments(ctx.db, [String(id)]), 'road segment');
  }

  @Mutation(() => RoadSegment, { description: 'Changes a road segment at the version you read.' })
  async updateRoadSegment(@Arg('input', () => UpdateRoadSegmentInput) input: UpdateRoadSegmentInput, @Ctx() ctx: Context): Promise<RoadSegment> {
    requireRole(ctx.viewer, CREATORS.roadSegment, 'change road segments');
    const id = await updateRoadSegment(ctx.db, parseId(input.id, 'id'), input);
    return reloaded(findRoadSegments(ctx.db, [String(id)]), 'road segment');
  }
}
