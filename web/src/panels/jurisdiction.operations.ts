import { graphql } from '../gql';

export const PanelUnitQuery = graphql(`
  query PanelUnit($code: String!) {
    jurisdiction(code: $code) { code name level parentCode }
  }
`);

// The unit among its siblings (rank and colour need them all), its monthly trend and its
// hazards per sector, in one request.
export const JurisdictionPanelQuery = graphql(`
  query JurisdictionPanel(
    $parentCode: String!, $level: JurisdictionLevel!, $code: String!, $from: LocalDate, $to: LocalDate,
    $trendFrom: LocalDate!, $trendTo: LocalDate!, $compared: HazardFilter, $filter: HazardFilter
  ) {
    siblings: jurisdictionStats(parentCode: $parentCode, level: $level, from: $from, to: $to, filter: $compared) {
      code name level overdue everOverdue rectifiedLate openMajor listed found rectified rectificationRate inspections riskScore riskColor rank zone
      openByLevel { general major }
      enterprisesByColour { red orange yellow blue }
      accidents { current previous changeRate }
      deaths { current previous changeRate }
      injuries { current previous changeRate }
      directLoss { current previous changeRate }
      riskScoreParts { part value weight points }
      escalations(from: $from, to: $to) { writtenExplanations supervisionLetters publicCriticisms }
    }
    trend: hazardTrend(jurisdictionCode: $code, from: $trendFrom, to: $trendTo, interval: MONTH, filter: $filter) {
      start found closed overdue
    }
    sectors: hazardsBySector(filter: $filter) { sector count major overdue }
  }
`);

export const EnterpriseDetailQuery = graphql(`
  query EnterpriseDetail($id: ID!) {
    enterprise(id: $id) {
      id name creditCode sector address riskLevel majorHazardGrade standardizationGrade status employeeCount
      department contactName contactPhone openHazardCount synthetic
      town { name }
      history { ...HistoryEntryFields }
    }
  }
`);

export const RoadSegmentDetailQuery = graphql(`
  query RoadSegmentDetail($id: ID!) {
    roadSegment(id: $id) {
      id roadName roadNumber roadClass startChainage endChainage lengthMeters features riskLevel accidentsLast3y
      department openHazardCount synthetic
      town { name }
      history { ...HistoryEntryFields }
    }
  }
`);
