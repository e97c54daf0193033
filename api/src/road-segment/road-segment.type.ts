import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { RiskLevel, RoadClass, RoadFeature } from '../common/enums';
import { GeoJSONScalar } from '../common/scalars';

@ObjectType({ description: '道路隐患路段: a road segment with hazard features.' })
export class RoadSegment {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  roadName!: string;

  @Field(() => String, { description: 'G207, S308, X012…' })
  roadNumber!: string;

  @Field(() => RoadClass)
  roadClass!: RoadClass;

  @Field(() => Int, { description: 'Start chainage in metres.' })
  startChainageMeters!: number;

  @Field(() => Int, { description: 'End chainage in metres.' })
  endChainageMeters!: number;

  @Field(() => String, { description: '起点桩号, e.g. K12+300.' })
  startChainage!: string;

  @Field(() => String, { description: '终点桩号, e.g. K13+050.' })
  endChainage!: string;

  @Field(() => GeoJSONScalar, { description: 'LineString in WGS84.' })
  geometry!: unknown;

  @Field(() => Float, { description: 'Geodesic length of the geometry in metres.' })
  lengthMeters!: number;

  @Field(() => String, { description: 'Town of the segment\'s midpoint, which decides scope.' })
  townCode!: string;

  @Field(() => [String], { description: 'Every town the segment crosses.' })
  townCodes!: string[];

  @Field(() => [RoadFeature])
  features!: RoadFeature[];

  @Field(() => Int)
  accidentsLast3y!: number;

  @Field(() => RiskLevel)
  riskLevel!: RiskLevel;

  @Field(() => String, { nullable: true })
  department!: string | null;

  @Field(() => Boolean, { description: 'Generated demo data.' })
  synthetic!: boolean;

  @Field(() => Int)
  version!: number;
}
