import { ArgsType, Field, GraphQLISODateTime, ID, InputType, registerEnumType } from 'type-graphql';
import { Sector } from '../common/enums';
import { PageArgs } from '../common/connection';
import { AreaFilter } from '../common/filter.input';
import { LIST_LIMITS, List, Nested } from '../common/input-limits';

@InputType({ description: 'Which accidents: every given filter must hold.' })
export class AccidentFilter extends AreaFilter {
  @List(LIST_LIMITS.filterValues)
  @Field(() => [Sector], { nullable: true })
  sectors?: Sector[] | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Occurred at or after this instant.' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Occurred before this instant (exclusive).' })
  to?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only those reported late or still unreported after an hour (迟报); false: only those reported in time.' })
  reportedLate?: boolean | null;
}

export enum AccidentOrder {
  OCCURRED_AT_DESC = 'OCCURRED_AT_DESC',
  DEATHS_DESC = 'DEATHS_DESC',
}
registerEnumType(AccidentOrder, {
  name: 'AccidentOrder',
  valuesConfig: {
    OCCURRED_AT_DESC: { description: 'Most recent first (default).' },
    DEATHS_DESC: { description: 'Most deaths first.' },
  },
});

@ArgsType()
export class AccidentsArgs extends PageArgs {
  @Nested()
  @Field(() => AccidentFilter, { nullable: true })
  filter?: AccidentFilter | null;

  @Field(() => AccidentOrder, { defaultValue: AccidentOrder.OCCURRED_AT_DESC })
  orderBy!: AccidentOrder;
}
