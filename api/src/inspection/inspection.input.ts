import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { InspectionKind, Sector } from '../common/enums';
import { PageArgs } from '../common/connection';
import { LIST_LIMITS, List, Nested, Text } from '../common/input-limits';

@InputType({ description: 'Which inspections: every given filter must hold.' })
export class InspectionFilter {
  @Text('code')
  @Field(() => String, { nullable: true, description: 'A jurisdiction code: inspections in every town under it.' })
  jurisdictionCode?: string | null;

  @List(LIST_LIMITS.filterValues)
  @Field(() => [Sector], { nullable: true })
  sectors?: Sector[] | null;

  @List(LIST_LIMITS.filterValues)
  @Field(() => [InspectionKind], { nullable: true })
  kinds?: InspectionKind[] | null;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Inspected on or after this date.' })
  from?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Inspected on or before this date.' })
  to?: string | null;
}

export enum InspectionOrder {
  INSPECTED_ON_DESC = 'INSPECTED_ON_DESC',
}
registerEnumType(InspectionOrder, { name: 'InspectionOrder', description: 'Most recent first (default).' });

@ArgsType()
export class InspectionsArgs extends PageArgs {
  @Nested()
  @Field(() => InspectionFilter, { nullable: true })
  filter?: InspectionFilter | null;

  @Field(() => InspectionOrder, { defaultValue: InspectionOrder.INSPECTED_ON_DESC })
  orderBy!: InspectionOrder;
}
