import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { connectionType, type Connection } from '../common/connection';
import type { Context } from '../common/context';
import { rowId } from '../common/filter-sql';
import { openHazardCounts } from '../hazard/hazard.service';
import { loadHistory } from '../history/history.service';
import { HistoryEntry } from '../history/history.type';
import { loadJurisdiction } from '../jurisdiction/jurisdiction.service';
import { Jurisdiction } from '../jurisdiction/jurisdiction.type';
import { EnterprisesArgs } from './enterprise.input';
import { listEnterprises, loadEnterprise } from './enterprise.service';
import { Enterprise } from './enterprise.type';

export const EnterpriseConnection = connectionType('Enterprise', Enterprise);

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => EnterpriseConnection, { description: 'Enterprises within your scope.' })
  async enterprises(@Args(() => EnterprisesArgs) args: EnterprisesArgs, @Ctx() ctx: Context): Promise<Connection<Enterprise>> {
    return new EnterpriseConnection(await listEnterprises(ctx.db, args));
  }

  @Query(() => Enterprise, { nullable: true, description: 'One enterprise; null when it does not exist or lies outside your scope.' })
  enterprise(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return loadEnterprise(ctx, rowId(id, 'id'));
  }

  @FieldResolver(() => Jurisdiction, { nullable: true })
  town(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<Jurisdiction | null> {
    return loadJurisdiction(ctx, enterprise.townCode);
  }

  @FieldResolver(() => Int, { description: 'Hazards of the enterprise not yet closed (that you may see). The list: hazards(filter: {enterpriseId}).' })
  openHazardCount(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<number> {
    return ctx.loader<string, number>('enterprise.openHazards', (ids) => openHazardCounts(ctx.db, 'enterprise_id', ids)).load(enterprise.id);
  }

  @FieldResolver(() => [HistoryEntry], { description: 'Every change of what counts (risk colour, status, standardisation grade …), oldest first.' })
  history(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<HistoryEntry[]> {
    return loadHistory(ctx, 'enterprise', enterprise.id);
  }
}
