import { Field, ID, InputType, Int } from 'type-graphql';
import { EnterpriseStatus, RiskLevel, Sector, StandardizationGrade } from '../common/enums';
import { NotedChange, PointInput } from '../common/mutation';
import { Between, Nested, Text } from '../common/input-limits';

@InputType({ description: 'A new enterprise (生产经营单位).' })
export class CreateEnterpriseInput {
  @Text('name')
  @Field(() => String)
  name!: string;

  @Text('code')
  @Field(() => String, { description: '统一社会信用代码, 18 characters with a valid check character.' })
  creditCode!: string;

  @Field(() => Sector)
  sector!: Sector;

  @Text('name')
  @Field(() => String, { nullable: true })
  address?: string | null;

  @Nested()
  @Field(() => PointInput)
  location!: PointInput;

  @Text('code')
  @Field(() => String, { nullable: true, description: 'Derived from the location when omitted.' })
  townCode?: string | null;

  @Text('name')
  @Field(() => String, { nullable: true, description: 'Supervising department.' })
  department?: string | null;

  @Field(() => RiskLevel)
  riskLevel!: RiskLevel;

  @Field(() => Int, { nullable: true, description: '重大危险源 grade 1–4; omitted when none.' })
  majorHazardGrade?: number | null;

  @Field(() => StandardizationGrade, { nullable: true })
  standardizationGrade?: StandardizationGrade | null;

  @Field(() => EnterpriseStatus, { nullable: true })
  status?: EnterpriseStatus | null;

  @Between(0, 10000000)
  @Field(() => Int, { nullable: true })
  employeeCount?: number | null;

  @Text('contact')
  @Field(() => String, { nullable: true })
  contactName?: string | null;

  @Text('contact')
  @Field(() => String, { nullable: true })
  contactPhone?: string | null;
}

@InputType({ description: 'Changes to an enterprise; omitted fields keep their value.' })
export class UpdateEnterpriseInput extends NotedChange {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version last read; CONFLICT when the row has moved on.' })
  version!: number;

  @Text('name')
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Text('code')
  @Field(() => String, { nullable: true })
  creditCode?: string | null;

  @Field(() => Sector, { nullable: true })
  sector?: Sector | null;

  @Text('name')
  @Field(() => String, { nullable: true })
  address?: string | null;

  @Nested()
  @Field(() => PointInput, { nullable: true, description: 'A new location; the town is derived again unless townCode is given.' })
  location?: PointInput | null;

  @Text('code')
  @Field(() => String, { nullable: true })
  townCode?: string | null;

  @Text('name')
  @Field(() => String, { nullable: true })
  department?: string | null;

  @Field(() => RiskLevel, { nullable: true })
  riskLevel?: RiskLevel | null;

  @Field(() => Int, { nullable: true })
  majorHazardGrade?: number | null;

  @Field(() => StandardizationGrade, { nullable: true })
  standardizationGrade?: StandardizationGrade | null;

  @Field(() => EnterpriseStatus, { nullable: true })
  status?: EnterpriseStatus | null;

  @Between(0, 10000000)
  @Field(() => Int, { nullable: true })
  employeeCount?: number | null;

  @Text('contact')
  @Field(() => String, { nullable: true })
  contactName?: string | null;

  @Text('contact')
  @Field(() => String, { nullable: true })
  contactPhone?: string | null;
}
