import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The signed-in user and their scope.' })
export class Me {
  @Field(() => ID, { nullable: true })
  id!: string | null;

  @Field(() => String, { nullable: true })
  username!: string | null;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => String, { description: 'admin, leader, analyst, inspector, town, enterprise or public' })
  role!: string;

  @Field(() => String, { nullable: true, description: 'GB/T 2260 code of the jurisdiction the user works in.' })
  jurisdictionCode!: string | null;

  @Field(() => [String], { description: 'Sectors a department inspector supervises.' })
  sectors!: string[];

  @Field(() => ID, { nullable: true })
  enterpriseId!: string | null;

  @Field(() => String, { nullable: true })
  department!: string | null;
}

@ObjectType()
export class LoginResult {
  @Field(() => String, { description: 'A bearer token for the Authorization header.' })
  token!: string;

  @Field(() => Me)
  me!: Me;
}
