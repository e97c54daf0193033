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
import { badInput } from '../common/errors';
import { TEXT_LIMITS } from '../common/input-limits';
import { creditCodeFault, normaliseCreditCode } from './credit-code';
import { CreditCodeCheck, CreditCodeProblem, Enterprise } from './enterprise.type';

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

  @Query(() => CreditCodeCheck, {
    description: 'Checks a credit code (统一社会信用代码) as it is typed, by the rule registering an enterprise applies (GB 32100-2015).',
  })
  creditCodeCheck(@Arg('code', () => String) code: string): CreditCodeCheck {
    if (code.length > TEXT_LIMITS.code) throw badInput(`code is longer than ${TEXT_LIMITS.code} characters`, 'code');
    const normalised = normaliseCreditCode(code);
    const fault = creditCodeFault(normalised);
    return {
      code: normalised,
      valid: fault === null,
      problem: fault ? CreditCodeProblem[fault.kind] : null,
      expectedCheckCharacter: fault?.kind === 'CHECK_CHARACTER' ? fault.expected : null,
    };
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
