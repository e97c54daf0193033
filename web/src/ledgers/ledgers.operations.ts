import { graphql } from '../gql';

export const EnterpriseListQuery = graphql(`
  query EnterpriseList($filter: EnterpriseFilter, $first: Int!, $after: String) {
    enterprises(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id name creditCode sector riskLevel status openHazardCount town { name } } }
    }
  }
`);

export const InspectionListQuery = graphql(`
  query InspectionList($filter: InspectionFilter, $first: Int!, $after: String) {
    inspections(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id inspectedOn kind sector department enterprise { name } town { name } findings { id } } }
    }
  }
`);

export const AccidentListQuery = graphql(`
  query AccidentList($filter: AccidentFilter, $first: Int!, $after: String) {
    accidents(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id occurredAt sector grade deaths seriousInjuries directLossYuan reportedLate description town { name } enterprise { name } } }
    }
  }
`);

export const InspectionDetailQuery = graphql(`
  query InspectionDetail($id: ID!) {
    inspection(id: $id) {
      id inspectedOn kind sector department inspectors summary synthetic
      town { name }
      enterprise { id name }
      enforcementActions { id kind fineAmountYuan note }
      findings { ...HazardRow }
    }
  }
`);

export const AccidentDetailQuery = graphql(`
  query AccidentDetail($id: ID!) {
    accident(id: $id) {
      id occurredAt sector grade deaths seriousInjuries directLossYuan reportedAt reportedLate description synthetic
      town { name }
      enterprise { id name }
      history { ...HistoryEntryFields }
    }
  }
`);
