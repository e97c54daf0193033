import { graphql } from '../gql';

// The ranking board (排名): every child unit of a jurisdiction with its figures, rank and
// 红区/蓝区, as jurisdictionStats computes them (docs/metrics.md).
export const RankingBoardQuery = graphql(`
  query RankingBoard($parentCode: String!, $level: JurisdictionLevel!, $from: LocalDate, $to: LocalDate, $filter: HazardFilter) {
    jurisdictionStats(parentCode: $parentCode, level: $level, from: $from, to: $to, filter: $filter) {
      code name level overdue everOverdue openMajor listed rectificationRate riskScore rank zone
      openByLevel { general major }
      accidents { current previous changeRate }
      deaths { current previous changeRate }
      escalations(from: $from, to: $to) { writtenExplanations supervisionLetters publicCriticisms }
    }
  }
`);
