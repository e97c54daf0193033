import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';

export enum BriefingKind {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
}
registerEnumType(BriefingKind, {
  name: 'BriefingKind',
  description: 'MONTHLY: 月度通报 (DOCX and PDF); QUARTERLY: 隐患排查治理情况统计分析表 (XLSX).',
});

@ObjectType({ description: 'One file of a briefing, downloaded with the bearer token from `path`.' })
export class BriefingFile {
  @Field(() => String, { description: 'docx, pdf or xlsx.' })
  format!: string;

  @Field(() => String, { description: 'GET this path (e.g. /briefings/12.pdf) with the Authorization header.' })
  path!: string;

  @Field(() => Int)
  bytes!: number;
}

@ObjectType({ description: 'A briefing (通报) or quarterly statistics table as it was generated and kept.' })
export class Briefing {
  @Field(() => ID)
  id!: string;

  @Field(() => BriefingKind)
  kind!: BriefingKind;

  @Field(() => String)
  jurisdictionCode!: string;

  @Field(() => String)
  jurisdictionName!: string;

  @Field(() => LocalDateResolver)
  periodFrom!: string;

  @Field(() => LocalDateResolver)
  periodTo!: string;

  @Field(() => String)
  title!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who generated it.' })
  createdBy!: string | null;

  @Field(() => [BriefingFile])
  files!: BriefingFile[];
}
