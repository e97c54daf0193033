import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { HazardLevel, HazardStatus, Sector } from '../common/enums';

/** What happened to a hazard. The first two are announced by the database (0018_live.sql), the third by the api. */
export enum HazardChangeKind {
  NEW_MAJOR_HAZARD = 'NEW_MAJOR_HAZARD',
  STATUS_CHANGED = 'STATUS_CHANGED',
  NEWLY_OVERDUE = 'NEWLY_OVERDUE',
}
registerEnumType(HazardChangeKind, {
  name: 'HazardChangeKind',
  description: 'NEW_MAJOR_HAZARD: registered as, or raised to, 重大隐患; STATUS_CHANGED: a step of the closed loop; NEWLY_OVERDUE: its deadline passed today (超期).',
});

@ObjectType({ description: 'A hazard in your scope that changed, as you may see it now.' })
export class HazardChange {
  @Field(() => HazardChangeKind)
  kind!: HazardChangeKind;

  @Field(() => ID)
  hazardId!: string;

  @Field()
  code!: string;

  @Field()
  townCode!: string;

  @Field(() => Sector)
  sector!: Sector;

  @Field(() => HazardLevel)
  level!: HazardLevel;

  @Field(() => HazardStatus)
  status!: HazardStatus;
}

@ObjectType({ description: 'What changed in your scope since the last update: refetch what you show of it.' })
export class LiveUpdate {
  @Field(() => [HazardChange])
  hazards!: HazardChange[];

  @Field(() => [String], { description: 'Towns whose figures (counts, overdue, rates) or map rows changed.' })
  townCodes!: string[];

  @Field({ description: 'Changes may have been missed (a reconnect, a bulk write, a lost database connection): refetch everything you show.' })
  resync!: boolean;
}
