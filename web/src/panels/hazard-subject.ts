import type { HazardRowFragment } from '../gql/graphql';

/** What a hazard is about, as one line: the enterprise, the road and its chainage, or the place. */
export function hazardSubject(hazard: Pick<HazardRowFragment, 'enterprise' | 'roadSegment' | 'placeName'>): string {
  const road = hazard.roadSegment;
  if (hazard.enterprise) return hazard.enterprise.name;
  if (road) return `${road.roadNumber} ${road.startChainage}–${road.endChainage}`;
  return hazard.placeName ?? '—';
}
