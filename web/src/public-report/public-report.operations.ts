import { graphql } from '../gql';

export const ReportHazardPublicMutation = graphql(`
  mutation ReportHazardPublic($input: PublicReportInput!) {
    reportHazardPublic(input: $input) { receipt }
  }
`);

export const PublicReportStatusQuery = graphql(`
  query PublicReportStatus($receipt: String!) {
    publicReportStatus(receipt: $receipt) { receipt status reportedAt statusChangedAt closedAt }
  }
`);

// Where the place picker opens: the deployment's city, open to anyone.
export const ServiceAreaQuery = graphql(`
  query ServiceArea {
    serviceArea { code name bbox }
  }
`);
