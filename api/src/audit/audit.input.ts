import { ArgsType, Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { PageArgs } from '../common/connection';
import { AuditEvent } from './audit.type';

@InputType({ description: 'Which audit records: every given filter must hold.' })
export class AuditFilter {
  @Field(() => [AuditEvent], { nullable: true })
  events?: AuditEvent[] | null;

  @Field(() => ID, { nullable: true })
  actorId?: string | null;

  @Field(() => String, { nullable: true, description: 'The username tried or the actor\'s, exactly.' })
  username?: string | null;

  @Field(() => String, { nullable: true })
  requestId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'At or after this instant.' })
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Before this instant (exclusive).' })
  to?: Date | null;
}

@ArgsType()
export class AuditLogArgs extends PageArgs {
  @Field(() => AuditFilter, { nullable: true })
  filter?: AuditFilter | null;
}
