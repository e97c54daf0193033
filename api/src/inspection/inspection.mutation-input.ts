import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, InputType } from 'type-graphql';
import { EnforcementKind, HazardLevel, InspectionKind, Sector } from '../common/enums';
import { PointInput } from '../common/mutation';
import { Between, LIST_LIMITS, Nested, Text, TextList } from '../common/input-limits';

@InputType({ description: 'A hazard an inspection found; it is recorded with the inspection\'s enterprise, sector and date.' })
export class InspectionFindingInput {
  @Text('description')
  @Field(() => String)
  description!: string;

  @Field(() => HazardLevel)
  level!: HazardLevel;

  @Text('name')
  @Field(() => String, { nullable: true })
  hazardType?: string | null;

  @Nested()
  @Field(() => PointInput, { nullable: true, description: 'Where; the enterprise\'s location when omitted.' })
  location?: PointInput | null;

  @Text('name')
  @Field(() => String, { nullable: true })
  placeName?: string | null;
}

@InputType({ description: 'Enforcement taken: 责令整改, 罚款 (with an amount), 停产整顿, 关闭取缔, 移送司法.' })
export class EnforcementActionInput {
  @Field(() => EnforcementKind)
  kind!: EnforcementKind;

  @Between(0, 1e10)
  @Field(() => Float, { nullable: true, description: 'Required for a FINE, and only for it.' })
  fineAmountYuan?: number | null;

  @Text('note')
  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: '执法检查: an inspection with the hazards it found and the enforcement taken.' })
export class CreateInspectionInput {
  @Field(() => ID, { nullable: true, description: 'The enterprise inspected; its town is the inspection\'s.' })
  enterpriseId?: string | null;

  @Text('code')
  @Field(() => String, { nullable: true, description: 'The town, when no enterprise is inspected (a market, a road).' })
  townCode?: string | null;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => LocalDateResolver)
  inspectedOn!: string;

  @Text('name')
  @Field(() => String)
  department!: string;

  @TextList(LIST_LIMITS.inspectors, 'contact')
  @Field(() => [String], { nullable: true })
  inspectors?: string[] | null;

  @Field(() => InspectionKind)
  kind!: InspectionKind;

  @Text('note')
  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Nested(LIST_LIMITS.findings)
  @Field(() => [InspectionFindingInput], { nullable: true })
  findings?: InspectionFindingInput[] | null;

  @Nested(LIST_LIMITS.actions)
  @Field(() => [EnforcementActionInput], { nullable: true })
  actions?: EnforcementActionInput[] | null;
}
