import { JSONResolver } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum RecordEvent {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  REPORTED = 'REPORTED',
  SUPPLEMENTED = 'SUPPLEMENTED',
  ATTACHMENT_ADDED = 'ATTACHMENT_ADDED',
}
registerEnumType(RecordEvent, {
  name: 'RecordEvent',
  description: 'What happened to a record (app.record_event in the database).',
  valuesConfig: {
    CREATED: { description: 'Recorded; the changes hold its initial values.' },
    UPDATED: { description: 'Fields that count changed.' },
    REPORTED: { description: 'An accident\'s report to the county (上报) was entered.' },
    SUPPLEMENTED: { description: 'An accident\'s deaths, serious injuries or loss changed after it was recorded (补报).' },
    ATTACHMENT_ADDED: { description: 'A photo or document was attached; the change `attachment` holds its id, kind and file name.' },
  },
});

@ObjectType({ description: 'Who did something: a signed-in user, by their display name.' })
export class Actor {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'Display name; null when the account no longer exists.' })
  displayName!: string | null;
}

@ObjectType({ description: 'One field of a record, before and after.' })
export class FieldChange {
  @Field(() => String, { description: 'The field as the record\'s GraphQL type names it (riskLevel, deaths, reportedAt …).' })
  field!: string;

  @Field(() => JSONResolver, { nullable: true, description: 'The value before; null on creation or when it was empty.' })
  oldValue!: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'The value after.' })
  newValue!: unknown;
}

@ObjectType({ description: 'One entry of a record\'s append-only history (docs/history.md).' })
export class HistoryEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => RecordEvent)
  event!: RecordEvent;

  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field(() => Actor, { nullable: true, description: 'Null for the system, a migration or a script.' })
  actor!: Actor | null;

  @Field(() => [FieldChange], { description: 'The fields that count and changed, in alphabetical order.' })
  changes!: FieldChange[];

  @Field(() => String, { nullable: true, description: 'The note given with the change (a reason, a 补报 explanation).' })
  note!: string | null;
}
