import { GraphQLJSON } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ImportKindName } from './import.fields';

export enum ImportKind {
  ENTERPRISES = 'ENTERPRISES',
  HAZARDS = 'HAZARDS',
  ROAD_SEGMENTS = 'ROAD_SEGMENTS',
  INSPECTIONS = 'INSPECTIONS',
  ACCIDENTS = 'ACCIDENTS',
}
registerEnumType(ImportKind, { name: 'ImportKind', description: '导入的台账: 生产经营单位, 隐患, 道路隐患路段, 执法检查, 事故.' });

/** The kind's name in REST paths and the database (road-segments), and back. */
export const kindName = (kind: ImportKind): ImportKindName => kind.toLowerCase().replace('_', '-') as ImportKindName;
export const kindOf = (name: ImportKindName): ImportKind => name.toUpperCase().replace('-', '_') as ImportKind;

export enum ImportStatus {
  READING = 'READING',
  CHECKED = 'CHECKED',
  CONFIRMING = 'CONFIRMING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ImportStatus, {
  name: 'ImportStatus',
  description: '读取并检查中, 已检查 (试导入完成), 确认导入中, 已导入, 失败, 已取消.',
  valuesConfig: {
    READING: { description: 'The file is read and checked (dry run); processedRows counts the rows read.' },
    CHECKED: { description: 'The dry run is done: problems, and what confirm would do (inserted, updated, unchanged).' },
    CONFIRMING: { description: 'Being written, in one transaction; processedRows tells how far.' },
    DONE: { description: 'Written: inserted, updated, unchanged say what was done.' },
    FAILED: { description: 'Nothing was written; `error` says why.' },
    CANCELLED: { description: 'Cancelled before confirming; nothing was written.' },
  },
});

@ObjectType({ description: 'A field of an import kind: what a column of the file may fill.' })
export class ImportField {
  @Field(() => String, { description: 'The name used in a mapping.' })
  name!: string;

  @Field(() => String, { description: 'The template\'s Chinese header.' })
  label!: string;

  @Field(() => Boolean)
  required!: boolean;

  @Field(() => [String], { description: 'The Chinese labels the column may hold (enumerations); empty for free values.' })
  allowedValues!: string[];

  @Field(() => [String], { description: 'Other headers recognised for it.' })
  synonyms!: string[];

  @Field(() => String, { description: 'How to fill it (填写说明).' })
  hint!: string;
}

@ObjectType({ description: 'A problem of a row found by the dry run; reason in Chinese.' })
export class ImportProblem {
  @Field(() => Int, { description: 'The row in the file as its user sees it (spreadsheet row, record number).' })
  row!: number;

  @Field(() => String, { nullable: true })
  column!: string | null;

  @Field(() => String, { nullable: true })
  value!: string | null;

  @Field(() => String)
  reason!: string;
}

@ObjectType({ description: 'One import of a ledger file (导入批次).' })
export class ImportRun {
  @Field(() => ID)
  id!: string;

  @Field(() => ImportKind)
  kind!: ImportKind;

  @Field(() => String)
  fileName!: string;

  @Field(() => ImportStatus)
  status!: ImportStatus;

  @Field(() => Int, { nullable: true, description: 'Data rows of the file, once read.' })
  totalRows!: number | null;

  @Field(() => Int, { description: 'Progress while READING or CONFIRMING.' })
  processedRows!: number;

  @Field(() => Int)
  validRows!: number;

  @Field(() => Int)
  problemCount!: number;

  @Field(() => [String], { description: 'The file\'s headers.' })
  columns!: string[];

  @Field(() => GraphQLJSON, { description: 'Field name → the header in use (suggested, remembered or sent).' })
  mapping!: Record<string, string>;

  @Field(() => [String], { description: 'Required fields with no column: confirm is refused while any.' })
  unmappedRequired!: string[];

  @Field(() => Int, { description: 'Dry run: rows confirm would insert; DONE: rows inserted.' })
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int, { description: 'Rows with an address but no coordinates, placed at their town and flagged.' })
  placedAtTown!: number;

  @Field(() => String, { nullable: true, description: 'Why the run FAILED, in Chinese.' })
  error!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finishedAt!: Date | null;
}
