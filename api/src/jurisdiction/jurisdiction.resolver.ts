import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { badInput } from '../common/errors';
import { findJurisdiction, listJurisdictions, serviceArea } from './jurisdiction.service';
import { Jurisdiction, JurisdictionLevel, ServiceArea } from './jurisdiction.type';

const CODE = /^\d{6}(\d{3})?$/;

@Resolver(() => Jurisdiction)
export class JurisdictionResolver {
  @Query(() => Jurisdiction, { nullable: true, description: 'One unit by code; null when unknown or outside your scope.' })
  jurisdiction(@Arg('code', () => String) code: string, @Ctx() ctx: Context): Promise<Jurisdiction | null> {
    if (!CODE.test(code)) throw badInput('a jurisdiction code has 6 or 9 digits', 'code');
    return findJurisdiction(ctx.db, code);
  }

  @Query(() => ServiceArea, { nullable: true, description: 'The city the deployment serves and its extent, open to anyone (the public report map opens on it); null before it is set up.' })
  serviceArea(@Ctx() ctx: Context): Promise<ServiceArea | null> {
    return serviceArea(ctx.db);
  }

  @Query(() => [Jurisdiction], { description: 'Units in your scope, optionally of one level and under one parent.' })
  jurisdictions(
    @Arg('level', () => JurisdictionLevel, { nullable: true }) level: JurisdictionLevel | null,
    @Arg('parentCode', () => String, { nullable: true }) parentCode: string | null,
    @Ctx() ctx: Context,
  ): Promise<Jurisdiction[]> {
    if (parentCode !== null && parentCode !== undefined && !CODE.test(parentCode)) {
      throw badInput('a jurisdiction code has 6 or 9 digits', 'parentCode');
    }
    return listJurisdictions(ctx.db, level ?? null, parentCode ?? null);
  }
}
