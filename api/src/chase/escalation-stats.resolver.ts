import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { badInput } from '../common/errors';
import { JurisdictionStats } from '../stats/stats.type';
import { escalationCountsOf } from './chase.service';
import { EscalationCounts } from './chase.type';

/**
 * The escalation figures of jurisdictionStats, beside (not inside) its one statement: every
 * unit of the answer costs one statement together (a DataLoader).
 */
@Resolver(() => JurisdictionStats)
export class EscalationStatsResolver {
  @FieldResolver(() => EscalationCounts, {
    description: 'Escalation steps (书面说明, 督办函, 通报批评) taken for the unit\'s hazards from `from` to `to` (default: this year to today): the unit that let them slip.',
  })
  escalations(
    @Root() unit: JurisdictionStats,
    @Arg('from', () => LocalDateResolver, { nullable: true }) from: string | null,
    @Arg('to', () => LocalDateResolver, { nullable: true }) to: string | null,
    @Ctx() ctx: Context,
  ): Promise<EscalationCounts> {
    if (from && to && from > to) throw badInput('from must not be after to', 'from');
    return ctx.loader<string, EscalationCounts>('stats.escalations', (keys) => escalationCountsOf(ctx.db, keys))
      .load(`${unit.code}|${from ?? ''}|${to ?? ''}`);
  }
}
