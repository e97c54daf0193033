import { accidentWhere, enterpriseWhere, hazardWhere, inspectionWhere, param } from '../common/filter-sql';
import { overdueDaysSql, overdueSql } from '../hazard/hazard.sql';
import {
  chainage, ENTERPRISE_STATUS_ZH, HAZARD_LEVEL_ZH, HAZARD_SOURCE_ZH, HAZARD_STATUS_ZH, INSPECTION_KIND_ZH, labelOf,
  RISK_LEVEL_ZH, SECTOR_ZH, STANDARDIZATION_ZH, SUPERVISION_LEVEL_ZH,
} from './labels-zh';

/** How a cell is written: a date is a real date in XLSX (yyyy-mm-dd in CSV). */
export type CellType = 'text' | 'integer' | 'number' | 'date';
export type Cell = string | number | Date | null;

export interface Column<R> {
  header: string;
  type: CellType;
  /** Width in characters in XLSX. */
  width: number;
  value: (row: R) => Cell;
}

/** The statement of one page or of the whole export: rows with `id` above `afterId`, by id. */
export interface PageQuery {
  text: string;
  values: unknown[];
}

/**
 * A list that streams: its filter's GraphQL input type, its columns in the order of the
 * county ledger (序号 is added in front by the writer), and its statement. Rows come in id
 * order, so a page can start after the last id read (keyset), and a cursor reads the same.
 */
export interface StreamedKind<F, R extends { id: string }> {
  /** The file name (without extension). */
  title: string;
  filterType: string;
  columns: Column<R>[];
  query(filter: F | null, afterId: string | null, limit: number | null): PageQuery;
}

/** The end of a paged statement: after `afterId` (a bigint as text), by id, at most `limit`. */
function keyset(params: unknown[], idColumn: string, afterId: string | null, limit: number | null): string {
  const after = afterId === null ? '' : `and ${idColumn} > ${param(params, afterId)}::bigint`;
  return `${after} order by ${idColumn}${limit === null ? '' : ` limit ${param(params, limit)}::int`}`;
}

const text = <R>(header: string, width: number, value: (row: R) => Cell): Column<R> => ({ header, type: 'text', width, value });
const integer = <R>(header: string, width: number, value: (row: R) => Cell): Column<R> => ({ header, type: 'integer', width, value });
const number = <R>(header: string, width: number, value: (row: R) => Cell): Column<R> => ({ header, type: 'number', width, value });
const date = <R>(header: string, width: number, value: (row: R) => Cell): Column<R> => ({ header, type: 'date', width, value });
/** A moment as the deployment's calendar day; the zone is asked once per statement, not per row. */
const localDate = (moment: string) => `(${moment} at time zone (select app.time_zone()))::date`;
const yesNo = (value: boolean) => (value ? '是' : '否');

export interface HazardLedgerRow {
  id: string;
  code: string;
  town_name: string;
  subject: string | null;
  credit_code: string | null;
  road: string | null;
  start_chainage_m: number | null;
  end_chainage_m: number | null;
  sector: string;
  hazard_type: string | null;
  description: string;
  level: string;
  source: string;
  found_on: string;
  responsible_person: string | null;
  measures: string | null;
  funds_yuan: string | null;
  deadline: string | null;
  contingency_plan: string | null;
  listed_level: string | null;
  published: boolean;
  status: string;
  overdue: boolean;
  overdue_days: number;
  closed_on: string | null;
}

/**
 * 隐患排查治理台账, in the order a county ledger has it: where and what, the level and the
 * source, when found, then the five in place (责任人、措施、资金、时限、预案), listing,
 * publication, status and lateness. Dates are the deployment's calendar days.
 */
export const HAZARD_LEDGER: StreamedKind<import('../hazard/hazard.input').HazardFilter, HazardLedgerRow> = {
  title: '隐患排查治理台账',
  filterType: 'HazardFilter',
  columns: [
    text('隐患编号', 22, (r) => r.code),
    text('所属乡镇（街道）', 16, (r) => r.town_name),
    text('隐患所在单位（场所、路段）', 28, (r) => r.subject),
    text('统一社会信用代码', 22, (r) => r.credit_code),
    text('道路编号', 10, (r) => r.road),
    text('起止桩号', 20, (r) => (r.start_chainage_m === null || r.end_chainage_m === null ? null
      : `${chainage(r.start_chainage_m)}—${chainage(r.end_chainage_m)}`)),
    text('行业领域', 14, (r) => labelOf(SECTOR_ZH, r.sector)),
    text('隐患类别', 14, (r) => r.hazard_type),
    text('隐患内容', 40, (r) => r.description),
    text('隐患级别', 10, (r) => labelOf(HAZARD_LEVEL_ZH, r.level)),
    text('隐患来源', 10, (r) => labelOf(HAZARD_SOURCE_ZH, r.source)),
    date('排查日期', 12, (r) => r.found_on),
    text('整改责任人', 12, (r) => r.responsible_person),
    text('整改措施', 36, (r) => r.measures),
    number('整改资金（元）', 14, (r) => (r.funds_yuan === null ? null : Number(r.funds_yuan))),
    date('整改时限', 12, (r) => r.deadline),
    text('应急预案', 30, (r) => r.contingency_plan),
    text('挂牌督办', 10, (r) => labelOf(SUPERVISION_LEVEL_ZH, r.listed_level)),
    text('是否公示', 8, (r) => yesNo(r.published)),
    text('治理状态', 10, (r) => labelOf(HAZARD_STATUS_ZH, r.status)),
    text('是否超期', 8, (r) => yesNo(r.overdue)),
    integer('超期天数', 8, (r) => r.overdue_days),
    date('销号日期', 12, (r) => r.closed_on),
  ],
  query(filter, afterId, limit) {
    const values: unknown[] = [];
    const where = hazardWhere(filter, values);
    // Found and closed are instants; the ledger prints the deployment's day (app.local_date).
    return {
      text: `select h.id::text as id, h.code, j.name as town_name,
          coalesce(e.name, case when r.id is not null then r.road_number || ' ' || r.road_name end, h.place_name) as subject,
          e.credit_code, r.road_number as road, r.start_chainage_m, r.end_chainage_m,
          h.sector, h.hazard_type, h.description, h.level, h.source, ${localDate('h.found_at')}::text as found_on,
          h.responsible_person, h.measures, h.funds_yuan::text, h.deadline::text, h.contingency_plan, h.listed_level,
          h.published, h.status, coalesce(${overdueSql('h')}, false) as overdue, ${overdueDaysSql('h')} as overdue_days,
          ${localDate('h.closed_at')}::text as closed_on
        from hazards h
        join jurisdictions j on j.code = h.town_code
        left join enterprises e on e.id = h.enterprise_id
        left join road_segments r on r.id = h.road_segment_id
        where ${where} ${keyset(values, 'h.id', afterId, limit)}`,
      values,
    };
  },
};

export interface EnterpriseRow {
  id: string;
  name: string;
  credit_code: string;
  town_name: string;
  sector: string;
  address: string | null;
  department: string | null;
  risk_level: string;
  major_hazard_grade: number | null;
  standardization_grade: string;
  status: string;
  employee_count: number;
}

/** 生产经营单位名册. Contacts are personal data and stay out of the file. */
export const ENTERPRISE_LIST: StreamedKind<import('../enterprise/enterprise.input').EnterpriseFilter, EnterpriseRow> = {
  title: '生产经营单位名册',
  filterType: 'EnterpriseFilter',
  columns: [
    text('单位名称', 30, (r) => r.name),
    text('统一社会信用代码', 22, (r) => r.credit_code),
    text('所属乡镇（街道）', 16, (r) => r.town_name),
    text('行业领域', 14, (r) => labelOf(SECTOR_ZH, r.sector)),
    text('地址', 30, (r) => r.address),
    text('监管部门', 16, (r) => r.department),
    text('风险等级', 10, (r) => labelOf(RISK_LEVEL_ZH, r.risk_level)),
    text('重大危险源', 10, (r) => (r.major_hazard_grade === null ? '无' : `${r.major_hazard_grade} 级`)),
    text('安全生产标准化', 12, (r) => labelOf(STANDARDIZATION_ZH, r.standardization_grade)),
    text('生产状态', 10, (r) => labelOf(ENTERPRISE_STATUS_ZH, r.status)),
    integer('从业人数', 10, (r) => r.employee_count),
  ],
  query(filter, afterId, limit) {
    const values: unknown[] = [];
    const where = enterpriseWhere(filter, values);
    return {
      text: `select e.id::text as id, e.name, e.credit_code, j.name as town_name, e.sector, e.address, e.department,
          e.risk_level, e.major_hazard_grade, e.standardization_grade, e.status, e.employee_count
        from enterprises e join jurisdictions j on j.code = e.town_code
        where ${where} ${keyset(values, 'e.id', afterId, limit)}`,
      values,
    };
  },
};

export interface InspectionRow {
  id: string;
  inspected_on: string;
  town_name: string;
  enterprise: string | null;
  credit_code: string | null;
  sector: string;
  department: string;
  inspectors: string;
  kind: string;
  hazards_found: number;
  summary: string | null;
}

/** 执法检查台账. */
export const INSPECTION_LIST: StreamedKind<import('../inspection/inspection.input').InspectionFilter, InspectionRow> = {
  title: '执法检查台账',
  filterType: 'InspectionFilter',
  columns: [
    date('检查日期', 12, (r) => r.inspected_on),
    text('所属乡镇（街道）', 16, (r) => r.town_name),
    text('被检查单位', 30, (r) => r.enterprise),
    text('统一社会信用代码', 22, (r) => r.credit_code),
    text('行业领域', 14, (r) => labelOf(SECTOR_ZH, r.sector)),
    text('检查部门', 16, (r) => r.department),
    text('检查人员', 16, (r) => r.inspectors),
    text('检查方式', 10, (r) => labelOf(INSPECTION_KIND_ZH, r.kind)),
    integer('发现隐患（项）', 10, (r) => r.hazards_found),
    text('检查情况', 40, (r) => r.summary),
  ],
  query(filter, afterId, limit) {
    const values: unknown[] = [];
    const where = inspectionWhere(filter, values);
    return {
      text: `select i.id::text as id, i.inspected_on::text, j.name as town_name, e.name as enterprise, e.credit_code,
          i.sector, i.department, array_to_string(i.inspectors, '、') as inspectors, i.kind,
          (select count(*)::int from hazards h where h.inspection_id = i.id) as hazards_found, i.summary
        from inspections i join jurisdictions j on j.code = i.town_code
        left join enterprises e on e.id = i.enterprise_id
        where ${where} ${keyset(values, 'i.id', afterId, limit)}`,
      values,
    };
  },
};

export interface AccidentRow {
  id: string;
  occurred_on: string;
  town_name: string;
  sector: string;
  enterprise: string | null;
  credit_code: string | null;
  description: string;
  deaths: number;
  serious_injuries: number;
  direct_loss_yuan: string;
  reported_late: boolean;
}

/** 生产安全事故统计. */
export const ACCIDENT_LIST: StreamedKind<import('../accident/accident.input').AccidentFilter, AccidentRow> = {
  title: '生产安全事故统计',
  filterType: 'AccidentFilter',
  columns: [
    date('事故日期', 12, (r) => r.occurred_on),
    text('所属乡镇（街道）', 16, (r) => r.town_name),
    text('行业领域', 14, (r) => labelOf(SECTOR_ZH, r.sector)),
    text('事故单位', 30, (r) => r.enterprise),
    text('统一社会信用代码', 22, (r) => r.credit_code),
    text('事故简况', 40, (r) => r.description),
    integer('死亡人数', 8, (r) => r.deaths),
    integer('重伤人数', 8, (r) => r.serious_injuries),
    number('直接经济损失（元）', 16, (r) => Number(r.direct_loss_yuan)),
    text('是否迟报', 8, (r) => yesNo(r.reported_late)),
  ],
  query(filter, afterId, limit) {
    const values: unknown[] = [];
    const where = accidentWhere(filter, values);
    return {
      text: `select a.id::text as id, ${localDate('a.occurred_at')}::text as occurred_on, j.name as town_name, a.sector,
          e.name as enterprise, e.credit_code, a.description, a.deaths, a.serious_injuries, a.direct_loss_yuan::text,
          coalesce(accident_report_is_late(a.occurred_at, a.reported_at), false) as reported_late
        from accidents a join jurisdictions j on j.code = a.town_code
        left join enterprises e on e.id = a.enterprise_id
        where ${where} ${keyset(values, 'a.id', afterId, limit)}`,
      values,
    };
  },
};

/** The lists that stream, by the name in the URL (/exports/{name}.csv). */
export const STREAMED_KINDS = {
  hazards: HAZARD_LEDGER,
  enterprises: ENTERPRISE_LIST,
  inspections: INSPECTION_LIST,
  accidents: ACCIDENT_LIST,
} as const;


const rate = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

/**
 * 各单位隐患排查治理情况: the rows of jurisdictionStats as the board shows them, ranked by
 * score. Accidents, deaths, injuries and loss with the same period a year earlier (同比).
 */
export const UNIT_FIGURES: Column<import('../stats/stats.type').JurisdictionStats>[] = [
  text('单位', 16, (u) => u.name),
  text('区划代码', 12, (u) => u.code),
  integer('排名', 6, (u) => u.rank),
  number('风险评分', 10, (u) => u.riskScore),
  text('红蓝区', 6, (u) => (u.zone === 'RED' ? '红区' : u.zone === 'BLUE' ? '蓝区' : '')),
  integer('未销号一般隐患', 10, (u) => u.openByLevel.general),
  integer('未销号重大隐患', 10, (u) => u.openByLevel.major),
  integer('超期隐患', 10, (u) => u.overdue),
  integer('曾超期', 10, (u) => u.everOverdue),
  integer('超期整改', 10, (u) => u.rectifiedLate),
  integer('挂牌督办', 10, (u) => u.listed),
  integer('排查隐患', 10, (u) => u.found),
  integer('已整改', 10, (u) => u.rectified),
  number('整改率（%）', 10, (u) => rate(u.rectificationRate)),
  integer('红色企业', 8, (u) => u.enterprisesByColour.red),
  integer('橙色企业', 8, (u) => u.enterprisesByColour.orange),
  integer('黄色企业', 8, (u) => u.enterprisesByColour.yellow),
  integer('蓝色企业', 8, (u) => u.enterprisesByColour.blue),
  integer('执法检查', 10, (u) => u.inspections),
  integer('事故起数', 8, (u) => u.accidents.current),
  integer('上年同期事故起数', 10, (u) => u.accidents.previous),
  integer('死亡人数', 8, (u) => u.deaths.current),
  integer('上年同期死亡人数', 10, (u) => u.deaths.previous),
  integer('受伤人数', 8, (u) => u.injuries.current),
  integer('上年同期受伤人数', 10, (u) => u.injuries.previous),
  number('直接经济损失（元）', 14, (u) => u.directLoss.current),
  number('上年同期直接经济损失（元）', 16, (u) => u.directLoss.previous),
];
