import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { HazardAction, HazardLevel, HazardSource, HazardStatus, Sector, SupervisionLevel } from '../common/enums';
import { PageArgs } from '../common/connection';
import { AreaFilter } from '../common/filter.input';
import { LIST_LIMITS, List, Nested, Text } from '../common/input-limits';

@InputType({ description: 'Which hazards: every given filter must hold; a list matches any of its values.' })
export class HazardFilter extends AreaFilter {
  @List(LIST_LIMITS.filterValues)
  @Field(() => [Sector], { nullable: true })
  sectors?: Sector[] | null;

  @List(LIST_LIMITS.filterValues)
  @Field(() => [HazardLevel], { nullable: true })
  levels?: HazardLevel[] | null;

  @List(LIST_LIMITS.filterValues)
  @Field(() => [HazardStatus], { nullable: true })
  statuses?: HazardStatus[] | null;

  @List(LIST_LIMITS.filterValues)
  @Field(() => [HazardSource], { nullable: true })
  sources?: HazardSource[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only overdue hazards; false: only those not overdue.' })
  overdue?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: '到期: not overdue today but overdue within this many days if nothing is done (the one overdue rule, on today + n + 1), 0 to 366.',
  })
  dueWithinDays?: number | null;

  @Field(() => HazardAction, {
    nullable: true,
    description: 'Only hazards you may take this action on now (viewerActions; e.g. VERIFY_PASS: 待我验收), as app.hazard_action_refusal decides.',
  })
  viewerMay?: HazardAction | null;

  @List(LIST_LIMITS.filterValues)
  @Field(() => [SupervisionLevel], { nullable: true, description: 'Listed supervision (挂牌督办) at one of these levels.' })
  listedLevels?: SupervisionLevel[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: listed at any level; false: not listed.' })
  listed?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: published (公示); false: not published.' })
  published?: boolean | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Found at or after this instant.' })
  foundFrom?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Found before this instant (exclusive).' })
  foundTo?: Date | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Deadline on or after this date.' })
  deadlineFrom?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Deadline on or before this date.' })
  deadlineTo?: string | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true })
  roadSegmentId?: string | null;

  @Field(() => ID, { nullable: true })
  inspectionId?: string | null;

  @Text('search')
  @Field(() => String, { nullable: true, description: 'Text in the code, description, place name, enterprise name or road number (case-insensitive substring).' })
  search?: string | null;
}

export enum HazardOrder {
  OVERDUE_DAYS_DESC = 'OVERDUE_DAYS_DESC',
  FOUND_AT_DESC = 'FOUND_AT_DESC',
  DEADLINE_ASC = 'DEADLINE_ASC',
  LEVEL_DESC = 'LEVEL_DESC',
}
registerEnumType(HazardOrder, {
  name: 'HazardOrder',
  description: 'Order of a hazard list; ties are broken by id.',
  valuesConfig: {
    OVERDUE_DAYS_DESC: { description: 'Most days overdue first, then the rest (default).' },
    FOUND_AT_DESC: { description: 'Most recently found first.' },
    DEADLINE_ASC: { description: 'Earliest deadline first; hazards without a deadline last.' },
    LEVEL_DESC: { description: 'Major hazards first.' },
  },
});

@ArgsType()
export class HazardsArgs extends PageArgs {
  @Nested()
  @Field(() => HazardFilter, { nullable: true })
  filter?: HazardFilter | null;

  @Field(() => HazardOrder, { defaultValue: HazardOrder.OVERDUE_DAYS_DESC })
  orderBy!: HazardOrder;
}
