import { Field, Float, InputType } from 'type-graphql';
import { BBoxScalar, GeoJSONScalar, type BBox } from './scalars';
import { Nested, Text } from './input-limits';

@InputType({ description: 'A circle on the ground: points within radiusMeters (geodesic) of lng/lat.' })
export class NearInput {
  @Field(() => Float)
  lng!: number;

  @Field(() => Float)
  lat!: number;

  @Field(() => Float, { description: 'Radius in metres, 1 to 100000.' })
  radiusMeters!: number;
}

/**
 * Where a row lies: the filters every located entity shares; each entity's filter input
 * extends it. Declared as an input type so that its fields are inherited; no argument uses
 * it directly, so it does not appear in the schema.
 */
@InputType()
export class AreaFilter {
  @Text('code')
  @Field(() => String, { nullable: true, description: 'A jurisdiction code: rows of every town under it (a city, a county or one town).' })
  jurisdictionCode?: string | null;

  @Field(() => BBoxScalar, { nullable: true, description: 'Rows inside [minLng, minLat, maxLng, maxLat].' })
  bbox?: BBox | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'Rows inside a valid GeoJSON Polygon or MultiPolygon (a self-intersecting one is refused).' })
  within?: Record<string, unknown> | null;

  @Nested()
  @Field(() => NearInput, { nullable: true })
  near?: NearInput | null;
}
