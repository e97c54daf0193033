import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RiskLevel, Sector } from '../common/enums';
import { JurisdictionLevel } from '../jurisdiction/jurisdiction.type';
import { RankingZone } from './ranking-zone';

@ObjectType({ description: 'Open hazards by level.' })
export class LevelCounts {
  @Field(() => Int, { description: '一般隐患.' })
  general!: number;

  @Field(() => Int, { description: '重大隐患.' })
  major!: number;
}

@ObjectType({ description: 'Enterprises (not closed) by risk colour.' })
export class ColourCounts {
  @Field(() => Int)
  red!: number;

  @Field(() => Int)
  orange!: number;

  @Field(() => Int)
  yellow!: number;

  @Field(() => Int)
  blue!: number;
}

@ObjectType({ description: '同比: a measure in the period and in the same period a year earlier.' })
export class YearOnYear {
  @Field(() => Float)
  current!: number;

  @Field(() => Float, { description: 'The same period one year earlier.' })
  previous!: number;

  @Field(() => Float, { description: 'current − previous.' })
  change!: number;

  @Field(() => Float, { nullable: true, description: '(current − previous) / previous; null when previous is 0.' })
  changeRate!: number | null;
}

@ObjectType({ description: 'One term of the risk score: points = value × weight.' })
export class RiskScorePart {
  @Field(() => String, { description: 'openMajor, openGeneral, overdue, listed, redEnterprises, orangeEnterprises, accidents, deaths or seriousInjuries.' })
  part!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float)
  points!: number;
}

@ObjectType({ description: 'The figures of one unit and everything under it (docs/metrics.md), within your scope.' })
export class JurisdictionStats {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => JurisdictionLevel)
  level!: JurisdictionLevel;

  @Field(() => LevelCounts, { description: 'Hazards not closed, now.' })
  openByLevel!: LevelCounts;

  @Field(() => Int, { description: 'Open major hazards, now.' })
  openMajor!: number;

  @Field(() => Int, { description: '超期: hazards overdue now (docs/metrics.md).' })
  overdue!: number;

  @Field(() => Int, { description: '曾超期: hazards overdue at some moment of the period, whatever happened to them after (an extension, a closing); includes those overdue now when the period reaches today.' })
  everOverdue!: number;

  @Field(() => Int, { description: '超期整改: hazards closed in the period after a rectification submitted past the deadline in force then.' })
  rectifiedLate!: number;

  @Field(() => Int, { description: 'Open hazards under listed supervision (挂牌督办), now.' })
  listed!: number;

  @Field(() => Int, { description: 'Hazards found in the period.' })
  found!: number;

  @Field(() => Int, { description: 'Of the hazards found in the period, those closed before its end and still closed.' })
  rectified!: number;

  @Field(() => Float, { nullable: true, description: '整改率 = rectified / found; null when none was found.' })
  rectificationRate!: number | null;

  @Field(() => ColourCounts)
  enterprisesByColour!: ColourCounts;

  @Field(() => Int, { description: 'Inspections in the period.' })
  inspections!: number;

  @Field(() => YearOnYear, { description: '事故起数.' })
  accidents!: YearOnYear;

  @Field(() => YearOnYear, { description: '死亡人数.' })
  deaths!: YearOnYear;

  @Field(() => YearOnYear, { description: '受伤人数 (serious injuries).' })
  injuries!: YearOnYear;

  @Field(() => YearOnYear, { description: '直接经济损失, yuan.' })
  directLoss!: YearOnYear;

  @Field(() => Float, { description: 'Σ weight × value over riskScoreParts (api/src/stats/risk-score.ts).' })
  riskScore!: number;

  @Field(() => [RiskScorePart])
  riskScoreParts!: RiskScorePart[];

  @Field(() => RiskLevel, { description: 'By rank among the units returned: top quarter red, then orange, yellow, blue; 0 points is blue.' })
  riskColor!: RiskLevel;

  @Field(() => Int, { description: '1 for the highest score among the units returned; ties share a rank.' })
  rank!: number;

  @Field(() => RankingZone, { nullable: true, description: '红区 or 蓝区 by rank among the units returned (RANKING_ZONES, api/src/stats/ranking-zone.ts); null for neither.' })
  zone?: RankingZone | null;
}

@ObjectType({ description: 'A grid cell of hazards for a heatmap.' })
export class DensityCell {
  @Field(() => Float, { description: 'Longitude of the cell centre.' })
  lng!: number;

  @Field(() => Float, { description: 'Latitude of the cell centre.' })
  lat!: number;

  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: 'Σ level weights: major 5, general 1.' })
  weight!: number;
}

export enum TrendInterval {
  MONTH = 'MONTH',
  WEEK = 'WEEK',
}
registerEnumType(TrendInterval, { name: 'TrendInterval' });

@ObjectType({ description: 'Hazard flow in one period of a trend.' })
export class TrendBucket {
  @Field(() => LocalDateResolver, { description: 'First day of the bucket.' })
  start!: string;

  @Field(() => LocalDateResolver, { description: 'First day after the bucket.' })
  end!: string;

  @Field(() => Int, { description: 'Hazards found in the bucket.' })
  found!: number;

  @Field(() => Int, { description: 'Hazards whose (current) closing fell in the bucket.' })
  closed!: number;

  @Field(() => Int, { description: 'Hazards overdue at the end of the bucket (now for the current one), judged with the status and deadline in force then.' })
  overdue!: number;
}

@ObjectType({ description: 'Hazards of one sector (行业领域).' })
export class SectorCount {
  @Field(() => Sector)
  sector!: Sector;

  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: '重大隐患 among them.' })
  major!: number;

  @Field(() => Int, { description: 'Overdue among them, now.' })
  overdue!: number;
}
