import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, GraphQLISODateTime, ID, InputType, ObjectType } from 'type-graphql';
import { HazardLevel, HazardSource, Sector } from '../common/enums';
import { PointInput } from '../common/mutation';
import { SupervisionListingFields } from './hazard.type';
import { Between, Nested, Text } from '../common/input-limits';

@InputType({ description: 'A hazard found by staff or by an enterprise itself (企业自查).' })
export class ReportHazardInput {
  @Text('description')
  @Field(() => String)
  description!: string;

  @Field(() => HazardLevel)
  level!: HazardLevel;

  @Field(() => Sector)
  sector!: Sector;

  @Text('name')
  @Field(() => String, { nullable: true })
  hazardType?: string | null;

  @Field(() => HazardSource, { description: 'An enterprise user may only report SELF_INSPECTION.' })
  source!: HazardSource;

  @Field(() => ID, { nullable: true, description: 'The enterprise it is about; an enterprise user\'s own by default.' })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The road segment it is about.' })
  roadSegmentId?: string | null;

  @Text('name')
  @Field(() => String, { nullable: true, description: 'The place it is about when neither enterprise nor road (a market, a ferry).' })
  placeName?: string | null;

  @Nested()
  @Field(() => PointInput)
  location!: PointInput;

  @Text('code')
  @Field(() => String, { nullable: true, description: 'The town; derived from the location when omitted, else the location must lie in it.' })
  townCode?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was found; now when omitted.' })
  foundAt?: Date | null;
}

@InputType({ description: 'A citizen\'s report (群众举报).' })
export class PublicReportInput {
  @Text('description')
  @Field(() => String)
  description!: string;

  @Field(() => Sector)
  sector!: Sector;

  @Nested()
  @Field(() => PointInput)
  location!: PointInput;

  @Text('name')
  @Field(() => String, { nullable: true })
  placeName?: string | null;

  @Text('contact')
  @Field(() => String, { nullable: true, description: 'How to reach the reporter; seen only by staff in scope.' })
  contact?: string | null;
}

@ObjectType({ description: 'What a citizen gets back for a report: a receipt to quote, nothing of the ledger.' })
export class PublicReportReceipt {
  @Field(() => String)
  receipt!: string;

  @Text('code')
  @Field(() => String)
  townCode!: string;

  @Field(() => GraphQLISODateTime)
  foundAt!: Date;
}

@InputType({ description: '五到位: all five must be in place to start rectification (the deadline may be the one noted at registration).' })
export class FiveInPlaceInput {
  @Text('contact')
  @Field(() => String, { nullable: true, description: '责任: the responsible person.' })
  responsiblePerson?: string | null;

  @Text('description')
  @Field(() => String, { nullable: true, description: '措施: the measures.' })
  measures?: string | null;

  @Between(0, 1e12)
  @Field(() => Float, { nullable: true, description: '资金: funds in yuan.' })
  fundsYuan?: number | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: '时限: the deadline. Omitted: the one noted at registration. A different one is an extension (deadlineChangeReason), not in the past.',
  })
  deadline?: string | null;

  @Text('description')
  @Field(() => String, { nullable: true, description: '预案: the contingency plan.' })
  contingencyPlan?: string | null;
}

@InputType({ description: '挂牌督办: who lists the hazard, who rectifies and regulates it, by when.' })
export class ListForSupervisionInput extends SupervisionListingFields {}
