import { graphql } from '../gql';

// What the page needs of an update is that it came: urql's document cache then refetches
// every query that shows hazards or their figures (live-status.tsx).
export const LiveUpdatesSubscription = graphql(`
  subscription LiveUpdates {
    liveUpdates { resync townCodes hazards { kind hazardId status } }
  }
`);
