import { graphql } from '../gql';

// Lookups the forms pick a subject with: a few rows matching what is typed, in the viewer's scope.
export const FindEnterprisesQuery = graphql(`
  query FindEnterprises($search: String!) {
    enterprises(filter: { search: $search }, first: 8) { edges { node { id name creditCode sector lng lat townCode } } }
  }
`);
export const FindRoadSegmentsQuery = graphql(`
  query FindRoadSegments($search: String!) {
    roadSegments(filter: { search: $search }, first: 8) {
      edges { node { id roadName roadNumber startChainage endChainage geometry townCode } }
    }
  }
`);

export const CreditCodeCheckQuery = graphql(`
  query CreditCodeCheck($code: String!) {
    creditCodeCheck(code: $code) { code valid problem expectedCheckCharacter }
  }
`);

// Each write returns the new row's id (and its typename, so urql's cache refetches the
// lists that hold rows of that type).
export const ReportHazardMutation = graphql(`
  mutation ReportHazard($input: ReportHazardInput!) {
    reportHazard(input: $input) { id code version status }
  }
`);
export const CreateInspectionMutation = graphql(`
  mutation CreateInspection($input: CreateInspectionInput!) {
    createInspection(input: $input) { id findings { id code } enforcementActions { id kind fineAmountYuan } }
  }
`);
export const ListForSupervisionMutation = graphql(`
  mutation ListForSupervision($hazardId: ID!, $input: ListForSupervisionInput!) {
    listForSupervision(hazardId: $hazardId, input: $input) { id version listedLevel viewerActions }
  }
`);

export const EnterpriseFormFields = graphql(`
  fragment EnterpriseFormFields on Enterprise {
    id version name creditCode sector address lng lat townCode department riskLevel majorHazardGrade
    standardizationGrade status employeeCount contactName contactPhone
  }
`);
export const CreateEnterpriseMutation = graphql(`
  mutation CreateEnterprise($input: CreateEnterpriseInput!) {
    createEnterprise(input: $input) { ...EnterpriseFormFields }
  }
`);
export const UpdateEnterpriseMutation = graphql(`
  mutation UpdateEnterprise($input: UpdateEnterpriseInput!) {
    updateEnterprise(input: $input) { ...EnterpriseFormFields }
  }
`);

export const RoadSegmentFormFields = graphql(`
  fragment RoadSegmentFormFields on RoadSegment {
    id version roadName roadNumber roadClass startChainageMeters endChainageMeters geometry riskLevel features accidentsLast3y department
  }
`);
export const CreateRoadSegmentMutation = graphql(`
  mutation CreateRoadSegment($input: CreateRoadSegmentInput!) {
    createRoadSegment(input: $input) { ...RoadSegmentFormFields }
  }
`);
export const UpdateRoadSegmentMutation = graphql(`
  mutation UpdateRoadSegment($input: UpdateRoadSegmentInput!) {
    updateRoadSegment(input: $input) { ...RoadSegmentFormFields }
  }
`);

export const AccidentFormFields = graphql(`
  fragment AccidentFormFields on Accident {
    id version occurredAt reportedAt description sector enterpriseId lng lat deaths seriousInjuries directLossYuan grade
  }
`);
export const AccidentFormQuery = graphql(`
  query AccidentForm($id: ID!) { accident(id: $id) { ...AccidentFormFields } }
`);
export const CreateAccidentMutation = graphql(`
  mutation CreateAccident($input: CreateAccidentInput!) {
    createAccident(input: $input) { ...AccidentFormFields }
  }
`);
export const UpdateAccidentMutation = graphql(`
  mutation UpdateAccident($input: UpdateAccidentInput!) {
    updateAccident(input: $input) { ...AccidentFormFields }
  }
`);
export const EnterpriseFormQuery = graphql(`
  query EnterpriseForm($id: ID!) { enterprise(id: $id) { ...EnterpriseFormFields } }
`);
export const RoadSegmentFormQuery = graphql(`
  query RoadSegmentForm($id: ID!) { roadSegment(id: $id) { ...RoadSegmentFormFields } }
`);
