import { graphql } from '../gql';

// The enterprise user's own company and its unfinished hazards with what the user may do to
// each (viewerActions, decided by the database): their to-do list.
export const EnterpriseHomeQuery = graphql(`
  query EnterpriseHome($id: ID!, $filter: HazardFilter!) {
    enterprise(id: $id) {
      id name creditCode sector riskLevel status address majorHazardGrade standardizationGrade openHazardCount synthetic
      town { name }
    }
    hazards(filter: $filter, orderBy: OVERDUE_DAYS_DESC, first: 100) {
      totalCount
      edges { node { ...HazardRow viewerActions } }
    }
  }
`);
