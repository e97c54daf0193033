import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnterpriseStatus, RiskLevel, Sector, StandardizationGrade } from '../common/enums';
import { GeoJSONScalar } from '../common/scalars';

@ObjectType({ description: '生产经营单位: a production or business unit under supervision.' })
export class Enterprise {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: '统一社会信用代码 (GB 32100-2015).' })
  creditCode!: string;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => GeoJSONScalar, { description: 'Point in WGS84.' })
  geometry!: unknown;

  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;

  @Field(() => String, { description: 'GB/T 2260 code of the enterprise\'s town.' })
  townCode!: string;

  @Field(() => String, { nullable: true, description: 'Supervising department.' })
  department!: string | null;

  @Field(() => RiskLevel)
  riskLevel!: RiskLevel;

  @Field(() => Int, { nullable: true, description: '重大危险源 grade 1 (most severe) to 4; null when it holds none.' })
  majorHazardGrade!: number | null;

  @Field(() => StandardizationGrade)
  standardizationGrade!: StandardizationGrade;

  @Field(() => EnterpriseStatus)
  status!: EnterpriseStatus;

  @Field(() => Int)
  employeeCount!: number;

  @Field(() => String, { nullable: true, description: 'Personal data: returned only to roles whose scope holds the enterprise.' })
  contactName!: string | null;

  @Field(() => String, { nullable: true, description: 'Personal data: returned only to roles whose scope holds the enterprise.' })
  contactPhone!: string | null;

  @Field(() => Boolean, { description: 'Generated demo data.' })
  synthetic!: boolean;

  @Field(() => Int)
  version!: number;
}

export enum CreditCodeProblem {
  SHAPE = 'SHAPE',
  CHECK_CHARACTER = 'CHECK_CHARACTER',
}
registerEnumType(CreditCodeProblem, {
  name: 'CreditCodeProblem',
  description: 'SHAPE: not 18 characters of 0-9 and A-Y without I, O, S, V, Z; CHECK_CHARACTER: the last character does not match the first 17.',
});

@ObjectType({ description: 'A unified social credit code checked against GB 32100-2015, as registering an enterprise would check it.' })
export class CreditCodeCheck {
  @Field(() => String, { description: 'The code as it would be stored: trimmed, upper case.' })
  code!: string;

  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => CreditCodeProblem, { nullable: true })
  problem!: CreditCodeProblem | null;

  @Field(() => String, { nullable: true, description: 'The check character the first 17 characters call for, when only it is wrong.' })
  expectedCheckCharacter!: string | null;
}
