import type { Config } from '../config';
import { badInput, notFound } from '../common/errors';
import { hazardWhere, jurisdictionCode } from '../common/filter-sql';
import type { RequestDb } from '../common/request-db';
import { today } from '../clock/clock.service';
import { overdueDaysSql } from '../hazard/hazard.sql';
import { findJurisdiction } from '../jurisdiction/jurisdiction.service';
import type { Jurisdiction } from '../jurisdiction/jurisdiction.type';
import { HAZARD_LEVEL_ZH, labelOf, SUPERVISION_LEVEL_ZH } from '../export/labels-zh';
import type { HazardFilter } from '../hazard/hazard.input';
import { jurisdictionStats, type Period } from '../stats/stats.service';
import type { JurisdictionStats } from '../stats/stats.type';
import { integer, percent, yearOnYear, type Block, type BriefingContent } from './briefing.content';
import { overdueMap, unitOfTown } from './briefing.map';

/** How many units a briefing names as the worst performers (通报批评). */
const WORST_NAMED = 3;
/** Overdue and listed items printed per unit; the rest are counted. */
const ITEMS_PER_UNIT = 10;

export interface BriefingUnit {
  unit: Jurisdiction;
  period: Period;
}

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

function periodOfMonths(year: number, firstMonth: number, months: number): Period {
  const lastMonth = firstMonth + months - 1;
  return { from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}` };
}

const yearEarlier = (p: Period): Period => ({ from: `${Number(p.from.slice(0, 4)) - 1}${p.from.slice(4)}`,
  to: `${Number(p.to.slice(0, 4)) - 1}${p.to.slice(4)}`.replace(/-02-29$/, '-02-28') });

/**
 * The unit and the period of a document: a city or county in the viewer's sight (a town has
 * no units below it to rank) and a period that has begun (the deployment's today).
 */
export async function briefingUnit(db: RequestDb, code: string, year: number, firstMonth: number, months: number): Promise<BriefingUnit> {
  const unit = await findJurisdiction(db, jurisdictionCode(code));
  if (!unit) throw notFound(`jurisdiction ${code}`);
  if (unit.level === 'town') throw badInput('a briefing is made for a city or a county, whose towns or counties it ranks', 'jurisdictionCode');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year must be between 2000 and 2100', 'year');
  const period = periodOfMonths(year, firstMonth, months);
  if (period.from > await today(db)) throw badInput('the period has not begun yet', 'month');
  return { unit, period };
}

/** A month 'YYYY-MM' as year and month, or BAD_USER_INPUT. */
export function parseMonth(month: string): { year: number; month: number } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw badInput('month is YYYY-MM', 'month');
  return { year: Number(match[1]), month: Number(match[2]) };
}

const sum = (units: readonly JurisdictionStats[], pick: (u: JurisdictionStats) => number) => units.reduce((total, u) => total + pick(u), 0);

interface OpenItem {
  town_code: string;
  code: string;
  description: string;
  subject: string | null;
  level: string;
  deadline: string | null;
  overdue_days: number;
  listed_level: string | null;
}

/** Open hazards that are overdue or under listed supervision under the unit, most overdue first. */
async function overdueAndListed(db: RequestDb, unit: string): Promise<OpenItem[]> {
  const values: unknown[] = [];
  const where = hazardWhere({ jurisdictionCode: unit } as HazardFilter, values);
  return db.query<OpenItem>(
    `select h.town_code, h.code, h.description, coalesce(e.name, r.road_number || ' ' || r.road_name, h.place_name) as subject,
            h.level, h.deadline::text, ${overdueDaysSql('h')} as overdue_days, h.listed_level
     from hazards h
     left join enterprises e on e.id = h.enterprise_id
     left join road_segments r on r.id = h.road_segment_id
     where ${where} and h.status <> 'CLOSED' and (${overdueDaysSql('h')} > 0 or h.listed_level is not null)
     order by ${overdueDaysSql('h')} desc, h.listed_level nulls last, h.id`,
    values);
}

/**
 * The monthly briefing (通报) of a unit: its figures with year-on-year, its child units ranked
 * by risk score (overdue first among the parts, docs/metrics.md), a map of the units by
 * overdue, the overdue and listed items per unit, and the worst performers named. Every
 * figure comes from jurisdictionStats, the query the board and the API answer with.
 */
export async function monthlyBriefing(db: RequestDb, config: Config, { unit, period }: BriefingUnit): Promise<BriefingContent> {
  const units = await jurisdictionStats(db, unit.code, null, period, config.riskScoreWeights, null, true);
  const before = await jurisdictionStats(db, unit.code, null, yearEarlier(period), config.riskScoreWeights, null, false);
  const [year, month] = [Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7))];
  const title = `${unit.name}${year}年${month}月安全生产隐患排查治理情况通报`;
  const found = sum(units, (u) => u.found);
  const rectified = sum(units, (u) => u.rectified);
  const foundBefore = sum(before, (u) => u.found);
  const rectifiedBefore = sum(before, (u) => u.rectified);
  const overdue = sum(units, (u) => u.overdue);
  const listed = sum(units, (u) => u.listed);
  const accidents = sum(units, (u) => u.accidents.current);
  const accidentsBefore = sum(units, (u) => u.accidents.previous);
  const deaths = sum(units, (u) => u.deaths.current);
  const deathsBefore = sum(units, (u) => u.deaths.previous);
  const injuries = sum(units, (u) => u.injuries.current);
  const injuriesBefore = sum(units, (u) => u.injuries.previous);
  const loss = sum(units, (u) => u.directLoss.current);
  const lossBefore = sum(units, (u) => u.directLoss.previous);
  const rate = found === 0 ? null : rectified / found;
  const rateBefore = foundBefore === 0 ? null : rectifiedBefore / foundBefore;
  const generatedOn = await today(db);

  const blocks: Block[] = [
    { kind: 'title', text: title },
    { kind: 'subtitle', text: `统计期间：${period.from} 至 ${period.to}　　生成日期：${generatedOn}　　（演示数据为合成数据）` },
    { kind: 'heading', text: '一、总体情况' },
    { kind: 'paragraph', text: `${year}年${month}月，全${unit.level === 'city' ? '市' : '县（区）'}共排查隐患${integer(found)}项，`
      + `同比${yearOnYear(found, foundBefore)}；已整改${integer(rectified)}项，整改率${percent(rate)}（上年同期${percent(rateBefore)}）。`
      + `截至${generatedOn}，超期未整改隐患${integer(overdue)}项，挂牌督办未销号隐患${integer(listed)}项。`
      + `发生生产安全事故${integer(accidents)}起，同比${yearOnYear(accidents, accidentsBefore)}；死亡${integer(deaths)}人，同比${yearOnYear(deaths, deathsBefore)}。` },
    {
      kind: 'table', widths: [3, 2, 2, 2],
      header: ['指标', '本期', '上年同期', '同比'],
      rows: [
        ['排查隐患（项）', integer(found), integer(foundBefore), yearOnYear(found, foundBefore)],
        ['已整改（项）', integer(rectified), integer(rectifiedBefore), yearOnYear(rectified, rectifiedBefore)],
        ['整改率', percent(rate), percent(rateBefore), '—'],
        ['事故起数（起）', integer(accidents), integer(accidentsBefore), yearOnYear(accidents, accidentsBefore)],
        ['死亡人数（人）', integer(deaths), integer(deathsBefore), yearOnYear(deaths, deathsBefore)],
        ['受伤人数（人）', integer(injuries), integer(injuriesBefore), yearOnYear(injuries, injuriesBefore)],
        ['直接经济损失（元）', integer(loss), integer(lossBefore), yearOnYear(loss, lossBefore)],
      ],
    },
    { kind: 'heading', text: '二、各单位排名' },
    { kind: 'paragraph', text: '按风险评分由高到低排名（评分构成见平台“指标说明”），超期隐患多、整改率低的单位排名靠前。' },
    {
      kind: 'table', widths: [1, 3, 2, 2, 2, 2, 2, 2],
      header: ['排名', '单位', '风险评分', '超期隐患', '挂牌督办', '排查隐患', '整改率', '事故起数'],
      rows: units.map((u) => [String(u.rank), u.name, u.riskScore.toFixed(1), integer(u.overdue), integer(u.listed),
        integer(u.found), percent(u.rectificationRate), integer(u.accidents.current)]),
    },
  ];

  const map = await overdueMap(db, units.map((u) => u.code), new Map(units.map((u) => [u.code, u.overdue])));
  if (map) {
    blocks.push({ kind: 'heading', text: '三、超期隐患分布' },
      { kind: 'image', ...map, caption: `图1　${unit.name}各单位超期隐患数（截至${generatedOn}，颜色越深超期越多）` });
  }

  blocks.push({ kind: 'heading', text: `${map ? '四' : '三'}、超期及挂牌督办隐患` });
  const items = await overdueAndListed(db, unit.code);
  const unitOf = unitOfTown(units.map((u) => u.code));
  for (const u of units) {
    const own = items.filter((item) => unitOf(item.town_code) === u.code);
    if (own.length === 0) continue;
    blocks.push({ kind: 'paragraph', text: `${u.name}：超期隐患${integer(u.overdue)}项，挂牌督办${integer(u.listed)}项。` },
      {
        kind: 'table', widths: [3, 4, 5, 2, 2, 2, 2],
        header: ['隐患编号', '所在单位（场所、路段）', '隐患内容', '级别', '整改时限', '超期天数', '挂牌督办'],
        rows: own.slice(0, ITEMS_PER_UNIT).map((item) => [item.code, item.subject ?? '', item.description, labelOf(HAZARD_LEVEL_ZH, item.level),
          item.deadline ?? '', item.overdue_days > 0 ? String(item.overdue_days) : '', labelOf(SUPERVISION_LEVEL_ZH, item.listed_level)]),
      });
    if (own.length > ITEMS_PER_UNIT) blocks.push({ kind: 'paragraph', text: `（另有${own.length - ITEMS_PER_UNIT}项，详见隐患台账。）` });
  }

  const worst = units.slice(0, WORST_NAMED).filter((u) => u.overdue > 0 || u.riskScore > 0);
  blocks.push({ kind: 'heading', text: `${map ? '五' : '四'}、通报批评` });
  blocks.push({ kind: 'paragraph', text: worst.length === 0 ? '本期无通报批评单位。'
    : `${worst.map((u) => `${u.name}（超期隐患${integer(u.overdue)}项，整改率${percent(u.rectificationRate)}）`).join('、')}`
      + '排名靠后，予以通报批评。请上述单位于下月5日前书面说明超期原因及整改措施，逐项落实“五到位”，按期整改销号。' });
  return { title, blocks };
}

/** The quarterly table's figures of one unit (a row) or of all (the total row). */
export interface QuarterRow {
  name: string;
  foundGeneral: number;
  rectifiedGeneral: number;
  foundMajor: number;
  rectifiedMajor: number;
  listedProvince: number;
  listedCity: number;
  listedCounty: number;
  fundsYuan: number;
}

/**
 * 隐患排查治理情况统计分析表 of a quarter, one row per child unit and a total. Found and
 * rectified by level, and listed by level, are jurisdictionStats' `found` and `rectified`
 * with the level filter, so the table's totals are the API's. Funds are those of the hazards
 * found in the quarter (整改资金 as the five in place record them).
 */
export async function quarterlyRows(db: RequestDb, config: Config, { unit, period }: BriefingUnit): Promise<QuarterRow[]> {
  const stats = (filter: HazardFilter | null) => jurisdictionStats(db, unit.code, null, period, config.riskScoreWeights, filter, false);
  const all = await stats(null);
  const general = await stats({ levels: ['GENERAL'] } as HazardFilter);
  const major = await stats({ levels: ['MAJOR'] } as HazardFilter);
  const listed = (level: string) => stats({ listedLevels: [level] } as HazardFilter);
  const [province, city, county] = [await listed('PROVINCE'), await listed('CITY'), await listed('COUNTY')];
  const values: unknown[] = [period.from, period.to];
  const where = hazardWhere({ jurisdictionCode: unit.code } as HazardFilter, values);
  const funds = await db.query<{ town_code: string; funds: string }>(
    `select h.town_code, coalesce(sum(h.funds_yuan), 0)::text as funds from hazards h
     where ${where} and h.found_at >= (select app.day_start($1::date)) and h.found_at < (select app.day_start($2::date + 1))
     group by h.town_code`, values);
  const unitOf = unitOfTown(all.map((u) => u.code));
  const of = (rows: JurisdictionStats[], code: string) => rows.find((r) => r.code === code);
  return all.map((u) => ({
    name: u.name,
    foundGeneral: of(general, u.code)?.found ?? 0,
    rectifiedGeneral: of(general, u.code)?.rectified ?? 0,
    foundMajor: of(major, u.code)?.found ?? 0,
    rectifiedMajor: of(major, u.code)?.rectified ?? 0,
    listedProvince: of(province, u.code)?.found ?? 0,
    listedCity: of(city, u.code)?.found ?? 0,
    listedCounty: of(county, u.code)?.found ?? 0,
    fundsYuan: funds.filter((f) => unitOf(f.town_code) === u.code).reduce((total, f) => total + Number(f.funds), 0),
  }));
}

/** The months of quarter `quarter` (1–4). */
export function quarterMonths(quarter: number): number {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw badInput('quarter is 1 to 4', 'quarter');
  return (quarter - 1) * 3 + 1;
}
