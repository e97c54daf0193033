import { ArgsType, Field, InputType, registerEnumType } from 'type-graphql';
import { RiskLevel, RoadClass, RoadFeature } from '../common/enums';
import { PageArgs } from '../common/connection';
import { AreaFilter } from '../common/filter.input';

@InputType({ description: 'Which road segments: every given filter must hold. jurisdictionCode matches the town of the midpoint.' })
export class RoadSegmentFilter extends AreaFilter {
  @Field(() => [RiskLevel], { nullable: true })
  riskLevels?: RiskLevel[] | null;

  @Field(() => [RoadClass], { nullable: true })
  roadClasses?: RoadClass[] | null;

  @Field(() => [RoadFeature], { nullable: true, description: 'Segments with any of these features.' })
  features?: RoadFeature[] | null;

  @Field(() => String, { nullable: true, description: 'Text in the road name or number.' })
  search?: string | null;
}

export enum RoadSegmentOrder {
  RISK_DESC = 'RISK_DESC',
  ACCIDENTS_DESC = 'ACCIDENTS_DESC',
}
registerEnumType(RoadSegmentOrder, {
  name: 'RoadSegmentOrder',
  valuesConfig: {
    RISK_DESC: { description: 'Red first (default).' },
    ACCIDENTS_DESC: { description: 'Most accidents in the last three years first.' },
  },
});

@ArgsType()
export class RoadSegmentsArgs extends PageArgs {
  @Field(() => RoadSegmentFilter, { nullable: true })
  filter?: RoadSegmentFilter | null;

  @Field(() => RoadSegmentOrder, { defaultValue: RoadSegmentOrder.RISK_DESC })
  orderBy!: RoadSegmentOrder;
}
