import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { connectionType, type Connection } from '../common/connection';
import type { Context } from '../common/context';
import { rowId } from '../common/filter-sql';
import { loadEnterprise } from '../enterprise/enterprise.service';
import { Enterprise } from '../enterprise/enterprise.type';
import { hazardsOfInspections } from '../hazard/hazard.service';
import { loadHistory } from '../history/history.service';
import { HistoryEntry } from '../history/history.type';
import { Hazard } from '../hazard/hazard.type';
import { loadJurisdiction } from '../jurisdiction/jurisdiction.service';
import { Jurisdiction } from '../jurisdiction/jurisdiction.type';
import { InspectionsArgs } from './inspection.input';
import { enforcementOf, listInspections, loadInspection } from './inspection.service';
import { EnforcementAction, Inspection } from './inspection.type';

export const InspectionConnection = connectionType('Inspection', Inspection);

@Resolver(() => Inspection)
export class InspectionResolver {
  @Query(() => InspectionConnection, { description: 'Inspections within your scope.' })
  async inspections(@Args(() => InspectionsArgs) args: InspectionsArgs, @Ctx() ctx: Context): Promise<Connection<Inspection>> {
    return new InspectionConnection(await listInspections(ctx.db, args));
  }

  @Query(() => Inspection, { nullable: true, description: 'One inspection; null when it does not exist or lies outside your scope.' })
  inspection(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Inspection | null> {
    return loadInspection(ctx, rowId(id, 'id'));
  }

  @FieldResolver(() => Enterprise, { nullable: true })
  async enterprise(@Root() inspection: Inspection, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return inspection.enterpriseId === null ? null : loadEnterprise(ctx, inspection.enterpriseId);
  }

  @FieldResolver(() => Jurisdiction, { nullable: true })
  town(@Root() inspection: Inspection, @Ctx() ctx: Context): Promise<Jurisdiction | null> {
    return loadJurisdiction(ctx, inspection.townCode);
  }

  @FieldResolver(() => [Hazard], { description: 'The hazards this inspection found (that you may see).' })
  findings(@Root() inspection: Inspection, @Ctx() ctx: Context): Promise<Hazard[]> {
    return ctx.loader<string, Hazard[]>('inspection.findings', (ids) => hazardsOfInspections(ctx.db, ids)).load(inspection.id);
  }

  @FieldResolver(() => [HistoryEntry], { description: 'The inspection\'s history: so far its attachments (ATTACHMENT_ADDED), oldest first.' })
  history(@Root() inspection: Inspection, @Ctx() ctx: Context): Promise<HistoryEntry[]> {
    return loadHistory(ctx, 'inspection', inspection.id);
  }

  @FieldResolver(() => [EnforcementAction])
  enforcementActions(@Root() inspection: Inspection, @Ctx() ctx: Context): Promise<EnforcementAction[]> {
    return ctx.loader<string, EnforcementAction[]>('inspection.enforcement', (ids) => enforcementOf(ctx.db, ids)).load(inspection.id);
  }
}
