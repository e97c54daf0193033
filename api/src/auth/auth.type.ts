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

@ObjectType({ description: 'The kinds of record you may create (the forms to show); scope is still checked row by row.' })
export class MayCreate {
  @Field(() => Boolean, { description: '登记隐患 (an enterprise: its own self-inspection finds).' })
  hazard!: boolean;

  @Field(() => Boolean, { description: 'Register and change enterprises.' })
  enterprise!: boolean;

  @Field(() => Boolean, { description: '执法检查.' })
  inspection!: boolean;

  @Field(() => Boolean, { description: 'Record and change road segments.' })
  roadSegment!: boolean;

  @Field(() => Boolean, { description: 'Record and change accidents.' })
  accident!: boolean;
}

@ObjectType()
export class LoginResult {
  @Field(() => String, { description: 'A bearer token for the Authorization header.' })
  token!: string;

  @Field(() => Me)
  me!: Me;
}
