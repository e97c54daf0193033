import { graphql } from '../gql';

export const MeQuery = graphql(`
  query Me {
    me { username displayName role jurisdictionCode department sectors enterpriseId }
  }
`);

// County and town outlines in the viewer's scope: the offline base map.
export const BoundariesQuery = graphql(`
  query Boundaries {
    counties: jurisdictions(level: county) { code name level parentCode boundary labelLng labelLat syntheticBoundary }
    towns: jurisdictions(level: town) { code name level parentCode boundary labelLng labelLat syntheticBoundary }
  }
`);
