import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { connectionType, type Connection } from '../common/connection';
import type { Context } from '../common/context';
import { rowId } from '../common/filter-sql';
import { loadEnterprise } from '../enterprise/enterprise.service';
import { Enterprise } from '../enterprise/enterprise.type';
import { loadHistory } from '../history/history.service';
import { HistoryEntry } from '../history/history.type';
import { loadJurisdiction } from '../jurisdiction/jurisdiction.service';
import { Jurisdiction } from '../jurisdiction/jurisdiction.type';
import { AccidentsArgs } from './accident.input';
import { findAccident, listAccidents } from './accident.service';
import { Accident } from './accident.type';

export const AccidentConnection = connectionType('Accident', Accident);

@Resolver(() => Accident)
export class AccidentResolver {
  @Query(() => AccidentConnection, { description: 'Accidents within your scope.' })
  async accidents(@Args(() => AccidentsArgs) args: AccidentsArgs, @Ctx() ctx: Context): Promise<Connection<Accident>> {
    return new AccidentConnection(await listAccidents(ctx.db, args));
  }

  @Query(() => Accident, { nullable: true, description: 'One accident; null when it does not exist or lies outside your scope.' })
  accident(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Accident | null> {
    return findAccident(ctx.db, rowId(id, 'id'));
  }

  @FieldResolver(() => Jurisdiction, { nullable: true })
  town(@Root() accident: Accident, @Ctx() ctx: Context): Promise<Jurisdiction | null> {
    return loadJurisdiction(ctx, accident.townCode);
  }

  @FieldResolver(() => Enterprise, { nullable: true })
  async enterprise(@Root() accident: Accident, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return accident.enterpriseId === null ? null : loadEnterprise(ctx, accident.enterpriseId);
  }

  @FieldResolver(() => [HistoryEntry], { description: 'Its report (上报), every supplementary report (补报) and other change, oldest first.' })
  history(@Root() accident: Accident, @Ctx() ctx: Context): Promise<HistoryEntry[]> {
    return loadHistory(ctx, 'accident', accident.id);
  }
}
