import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { CREATORS, reloaded, requireRole } from '../common/mutation';
import { CreateInspectionInput } from './inspection.mutation-input';
import { createInspection } from './inspection.mutation.service';
import { findInspections } from './inspection.service';
import { Inspection } from './inspection.type';

@Resolver(() => Inspection)
export class InspectionMutationResolver {
  @Mutation(() => Inspection, {
    description: 'Records an inspection with the hazards it found and the enforcement taken (admin, town, inspector of its sector).',
  })
  async createInspection(@Arg('input', () => CreateInspectionInput) input: CreateInspectionInput, @Ctx() ctx: Context): Promise<Inspection> {
    requireRole(ctx.viewer, CREATORS.inspection, 'record inspections');
    const id = await createInspection(ctx.db, input);
    return reloaded(findInspections(ctx.db, [String(id)]), 'inspection');
  }
}
