import { graphql } from '../gql';

export const HazardRowFields = graphql(`
  fragment HazardRow on Hazard {
    id code description level sector source status overdue overdueDays daysToDeadline deadline foundAt townCode listedLevel
    town { name }
    enterprise { name }
    roadSegment { roadName roadNumber startChainage endChainage }
    placeName
  }
`);

export const HazardListQuery = graphql(`
  query HazardList($filter: HazardFilter, $orderBy: HazardOrder!, $first: Int!, $after: String) {
    hazards(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ...HazardRow } }
    }
  }
`);

// Where the opened hazard is: the map marks it and moves to it.
export const HazardLocationQuery = graphql(`
  query HazardLocation($id: ID!) {
    hazard(id: $id) { id lng lat }
  }
`);

export const HazardDetailQuery = graphql(`
  query HazardDetail($id: ID!) {
    hazard(id: $id) {
      ...HazardRow
      version hazardType daysToDeadline listedLevel published closedAt everOverdue rectifiedLate
      responsiblePerson measures fundsYuan contingencyPlan viewerActions
      history {
        id event action fromStatus toStatus at note oldDeadline newDeadline evaluation
        actor { id displayName }
        listing { level listingBody deadline }
        escalation { step issuer }
      }
    }
  }
`);

/**
 * Context of queries whose results count hazards without returning a Hazard (figures, trend,
 * heat): urql's document cache then refetches them after any hazard mutation too.
 */
export const COUNTS_HAZARDS = { additionalTypenames: ['Hazard'] };

// Each action returns the hazard's new status and version: urql's document cache then
// refetches the list, which contains Hazard, and the queries marked with COUNTS_HAZARDS.
export const StartRectificationMutation = graphql(`
  mutation StartRectification($id: ID!, $version: Int!, $fiveInPlace: FiveInPlaceInput!, $deadlineChangeReason: String) {
    startRectification(id: $id, version: $version, fiveInPlace: $fiveInPlace, deadlineChangeReason: $deadlineChangeReason) { id status version deadline }
  }
`);
export const SubmitRectificationMutation = graphql(`
  mutation SubmitRectification($id: ID!, $version: Int!, $note: String!) {
    submitRectification(id: $id, version: $version, note: $note) { id status version }
  }
`);
export const VerifyRectificationMutation = graphql(`
  mutation VerifyRectification($id: ID!, $version: Int!, $passed: Boolean!, $note: String!, $evaluation: String) {
    verifyRectification(id: $id, version: $version, passed: $passed, note: $note, evaluation: $evaluation) { id status version }
  }
`);
export const ExtendDeadlineMutation = graphql(`
  mutation ExtendDeadline($id: ID!, $version: Int!, $newDeadline: LocalDate!, $reason: String!) {
    extendDeadline(id: $id, version: $version, newDeadline: $newDeadline, reason: $reason) { id status version deadline }
  }
`);
export const SetHazardPublicationMutation = graphql(`
  mutation SetHazardPublication($id: ID!, $version: Int!, $published: Boolean!, $note: String!) {
    setHazardPublication(id: $id, version: $version, published: $published, note: $note) { id version published }
  }
`);
export const ReopenHazardMutation = graphql(`
  mutation ReopenHazard($id: ID!, $version: Int!, $reason: String!) {
    reopenHazard(id: $id, version: $version, reason: $reason) { id status version }
  }
`);
