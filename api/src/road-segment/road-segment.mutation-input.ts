import { Field, ID, InputType, Int } from 'type-graphql';
import { RiskLevel, RoadClass, RoadFeature } from '../common/enums';
import { GeoJSONScalar } from '../common/scalars';
import { NotedChange } from '../common/mutation';
import { Between, List, Text, LIST_LIMITS } from '../common/input-limits';

@InputType({ description: 'A road segment with hazard features (道路隐患路段).' })
export class CreateRoadSegmentInput {
  @Text('name')
  @Field(() => String)
  roadName!: string;

  @Text('code')
  @Field(() => String, { description: 'G207, S308, X012 …' })
  roadNumber!: string;

  @Field(() => RoadClass)
  roadClass!: RoadClass;

  @Between(0, 10000000)
  @Field(() => Int, { description: 'Start chainage (桩号) in metres.' })
  startChainageM!: number;

  @Between(0, 10000000)
  @Field(() => Int, { description: 'End chainage in metres, after the start.' })
  endChainageM!: number;

  @Field(() => GeoJSONScalar, { description: 'A GeoJSON LineString in WGS84.' })
  geometry!: Record<string, unknown>;

  @Text('code')
  @Field(() => String, { nullable: true, description: 'Derived from the midpoint when omitted.' })
  townCode?: string | null;

  @List(LIST_LIMITS.features)
  @Field(() => [RoadFeature], { nullable: true })
  features?: RoadFeature[] | null;

  @Between(0, 10000)
  @Field(() => Int, { nullable: true })
  accidentsLast3y?: number | null;

  @Field(() => RiskLevel)
  riskLevel!: RiskLevel;

  @Text('name')
  @Field(() => String, { nullable: true })
  department?: string | null;
}

@InputType({ description: 'Changes to a road segment; omitted fields keep their value.' })
export class UpdateRoadSegmentInput extends NotedChange {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Text('name')
  @Field(() => String, { nullable: true })
  roadName?: string | null;

  @Text('code')
  @Field(() => String, { nullable: true })
  roadNumber?: string | null;

  @Field(() => RoadClass, { nullable: true })
  roadClass?: RoadClass | null;

  @Between(0, 10000000)
  @Field(() => Int, { nullable: true })
  startChainageM?: number | null;

  @Between(0, 10000000)
  @Field(() => Int, { nullable: true })
  endChainageM?: number | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'A new LineString; the town is derived again unless townCode is given.' })
  geometry?: Record<string, unknown> | null;

  @Text('code')
  @Field(() => String, { nullable: true })
  townCode?: string | null;

  @List(LIST_LIMITS.features)
  @Field(() => [RoadFeature], { nullable: true })
  features?: RoadFeature[] | null;

  @Between(0, 10000)
  @Field(() => Int, { nullable: true })
  accidentsLast3y?: number | null;

  @Field(() => RiskLevel, { nullable: true })
  riskLevel?: RiskLevel | null;

  @Text('name')
  @Field(() => String, { nullable: true })
  department?: string | null;
}
