import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { EnterpriseStatus, RiskLevel, Sector } from '../common/enums';
import { PageArgs } from '../common/connection';
import { AreaFilter } from '../common/filter.input';

@InputType({ description: 'Which enterprises: every given filter must hold; a list matches any of its values.' })
export class EnterpriseFilter extends AreaFilter {
  @Field(() => [Sector], { nullable: true })
  sectors?: Sector[] | null;

  @Field(() => [RiskLevel], { nullable: true })
  riskLevels?: RiskLevel[] | null;

  @Field(() => [EnterpriseStatus], { nullable: true })
  statuses?: EnterpriseStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: holds a major hazard installation (重大危险源); false: holds none.' })
  majorHazard?: boolean | null;

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
  @Field(() => EnterpriseFilter, { nullable: true })
  filter?: EnterpriseFilter | null;

  @Field(() => EnterpriseOrder, { defaultValue: EnterpriseOrder.RISK_DESC })
  orderBy!: EnterpriseOrder;
}
