import { CREATORS, type CreatedKind } from '../common/mutation';
import {
  ENTERPRISE_STATUS_ZH, HAZARD_LEVEL_ZH, HAZARD_SOURCE_ZH, HAZARD_STATUS_ZH, INSPECTION_KIND_ZH, RISK_LEVEL_ZH,
  ROAD_CLASS_ZH, ROAD_FEATURE_ZH, SECTOR_ZH, STANDARDIZATION_ZH,
} from '../export/labels-zh';

// What each kind of ledger file holds, column by column: the one description of an import
// that the template, the header matching, the row checks, the web's mapping screen
// (Query.importFields) and docs/import.md all follow. Labels are the county ledger's words,
// the same as the exports print (api/src/export/export.kinds.ts), so an exported ledger
// imports back; allowed values are the labels of labels-zh.ts, the one home of the Chinese
// names of every enumeration.

export const IMPORT_KINDS = ['enterprises', 'hazards', 'road-segments', 'inspections', 'accidents'] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

export type FieldType =
  | 'text' | 'integer' | 'number' | 'date' | 'datetime' | 'enum' | 'enumList' | 'textList'
  | 'creditCode' | 'chainage' | 'lng' | 'lat' | 'line' | 'majorHazardGrade';

export interface ImportFieldDef {
  /** The name in the staged record and in a mapping. */
  name: string;
  /** The template's header (Chinese). */
  label: string;
  /** Other headers county ledgers use for the same column. */
  synonyms: string[];
  required: boolean;
  type: FieldType;
  /** enum, enumList: value → Chinese label (labels-zh.ts). */
  labels?: Record<string, string>;
  /** What the 填写说明 sheet says about it. */
  hint: string;
}

const f = (name: string, label: string, type: FieldType, required: boolean, hint: string, synonyms: string[] = [],
  labels?: Record<string, string>): ImportFieldDef => ({ name, label, type, required, hint, synonyms, ...(labels ? { labels } : {}) });

const TOWN = f('town', '所属乡镇（街道）', 'text', false, '乡镇（街道）名称或9位区划代码；无坐标时按乡镇定位并标注',
  ['乡镇（街道）', '所属乡镇', '乡镇', '街道', '乡镇街道', '所在乡镇', '所属街道']);
const ADDRESS = (label = '地址', synonyms = ['详细地址', '单位地址', '经营地址', '地点']) =>
  f('address', label, 'text', false, '无坐标时从地址中识别乡镇名称', synonyms);
const LNG = f('lng', '经度', 'lng', false, '十进制度，如 112.3551；坐标系在导入时选择（WGS84/CGCS2000/GCJ-02/BD-09）',
  ['东经', 'X', 'x', 'lng', 'lon', 'longitude', '经度坐标', '横坐标']);
const LAT = f('lat', '纬度', 'lat', false, '十进制度，如 28.5539', ['北纬', 'Y', 'y', 'lat', 'latitude', '纬度坐标', '纵坐标']);
const SECTOR = f('sector', '行业领域', 'enum', true, '行业领域名称', ['行业', '所属行业', '行业类别', '所属领域'], SECTOR_ZH);
const CREDIT_REF = (label: string) => f('creditCode', '统一社会信用代码', 'creditCode', false,
  `${label}的18位统一社会信用代码（须为已登记企业）`, ['信用代码', '社会信用代码', '企业信用代码']);

export const IMPORT_FIELDS: Record<ImportKindName, ImportFieldDef[]> = {
  enterprises: [
    f('name', '单位名称', 'text', true, '生产经营单位全称', ['企业名称', '单位', '企业', '生产经营单位']),
    f('creditCode', '统一社会信用代码', 'creditCode', true, '18位统一社会信用代码（GB 32100），导入的唯一键', ['信用代码', '社会信用代码']),
    SECTOR,
    f('riskLevel', '风险等级', 'enum', true, '四色风险等级', ['风险分级', '风险级别', '四色等级'], RISK_LEVEL_ZH),
    ADDRESS(), TOWN, LNG, LAT,
    f('department', '监管部门', 'text', false, '行业监管部门', ['主管部门', '行业主管部门', '监管单位']),
    f('majorHazardGrade', '重大危险源', 'majorHazardGrade', false, '无，或 1～4 级（如“2 级”）', ['重大危险源等级', '危险源等级']),
    f('standardizationGrade', '安全生产标准化', 'enum', false, '安全生产标准化等级', ['标准化等级', '标准化'], STANDARDIZATION_ZH),
    f('status', '生产状态', 'enum', false, '默认正常生产', ['经营状态', '企业状态', '状态'], ENTERPRISE_STATUS_ZH),
    f('employeeCount', '从业人数', 'integer', false, '整数', ['职工人数', '员工人数', '从业人员数']),
    f('contactName', '联系人', 'text', false, '安全管理联系人', ['安全负责人', '负责人']),
    f('contactPhone', '联系电话', 'text', false, '', ['电话', '手机', '联系方式']),
  ],
  hazards: [
    f('code', '隐患编号', 'text', true, '台账中的隐患编号，导入的唯一键', ['编号', '隐患编码']),
    f('description', '隐患内容', 'text', true, '隐患情况描述', ['隐患描述', '隐患情况', '存在问题', '隐患名称', '隐患具体情况']),
    f('level', '隐患级别', 'enum', true, '一般隐患或重大隐患', ['隐患等级', '级别'], HAZARD_LEVEL_ZH),
    SECTOR,
    f('source', '隐患来源', 'enum', true, '发现方式', ['排查方式', '来源', '发现方式'], HAZARD_SOURCE_ZH),
    f('hazardType', '隐患类别', 'text', false, '如 电气安全、消防设施', ['隐患类型', '类别']),
    CREDIT_REF('隐患所在企业'),
    f('placeName', '隐患所在单位（场所、路段）', 'text', false, '非企业隐患的场所名称（集贸市场、渡口等）',
      ['所在单位', '场所名称', '隐患地点', '隐患部位', '隐患所在单位', '单位名称']),
    f('roadSegmentId', '路段编号', 'text', false, '道路隐患所在路段的导入编号（须已导入）', ['道路隐患路段编号']),
    ADDRESS('地址', ['详细地址', '隐患地址', '地点']), TOWN, LNG, LAT,
    f('foundOn', '排查日期', 'date', true, '如 2026-03-15', ['发现日期', '检查日期', '排查时间', '发现时间', '登记日期']),
    f('status', '治理状态', 'enum', false, '默认登记；整改中及以后须填齐五到位（责任人、措施、资金、时限、预案）',
      ['整改状态', '状态', '整改情况'], HAZARD_STATUS_ZH),
    f('responsiblePerson', '整改责任人', 'text', false, '五到位：责任', ['责任人', '整改负责人']),
    f('measures', '整改措施', 'text', false, '五到位：措施', ['治理措施', '整改方案']),
    f('fundsYuan', '整改资金（元）', 'number', false, '五到位：资金，单位元', ['整改资金', '资金（元）', '资金', '治理资金']),
    f('deadline', '整改时限', 'date', false, '五到位：时限（延期后的时限）', ['整改期限', '完成时限', '整改完成时限']),
    f('originalDeadline', '原整改时限', 'date', false, '延期过的隐患填写原定时限，并填写延期原因', ['原定时限', '原整改期限']),
    f('extensionReason', '延期原因', 'text', false, '有原整改时限时必填', ['延期理由']),
    f('contingencyPlan', '应急预案', 'text', false, '五到位：预案', ['应急措施', '预案', '应急处置措施']),
  ],
  'road-segments': [
    f('externalId', '路段编号', 'text', true, '台账中的路段编号，导入的唯一键', ['编号', '导入编号']),
    f('roadName', '道路名称', 'text', true, '', ['路线名称', '道路']),
    f('roadNumber', '道路编号', 'text', true, '如 G207、S308、X012；城市道路填“城市道路”', ['路线编号', '路线编码']),
    f('roadClass', '道路等级', 'enum', true, '道路行政等级', ['公路等级', '行政等级', '道路类别'], ROAD_CLASS_ZH),
    f('startChainage', '起点桩号', 'chainage', true, '如 K12+300', ['起始桩号', '起点']),
    f('endChainage', '终点桩号', 'chainage', true, '如 K13+050', ['终止桩号', '止点桩号', '终点']),
    f('line', '线形坐标', 'line', false, '经度,纬度;经度,纬度;…（至少两点）；GeoJSON/Shapefile 导入时取其线要素',
      ['坐标串', '路段坐标']),
    TOWN,
    f('features', '隐患特征', 'enumList', false, '可多选，用顿号分隔', ['路段特征', '风险特征', '隐患类型'], ROAD_FEATURE_ZH),
    f('accidentsLast3y', '近三年事故起数', 'integer', false, '整数', ['近三年事故数', '事故起数']),
    f('riskLevel', '风险等级', 'enum', true, '四色风险等级', ['风险分级', '风险级别'], RISK_LEVEL_ZH),
    f('department', '责任部门', 'text', false, '', ['管养单位', '主管部门', '监管部门']),
  ],
  inspections: [
    f('externalId', '检查编号', 'text', true, '台账中的检查编号，导入的唯一键', ['编号', '导入编号', '文书编号']),
    f('inspectedOn', '检查日期', 'date', true, '如 2026-03-15', ['检查时间']),
    CREDIT_REF('被检查单位'),
    TOWN,
    SECTOR,
    f('department', '检查部门', 'text', true, '', ['执法部门', '检查单位']),
    f('inspectors', '检查人员', 'textList', false, '多人用顿号分隔', ['执法人员', '检查人']),
    f('kind', '检查方式', 'enum', true, '', ['检查类型', '检查类别', '检查形式'], INSPECTION_KIND_ZH),
    f('summary', '检查情况', 'text', false, '', ['检查结果', '检查内容', '备注']),
  ],
  accidents: [
    f('externalId', '事故编号', 'text', true, '台账中的事故编号，导入的唯一键', ['编号', '导入编号']),
    f('occurredAt', '事故时间', 'datetime', true, '如 2026-03-15 14:30', ['事故日期', '发生时间', '发生日期']),
    ADDRESS('事故地点', ['地点', '地址', '发生地点']), TOWN, LNG, LAT,
    SECTOR,
    CREDIT_REF('事故单位'),
    f('description', '事故简况', 'text', true, '', ['事故概况', '事故情况', '简要经过']),
    f('deaths', '死亡人数', 'integer', false, '整数，默认0', ['死亡']),
    f('seriousInjuries', '重伤人数', 'integer', false, '整数，默认0', ['重伤', '受伤人数']),
    f('directLossYuan', '直接经济损失（元）', 'number', false, '单位元，默认0', ['直接经济损失', '经济损失（元）', '经济损失']),
    f('reportedAt', '报告时间', 'datetime', false, '向县级监管部门报告的时间', ['上报时间', '接报时间']),
  ],
};

/** Who may import each kind: those who may create it (CREATORS, as Me.mayCreate says). */
export const IMPORT_CREATED_KIND: Record<ImportKindName, CreatedKind> = {
  enterprises: 'enterprise', hazards: 'hazard', 'road-segments': 'roadSegment', inspections: 'inspection', accidents: 'accident',
};
export const importers = (kind: ImportKindName) => CREATORS[IMPORT_CREATED_KIND[kind]];

/** The field that keys a row of `kind`: importing the same file again finds the row it brought. */
export const KEY_FIELD: Record<ImportKindName, string> = {
  enterprises: 'creditCode', hazards: 'code', 'road-segments': 'externalId', inspections: 'externalId', accidents: 'externalId',
};

/** The template's title per kind (sheet and file name). */
export const KIND_TITLE: Record<ImportKindName, string> = {
  enterprises: '生产经营单位台账', hazards: '隐患排查治理台账', 'road-segments': '道路隐患路段台账', inspections: '执法检查台账',
  accidents: '生产安全事故台账',
};

/** Header text as compared: no spaces, full-width brackets as half-width, no required-marks. */
export function headerKey(header: string): string {
  return header.normalize('NFKC').replace(/[\s*＊※]/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}

/**
 * The mapping the file's headers suggest: each field takes the column whose header is its
 * label or a synonym; `remembered` (the user's last confirmed mapping of the kind) wins where
 * its column is in the file.
 */
export function suggestMapping(kind: ImportKindName, columns: string[], remembered: Record<string, string> | null): Record<string, string> {
  const byKey = new Map<string, string>();
  for (const column of columns) if (!byKey.has(headerKey(column))) byKey.set(headerKey(column), column);
  const mapping: Record<string, string> = {};
  const taken = new Set<string>();
  // Labels first for every field, then synonyms: a synonym of one field ("单位名称") must not
  // take the column that is another field's own label.
  for (const pass of ['label', 'synonym'] as const) {
    for (const field of IMPORT_FIELDS[kind]) {
      if (mapping[field.name]) continue;
      const names = pass === 'label' ? [field.label] : field.synonyms;
      const column = names.map((name) => byKey.get(headerKey(name))).find((c) => c !== undefined && !taken.has(c));
      if (column !== undefined) {
        mapping[field.name] = column;
        taken.add(column);
      }
    }
  }
  if (remembered) {
    for (const [name, column] of Object.entries(remembered)) {
      if (columns.includes(column) && IMPORT_FIELDS[kind].some((field) => field.name === name)) mapping[name] = column;
    }
  }
  return mapping;
}

/** Required fields without a column: the run cannot be confirmed until they are mapped. */
export function unmappedRequired(kind: ImportKindName, mapping: Record<string, string>): string[] {
  return IMPORT_FIELDS[kind].filter((field) => field.required && !mapping[field.name]).map((field) => field.name);
}
