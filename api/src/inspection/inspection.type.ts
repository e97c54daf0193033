import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { EnforcementKind, InspectionKind, Sector } from '../common/enums';

@ObjectType({ description: '执法检查: an inspection; its findings are the hazards it found.' })
export class Inspection {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true })
  enterpriseId!: string | null;

  @Field(() => String)
  townCode!: string;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => LocalDateResolver)
  inspectedOn!: string;

  @Field(() => String)
  department!: string;

  @Field(() => [String])
  inspectors!: string[];

  @Field(() => InspectionKind)
  kind!: InspectionKind;

  @Field(() => String, { nullable: true })
  summary!: string | null;

  @Field(() => Boolean, { description: 'Generated demo data.' })
  synthetic!: boolean;

  @Field(() => Int)
  version!: number;
}

@ObjectType({ description: 'Enforcement taken at an inspection.' })
export class EnforcementAction {
  @Field(() => ID)
  id!: string;

  @Field(() => EnforcementKind)
  kind!: EnforcementKind;

  @Field(() => Float, { nullable: true, description: 'Fine in yuan; only for FINE.' })
  fineAmountYuan!: number | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}
