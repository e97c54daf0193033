/**
 * The risk score of a jurisdiction (docs/metrics.md), in this one place:
 *
 *   riskScore = Σ weight(part) × value(part)
 *
 * over the parts below, each counted for the unit and every town under it. Open and listed
 * counts are as of now; accidents, deaths and serious injuries fall in the asked period.
 * The defaults favour what the leaders' speeches chase: open major hazards, overdue items
 * and deaths. RISK_SCORE_WEIGHTS (JSON, e.g. {"deaths": 30}) overrides any of them.
 *
 * riskColor ranks siblings: the top quarter by score is RED, the next ORANGE, then YELLOW,
 * then BLUE; a unit scoring 0 is BLUE whatever its rank.
 */
export const RISK_PARTS = [
  'openMajor', 'openGeneral', 'overdue', 'listed', 'redEnterprises', 'orangeEnterprises',
  'accidents', 'deaths', 'seriousInjuries',
] as const;

export type RiskPart = (typeof RISK_PARTS)[number];
export type RiskWeights = Record<RiskPart, number>;

export const DEFAULT_RISK_WEIGHTS: RiskWeights = {
  openMajor: 10,
  openGeneral: 1,
  overdue: 3,
  listed: 5,
  redEnterprises: 4,
  orangeEnterprises: 2,
  accidents: 5,
  deaths: 20,
  seriousInjuries: 5,
};

/** Share of siblings, from the top, that each colour covers. */
export const RISK_COLOR_QUANTILES = { RED: 0.25, ORANGE: 0.5, YELLOW: 0.75 } as const;

/**
 * The weights from RISK_SCORE_WEIGHTS: a JSON object of part → non-negative number;
 * missing parts keep their default. Throws naming the bad part.
 */
export function parseRiskWeights(json: string | undefined): RiskWeights {
  if (json === undefined || json.trim() === '') return DEFAULT_RISK_WEIGHTS;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('must be a JSON object');
  const weights = { ...DEFAULT_RISK_WEIGHTS };
  for (const [part, weight] of Object.entries(value)) {
    if (!(RISK_PARTS as readonly string[]).includes(part)) throw new Error(`has an unknown part "${part}" (known: ${RISK_PARTS.join(', ')})`);
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) throw new Error(`needs a non-negative number for "${part}"`);
    weights[part as RiskPart] = weight;
  }
  return weights;
}
