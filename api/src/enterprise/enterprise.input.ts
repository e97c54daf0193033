import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { EnterpriseStatus, RiskLevel, Sector } from '../common/enums';
import { PageArgs } from '../common/connection';
import { AreaFilter } from '../common/filter.input';
import { LIST_LIMITS, List, Nested, Text } from '../common/input-limits';

@InputType({ description: 'Which enterprises: every given filter must hold; a list matches any of its values.' })
export class EnterpriseFilter extends AreaFilter {
  @List(LIST_LIMITS.filterValues)
  @Field(() => [Sector], { nullable: true })
  sectors?: Sector[] | null;

  @List(LIST_LIMITS.filterValues)
  @Field(() => [RiskLevel], { nullable: true })
  riskLevels?: RiskLevel[] | null;

  @List(LIST_LIMITS.filterValues)
  @Field(() => [EnterpriseStatus], { nullable: true })
  statuses?: EnterpriseStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: holds a major hazard installation (重大危险源); false: holds none.' })
  majorHazard?: boolean | null;

  @Text('search')
  @Field(() => String, { nullable: true, description: 'Text in the name or credit code.' })
  search?: string | null;
}

export enum EnterpriseOrder {
  RISK_DESC = 'RISK_DESC',
  NAME_ASC = 'NAME_ASC',
}
registerEnumType(EnterpriseOrder, {
  name: 'EnterpriseOrder',
  valuesConfig: {
    RISK_DESC: { description: 'Red first, then orange, yellow, blue (default).' },
    NAME_ASC: { description: 'By name.' },
  },
});

@ArgsType()
export class EnterprisesArgs extends PageArgs {
  @Nested()
  @Field(() => EnterpriseFilter, { nullable: true })
  filter?: EnterpriseFilter | null;

  @Field(() => EnterpriseOrder, { defaultValue: EnterpriseOrder.RISK_DESC })
  orderBy!: EnterpriseOrder;
}
