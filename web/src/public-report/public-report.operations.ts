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
