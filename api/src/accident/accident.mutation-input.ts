import { Field, Float, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { Sector } from '../common/enums';
import { NotedChange, PointInput } from '../common/mutation';
import { Between, Nested, Text } from '../common/input-limits';

@InputType({ description: 'A work-safety accident (生产安全事故).' })
export class CreateAccidentInput extends NotedChange {
  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Nested()
  @Field(() => PointInput)
  location!: PointInput;

  @Text('code')
  @Field(() => String, { nullable: true, description: 'Derived from the location when omitted.' })
  townCode?: string | null;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => ID, { nullable: true })
  enterpriseId?: string | null;

  @Text('description')
  @Field(() => String)
  description!: string;

  @Between(0, 100000)
  @Field(() => Int, { nullable: true })
  deaths?: number | null;

  @Between(0, 100000)
  @Field(() => Int, { nullable: true })
  seriousInjuries?: number | null;

  @Between(0, 1e12)
  @Field(() => Float, { nullable: true, description: 'Direct economic loss in yuan.' })
  directLossYuan?: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: '上报: when the unit reported it to the county; not before it occurred, not in the future. Omitted: not yet reported.' })
  reportedAt?: Date | null;
}

@InputType({ description: 'Changes to an accident (final counts often come later); omitted fields keep their value.' })
export class UpdateAccidentInput extends NotedChange {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  occurredAt?: Date | null;

  @Nested()
  @Field(() => PointInput, { nullable: true })
  location?: PointInput | null;

  @Text('code')
  @Field(() => String, { nullable: true })
  townCode?: string | null;

  @Field(() => Sector, { nullable: true })
  sector?: Sector | null;

  @Text('description')
  @Field(() => String, { nullable: true })
  description?: string | null;

  @Between(0, 100000)
  @Field(() => Int, { nullable: true })
  deaths?: number | null;

  @Between(0, 100000)
  @Field(() => Int, { nullable: true })
  seriousInjuries?: number | null;

  @Between(0, 1e12)
  @Field(() => Float, { nullable: true, description: 'A changed count or loss is a supplementary report (补报), kept in the history.' })
  directLossYuan?: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: '上报: when the unit reported it to the county; not before it occurred, not in the future.' })
  reportedAt?: Date | null;
}
