import { LocalDateResolver } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { ChaseStep } from '../common/enums';

@ObjectType({ description: '催办: one reminder, overdue notice or escalation step taken for a hazard, once per deadline (docs/chasing.md).' })
export class Chase {
  @Field(() => ID)
  id!: string;

  @Field(() => ChaseStep)
  step!: ChaseStep;

  @Field(() => LocalDateResolver, { description: 'The deadline chased: the hazard\'s, or a listed hazard\'s listing deadline (督办期限).' })
  deadline!: string;

  @Field(() => LocalDateResolver, { description: 'The day the step fell due.' })
  onDay!: string;

  @Field(() => Int, { description: 'Days past the deadline on that day; negative before it (a reminder).' })
  daysOverdue!: number;

  @Field(() => String, { nullable: true, description: 'The office in whose name the step was taken (安委会, or the listing body); null for the system\'s reminders.' })
  issuer!: string | null;

  @Field(() => String, { description: 'The message, in Chinese, as it was sent.' })
  text!: string;
}

@ObjectType({ description: 'An item of the viewer\'s inbox: a chase of a hazard that concerns them.' })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The hazard it is about; open it with hazard(id).' })
  hazardId!: string;

  @Field(() => String)
  hazardCode!: string;

  @Field(() => Chase)
  chase!: Chase;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Null while unread.' })
  readAt!: Date | null;
}

@ObjectType({ description: 'Escalation steps taken for the hazards of a unit (the unit that let them slip: "该盯住整改而未盯住").' })
export class EscalationCounts {
  @Field(() => Int, { description: '书面说明 requested.' })
  writtenExplanations!: number;

  @Field(() => Int, { description: '督办函 issued.' })
  supervisionLetters!: number;

  @Field(() => Int, { description: '通报批评.' })
  publicCriticisms!: number;
}
