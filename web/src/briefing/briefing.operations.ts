import { graphql } from '../gql';

export const BriefingFields = graphql(`
  fragment BriefingFields on Briefing {
    id kind title periodFrom periodTo createdAt createdBy files { format path bytes }
  }
`);

export const BriefingsQuery = graphql(`
  query Briefings($code: String) {
    briefings(jurisdictionCode: $code, first: 20) { ...BriefingFields }
  }
`);

export const GenerateBriefingMutation = graphql(`
  mutation GenerateBriefing($code: String!, $month: String!) {
    generateBriefing(jurisdictionCode: $code, month: $month) { ...BriefingFields }
  }
`);

export const GenerateQuarterlyTableMutation = graphql(`
  mutation GenerateQuarterlyTable($code: String!, $year: Int!, $quarter: Int!) {
    generateQuarterlyTable(jurisdictionCode: $code, year: $year, quarter: $quarter) { ...BriefingFields }
  }
`);
