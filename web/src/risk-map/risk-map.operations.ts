import { graphql } from '../gql';

export const MeQuery = graphql(`
  query Me {
    me {
      username displayName role jurisdictionCode department sectors enterpriseId
      mayCreate { hazard enterprise inspection roadSegment accident }
    }
  }
`);

// County and town outlines in the viewer's scope: the offline base map.
export const BoundariesQuery = graphql(`
  query Boundaries {
    counties: jurisdictions(level: county) { code name level parentCode boundary labelLng labelLat syntheticBoundary }
    towns: jurisdictions(level: town) { code name level parentCode boundary labelLng labelLat syntheticBoundary }
  }
`);

// The choropleth's figures: one row per unit of a level under the viewer's jurisdiction.
export const ChoroplethQuery = graphql(`
  query Choropleth($parentCode: String!, $level: JurisdictionLevel!, $from: LocalDate, $to: LocalDate, $filter: HazardFilter) {
    jurisdictionStats(parentCode: $parentCode, level: $level, from: $from, to: $to, filter: $filter) {
      code overdue openMajor rectificationRate riskScore riskColor rank
    }
  }
`);

// Heat cells of the hazards in the view, aggregated by the API (never one row per hazard).
export const DensityQuery = graphql(`
  query Density($bbox: BBox!, $zoom: Int!, $filter: HazardFilter) {
    hazardDensity(bbox: $bbox, zoom: $zoom, filter: $filter) { lng lat count weight }
  }
`);
