import type {
  EnterpriseStatus, HazardLevel, HazardSource, HazardStatus, InspectionKind, RiskLevel, RoadClass, RoadFeature, Sector,
  StandardizationGrade, SupervisionLevel,
} from '../common/enums';

// The Chinese names of the enums, as files made by the api (ledger exports, briefings,
// the quarterly table) print them. The web keeps its own words in web/src/i18n for the
// screen; these are the words of documents handed around the offices, always in Chinese.

export const SECTOR_ZH: Record<Sector, string> = {
  HAZARDOUS_CHEMICALS: '危险化学品', COAL_MINE: '煤矿', NON_COAL_MINE: '非煤矿山/尾矿库', ROAD_TRAFFIC: '道路交通',
  WATER_TRAFFIC: '水上交通/渡口', CONSTRUCTION: '建筑施工', FIRE_SAFETY: '消防', SPECIAL_EQUIPMENT: '特种设备',
  FIREWORKS: '烟花爆竹', CITY_GAS: '城镇燃气', INDUSTRY_TRADE: '工贸', FISHING_VESSEL: '渔业船舶',
  NEW_ENERGY: '新能源', CROWDED_PLACE: '人员密集场所',
};
export const HAZARD_LEVEL_ZH: Record<HazardLevel, string> = { GENERAL: '一般隐患', MAJOR: '重大隐患' };
export const HAZARD_STATUS_ZH: Record<HazardStatus, string> = {
  REPORTED: '登记', RECTIFYING: '整改中', AWAITING_VERIFICATION: '待验收', CLOSED: '已销号',
};
export const HAZARD_SOURCE_ZH: Record<HazardSource, string> = {
  SELF_INSPECTION: '企业自查', DEPARTMENT_INSPECTION: '部门检查', SUPERVISION: '执法检查',
  UNANNOUNCED_VISIT: '四不两直', PUBLIC_REPORT: '群众举报',
};
export const SUPERVISION_LEVEL_ZH: Record<SupervisionLevel, string> = { COUNTY: '县级', CITY: '市级', PROVINCE: '省级' };
export const RISK_LEVEL_ZH: Record<RiskLevel, string> = { RED: '重大风险', ORANGE: '较大风险', YELLOW: '一般风险', BLUE: '低风险' };
export const ENTERPRISE_STATUS_ZH: Record<EnterpriseStatus, string> = { OPERATING: '正常生产', SUSPENDED: '停产整顿', CLOSED: '关闭取缔' };
export const STANDARDIZATION_ZH: Record<StandardizationGrade, string> = { LEVEL_1: '一级', LEVEL_2: '二级', LEVEL_3: '三级', NONE: '未达标' };
export const INSPECTION_KIND_ZH: Record<InspectionKind, string> = {
  ROUTINE: '日常检查', SPECIAL_CAMPAIGN: '专项整治', UNANNOUNCED: '四不两直', JOINT: '联合执法', FOLLOW_UP: '回头看',
};
export const ROAD_CLASS_ZH: Record<RoadClass, string> = {
  EXPRESSWAY: '高速公路', NATIONAL: '国道', PROVINCIAL: '省道', COUNTY: '县道', TOWNSHIP: '乡道', VILLAGE: '村道', URBAN: '城市道路',
};

export const ROAD_FEATURE_ZH: Record<RoadFeature, string> = {
  SHARP_BEND_STEEP_SLOPE: '急弯陡坡', BESIDE_WATER_OR_CLIFF: '临水临崖', LONG_DESCENT: '长下坡', POOR_SIGHT_LINES: '视距不良',
  NO_GUARD_RAILS: '无防护设施', LEVEL_JUNCTION: '平交路口', ACCIDENT_BLACK_SPOT: '事故多发',
};

/** A label of `labels`, or the value itself when the database holds one the map lacks. */
export function labelOf<K extends string>(labels: Record<K, string>, value: string | null): string {
  return value === null ? '' : labels[value as K] ?? value;
}

/** Road chainage in metres as 桩号: 12300 → K12+300. */
export function chainage(metres: number): string {
  return `K${Math.floor(metres / 1000)}+${String(metres % 1000).padStart(3, '0')}`;
}
