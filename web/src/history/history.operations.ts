import { graphql } from '../gql';

/** What a timeline shows of a record's history entry; every record's history has this shape. */
export const HistoryEntryFields = graphql(`
  fragment HistoryEntryFields on HistoryEntry {
    id event at note
    actor { id displayName }
    changes { field oldValue newValue }
  }
`);
