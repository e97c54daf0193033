import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { notFound } from '../common/errors';
import { CREATORS, parseId, requireRole } from '../common/mutation';
import { CreateAccidentInput, UpdateAccidentInput } from './accident.mutation-input';
import { createAccident, updateAccident } from './accident.mutation.service';
import { findAccident } from './accident.service';
import { Accident } from './accident.type';

async function reload(ctx: Context, id: number): Promise<Accident> {
  const accident = await findAccident(ctx.db, String(id));
  if (!accident) throw notFound('accident');
  return accident;
}

@Resolver(() => Accident)
export class AccidentMutationResolver {
  @Mutation(() => Accident, { description: 'Records an accident in your scope (admin, town, inspector of its sector).' })
  async createAccident(@Arg('input', () => CreateAccidentInput) input: CreateAccidentInput, @Ctx() ctx: Context): Promise<Accident> {
    requireRole(ctx.viewer, CREATORS.accident, 'record accidents');
    return reload(ctx, await createAccident(ctx.db, input));
  }

  @Mutation(() => Accident, { description: 'Changes an accident at the version you read.' })
  async updateAccident(@Arg('input', () => UpdateAccidentInput) input: UpdateAccidentInput, @Ctx() ctx: Context): Promise<Accident> {
    requireRole(ctx.viewer, CREATORS.accident, 'change accidents');
    return reload(ctx, await updateAccident(ctx.db, parseId(input.id, 'id'), input));
  }
}
