import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';

/** The audit_event domain of the database. */
export enum AuditEvent {
  SIGN_IN = 'SIGN_IN',
  SIGN_IN_FAILED = 'SIGN_IN_FAILED',
  REFUSED = 'REFUSED',
  EXPORT = 'EXPORT',
  ADMIN_CHANGE = 'ADMIN_CHANGE',
}
registerEnumType(AuditEvent, {
  name: 'AuditEvent',
  description: '安全审计 events.',
  valuesConfig: {
    SIGN_IN: { description: 'A successful sign-in.' },
    SIGN_IN_FAILED: { description: 'A refused sign-in; `code` says why (UNKNOWN_USER, INACTIVE, WRONG_PASSWORD, RATE_LIMITED, BAD_USER_INPUT).' },
    REFUSED: { description: 'A request answered FORBIDDEN or UNAUTHENTICATED; `code` is the answer.' },
    EXPORT: { description: 'A file exported (GET /exports/…): `code` is the format (CSV, XLSX), `detail` the list (kind), the rows written, whether the file was complete and the filter.' },
    ADMIN_CHANGE: { description: 'A write to users or jurisdictions; `detail` names the row and the changed columns.' },
  },
});

@ObjectType({ description: 'One record of the append-only audit log (等保 2.0 安全审计).' })
export class AuditRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field(() => String, { nullable: true, description: 'The x-request-id of the request, also in the api log.' })
  requestId!: string | null;

  @Field(() => AuditEvent)
  event!: AuditEvent;

  @Field(() => ID, { nullable: true, description: 'The signed-in user who acted; null for the public or an unknown username.' })
  actorId!: string | null;

  @Field(() => String, { nullable: true })
  actorRole!: string | null;

  @Field(() => String, { nullable: true, description: 'The username tried at a sign-in, or the actor\'s.' })
  username!: string | null;

  @Field(() => String, { nullable: true, description: 'The client address.' })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'The GraphQL operation or HTTP path; for ADMIN_CHANGE the table and command.' })
  operation!: string | null;

  @Field(() => String, { nullable: true })
  code!: string | null;

  @Field(() => GraphQLJSONObject)
  detail!: Record<string, unknown>;
}
