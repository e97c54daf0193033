import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { AccidentGrade, Sector } from '../common/enums';
import { GeoJSONScalar } from '../common/scalars';

@ObjectType({ description: '生产安全事故: an accident with its casualties and loss.' })
export class Accident {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field(() => GeoJSONScalar, { description: 'Point in WGS84.' })
  geometry!: unknown;

  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;

  @Field(() => String)
  townCode!: string;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => ID, { nullable: true })
  enterpriseId!: string | null;

  @Field(() => String)
  description!: string;

  @Field(() => Int, { description: '死亡人数.' })
  deaths!: number;

  @Field(() => Int, { description: '重伤人数.' })
  seriousInjuries!: number;

  @Field(() => Float, { description: '直接经济损失, yuan.' })
  directLossYuan!: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: '上报: when the unit reported it to the county\'s supervising departments; null while unreported.' })
  reportedAt!: Date | null;

  @Field(() => Boolean, { description: '迟报 (Decree 493: within 1 hour): reported more than an hour after it occurred, or still unreported after an hour. Computed by accident_report_is_late().' })
  reportedLate!: boolean;

  @Field(() => AccidentGrade, { description: 'Grade by State Council Decree 493, computed by accident_grade().' })
  grade!: AccidentGrade;

  @Field(() => Boolean, { description: 'Generated demo data.' })
  synthetic!: boolean;

  @Field(() => Int)
  version!: number;
}
