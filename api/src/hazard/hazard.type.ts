import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Chase } from '../chase/chase.type';
import { HazardAction, HazardEvent, HazardLevel, HazardSource, HazardStatus, Sector, SupervisionLevel } from '../common/enums';
import { GeoJSONScalar } from '../common/scalars';
import { Actor } from '../history/history.type';
import { Text } from '../common/input-limits';

// simpleResolvers: its plain fields are read as properties, not through type-graphql's
// per-field wrapper (no field of it has a middleware or an auth rule), so the compiled
// executor inlines them: a 1,000-row list resolves ~31,000 of them.
@ObjectType({ description: '事故隐患: one entry of the hazard ledger (隐患台账).', simpleResolvers: true })
export class Hazard {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Readable ledger code.' })
  code!: string;

  @Field(() => String)
  description!: string;

  @Field(() => HazardLevel)
  level!: HazardLevel;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => String, { nullable: true })
  hazardType!: string | null;

  @Field(() => HazardSource)
  source!: HazardSource;

  @Field(() => GeoJSONScalar, { description: 'The hazard\'s Point in WGS84.' })
  geometry!: unknown;

  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;

  @Field(() => Boolean, { description: '超期: the deadline has passed and the status is REPORTED or RECTIFYING.' })
  overdue!: boolean;

  @Field(() => Int, { description: 'Days past the deadline while overdue; 0 otherwise.' })
  overdueDays!: number;

  @Field(() => Int, { nullable: true, description: 'Deadline minus today in days (negative once passed); null without a deadline.' })
  daysToDeadline!: number | null;

  @Field(() => GraphQLISODateTime)
  foundAt!: Date;

  @Field(() => String, { nullable: true, description: '五到位: responsible person (责任).' })
  responsiblePerson!: string | null;

  @Field(() => String, { nullable: true, description: '五到位: measures (措施).' })
  measures!: string | null;

  @Field(() => Float, { nullable: true, description: '五到位: funds in yuan (资金).' })
  fundsYuan!: number | null;

  @Field(() => LocalDateResolver, { nullable: true, description: '五到位: deadline (时限), a date.' })
  deadline!: string | null;

  @Field(() => String, { nullable: true, description: '五到位: contingency plan (预案).' })
  contingencyPlan!: string | null;

  @Field(() => SupervisionLevel, { nullable: true, description: 'Highest level of listed supervision (挂牌督办), if any.' })
  listedLevel!: SupervisionLevel | null;

  @Field(() => Boolean, { description: '公示: published.' })
  published!: boolean;

  @Field(() => HazardStatus)
  status!: HazardStatus;

  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt!: Date | null;

  @Field(() => Int, { description: 'Row version for optimistic locking in mutations.' })
  version!: number;

  @Field(() => String, { description: 'GB/T 2260 code of the town the hazard lies in.' })
  townCode!: string;

  @Field(() => ID, { nullable: true })
  enterpriseId!: string | null;

  @Field(() => ID, { nullable: true })
  roadSegmentId!: string | null;

  @Field(() => ID, { nullable: true })
  inspectionId!: string | null;

  @Field(() => String, { nullable: true, description: 'The place a hazard without enterprise or road is about (a market, a ferry).' })
  placeName!: string | null;

  @Field(() => String, { nullable: true, description: 'A public reporter\'s contact: personal data, only ever returned to staff in scope.' })
  reporterContact!: string | null;

  @Field(() => Boolean, { description: 'Generated demo data.' })
  synthetic!: boolean;
}

/** What the history says of a hazard's deadlines (hazard_lateness, docs/metrics.md). */
export interface HazardLateness {
  everOverdue: boolean;
  rectifiedLate: boolean;
}

@ObjectType({ description: 'One entry of a hazard\'s append-only history.' })
export class HazardHistoryEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => HazardEvent)
  event!: HazardEvent;

  @Field(() => HazardStatus, { nullable: true })
  fromStatus!: HazardStatus | null;

  @Field(() => HazardStatus)
  toStatus!: HazardStatus;

  @Field(() => HazardAction, { nullable: true, description: 'For TRANSITION: the action the status change was (hazard_transitions).' })
  action!: HazardAction | null;

  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field(() => Actor, { nullable: true, description: 'Who did it; null for the system or a public report.' })
  actor!: Actor | null;

  @Field(() => ID, { nullable: true, deprecationReason: 'Use actor { id }.' })
  actorId!: string | null;

  @Field(() => String, { nullable: true, deprecationReason: 'Use actor { displayName }.' })
  actorName!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  oldDeadline!: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The deadline from this entry on; every entry that sets or changes the deadline has one.' })
  newDeadline!: string | null;

  @Field(() => String, { nullable: true, description: '治理评估: the evaluation a passing verification of a major hazard carried.' })
  evaluation!: string | null;

  @Field(() => ListedSupervision, { nullable: true, description: 'For LISTED: the listing (挂牌督办) with its level, body and deadline.' })
  listing!: ListedSupervision | null;

  @Field(() => Chase, { nullable: true, description: 'For ESCALATED: the step (书面说明, 督办函, 通报批评), who issued it and its text.' })
  escalation!: Chase | null;
}

/**
 * The fields of a listing (挂牌督办) as the lister gives them: both the input of
 * listForSupervision and part of the ListedSupervision it creates. type-graphql inherits
 * fields only from a decorated class; nothing refers to these two names, so the schema
 * holds neither.
 */
@ObjectType('SupervisionListingFields')
@InputType('SupervisionListingFieldsInput')
export abstract class SupervisionListingFields {
  @Field(() => SupervisionLevel)
  level!: SupervisionLevel;

  @Text('name')
  @Field(() => String)
  listingBody!: string;

  @Text('name')
  @Field(() => String)
  rectifyingUnit!: string;

  @Text('contact')
  @Field(() => String)
  rectifyingHead!: string;

  @Text('name')
  @Field(() => String)
  regulatingUnit!: string;

  @Text('contact')
  @Field(() => String)
  regulatingHead!: string;

  @Text('contact')
  @Field(() => String)
  supervisingOfficial!: string;

  @Field(() => LocalDateResolver)
  deadline!: string;

  @Field(() => Int)
  yearListed!: number;
}

@ObjectType({ description: '挂牌督办: listed supervision of a hazard.' })
export class ListedSupervision extends SupervisionListingFields {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}
