import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { HazardStatus } from '../common/enums';
import { AttachmentKind } from './attachment.kind';

export { AttachmentKind, type AttachmentEntity } from './attachment.kind';

registerEnumType(AttachmentKind, {
  name: 'AttachmentKind',
  description: 'What an attachment shows: a hazard\'s 整改前/整改中/整改后 photo or its 治理评估; an inspection\'s or accident\'s evidence.',
  valuesConfig: {
    BEFORE: { description: '整改前: the hazard as found (also a citizen\'s photo).' },
    DURING: { description: '整改中: the rectification under way.' },
    AFTER: { description: '整改后: the rectified state; a deployment may require one to pass a major hazard (AFTER_PHOTO_REQUIRED).' },
    EVALUATION: { description: '治理评估: the evaluation of a major hazard\'s rectification.' },
    EVIDENCE: { description: 'A photo or document of an inspection or an accident.' },
  },
});

@ObjectType({ description: 'A photo or document of a record, readable exactly where the record is. Its bytes are at `url`.' })
export class Attachment {
  @Field(() => ID)
  id!: string;

  @Field(() => AttachmentKind)
  kind!: AttachmentKind;

  @Field(() => String, { description: 'image/jpeg (photos are re-encoded) or application/pdf.' })
  contentType!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => Int)
  byteSize!: number;

  @Field(() => Int, { nullable: true })
  width!: number | null;

  @Field(() => Int, { nullable: true })
  height!: number | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => String, { description: 'GET with the bearer token: the file.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'GET with the bearer token: a small JPEG; null for documents.' })
  thumbnailUrl!: string | null;
}

@ObjectType({ description: 'What a citizen may know of their report: its status and dates, nothing else of the ledger.' })
export class PublicReportStatus {
  @Field(() => String)
  receipt!: string;

  @Field(() => HazardStatus)
  status!: HazardStatus;

  @Field(() => GraphQLISODateTime)
  reportedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the status last changed; null while still as reported.' })
  statusChangedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt!: Date | null;
}
