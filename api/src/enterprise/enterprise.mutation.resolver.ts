import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { CREATORS, parseId, reloaded, requireRole } from '../common/mutation';
import { CreateEnterpriseInput, UpdateEnterpriseInput } from './enterprise.mutation-input';
import { createEnterprise, updateEnterprise } from './enterprise.mutation.service';
import { findEnterprises } from './enterprise.service';
import { Enterprise } from './enterprise.type';

@Resolver(() => Enterprise)
export class EnterpriseMutationResolver {
  @Mutation(() => Enterprise, { description: 'Registers an enterprise in your scope (admin, town, inspector of its sector).' })
  async createEnterprise(@Arg('input', () => CreateEnterpriseInput) input: CreateEnterpriseInput, @Ctx() ctx: Context): Promise<Enterprise> {
    requireRole(ctx.viewer, CREATORS.enterprise, 'register enterprises');
    const id = await createEnterprise(ctx.db, input);
    return reloaded(findEnterprises(ctx.db, [String(id)]), 'enterprise');
  }

  @Mutation(() => Enterprise, { description: 'Changes an enterprise at the version you read; CONFLICT when it has moved on.' })
  async updateEnterprise(@Arg('input', () => UpdateEnterpriseInput) input: UpdateEnterpriseInput, @Ctx() ctx: Context): Promise<Enterprise> {
    requireRole(ctx.viewer, CREATORS.enterprise, 'change enterprises');
    const id = await updateEnterprise(ctx.db, parseId(input.id, 'id'), input);
    return reloaded(findEnterprises(ctx.db, [String(id)]), 'enterprise');
  }
}
