import { registerEnumType } from 'type-graphql';

// GraphQL enums whose names are the database values (db/migrations/0001_foundation.sql),
// so rows map to the API and filters map to SQL without a translation table.

export enum Sector {
  HAZARDOUS_CHEMICALS = 'HAZARDOUS_CHEMICALS',
  COAL_MINE = 'COAL_MINE',
  NON_COAL_MINE = 'NON_COAL_MINE',
  ROAD_TRAFFIC = 'ROAD_TRAFFIC',
  WATER_TRAFFIC = 'WATER_TRAFFIC',
  CONSTRUCTION = 'CONSTRUCTION',
  FIRE_SAFETY = 'FIRE_SAFETY',
  SPECIAL_EQUIPMENT = 'SPECIAL_EQUIPMENT',
  FIREWORKS = 'FIREWORKS',
  CITY_GAS = 'CITY_GAS',
  INDUSTRY_TRADE = 'INDUSTRY_TRADE',
  FISHING_VESSEL = 'FISHING_VESSEL',
  NEW_ENERGY = 'NEW_ENERGY',
  CROWDED_PLACE = 'CROWDED_PLACE',
}
registerEnumType(Sector, { name: 'Sector', description: '行业领域: the sector a row belongs to.' });

export enum RiskLevel {
  RED = 'RED',
  ORANGE = 'ORANGE',
  YELLOW = 'YELLOW',
  BLUE = 'BLUE',
}
registerEnumType(RiskLevel, { name: 'RiskLevel', description: '四色: 重大 red, 较大 orange, 一般 yellow, 低 blue.' });

export enum HazardLevel {
  GENERAL = 'GENERAL',
  MAJOR = 'MAJOR',
}
registerEnumType(HazardLevel, { name: 'HazardLevel', description: '一般隐患 general, 重大隐患 major.' });

export enum HazardStatus {
  REPORTED = 'REPORTED',
  RECTIFYING = 'RECTIFYING',
  AWAITING_VERIFICATION = 'AWAITING_VERIFICATION',
  CLOSED = 'CLOSED',
}
registerEnumType(HazardStatus, { name: 'HazardStatus', description: '登记 → 整改中 → 待验收 → 已销号.' });

export enum HazardSource {
  SELF_INSPECTION = 'SELF_INSPECTION',
  DEPARTMENT_INSPECTION = 'DEPARTMENT_INSPECTION',
  SUPERVISION = 'SUPERVISION',
  UNANNOUNCED_VISIT = 'UNANNOUNCED_VISIT',
  PUBLIC_REPORT = 'PUBLIC_REPORT',
}
registerEnumType(HazardSource, { name: 'HazardSource', description: '企业自查, 部门检查, 督查, 四不两直, 群众举报.' });

export enum SupervisionLevel {
  COUNTY = 'COUNTY',
  CITY = 'CITY',
  PROVINCE = 'PROVINCE',
}
registerEnumType(SupervisionLevel, { name: 'SupervisionLevel', description: '挂牌督办 level.' });

export enum HazardEvent {
  CREATED = 'CREATED',
  TRANSITION = 'TRANSITION',
  DEADLINE_EXTENDED = 'DEADLINE_EXTENDED',
  LISTED = 'LISTED',
  PUBLISHED = 'PUBLISHED',
  UNPUBLISHED = 'UNPUBLISHED',
  ESCALATED = 'ESCALATED',
  ATTACHMENT_ADDED = 'ATTACHMENT_ADDED',
}
registerEnumType(HazardEvent, {
  name: 'HazardEvent',
  description: '登记, 状态变更, 延期, 挂牌督办, 公示, 撤销公示, 催办升级, 添加附件.',
  valuesConfig: {
    CREATED: { description: '登记: the hazard was recorded.' },
    TRANSITION: { description: 'A status change (fromStatus → toStatus).' },
    DEADLINE_EXTENDED: { description: '延期: oldDeadline → newDeadline, with the reason as note.' },
    LISTED: { description: '挂牌督办: see listing.' },
    PUBLISHED: { description: '公示: the hazard was published.' },
    UNPUBLISHED: { description: '撤销公示: the publication was withdrawn.' },
    ESCALATED: { description: '书面说明, 督办函 or 通报批评 for a hazard that stays overdue: see escalation (docs/chasing.md).' },
    ATTACHMENT_ADDED: { description: '添加附件: a photo or document was attached (Hazard.attachments).' },
  },
});

export enum ChaseStep {
  REMINDER = 'REMINDER',
  OVERDUE = 'OVERDUE',
  WRITTEN_EXPLANATION = 'WRITTEN_EXPLANATION',
  SUPERVISION_LETTER = 'SUPERVISION_LETTER',
  PUBLIC_CRITICISM = 'PUBLIC_CRITICISM',
}
registerEnumType(ChaseStep, {
  name: 'ChaseStep',
  description: '催办 (the chase_step domain, docs/chasing.md): 整改提醒, 超期提醒, and the ladder 书面说明 → 督办函 → 通报批评.',
});

export enum EnterpriseStatus {
  OPERATING = 'OPERATING',
  SUSPENDED = 'SUSPENDED',
  CLOSED = 'CLOSED',
}
registerEnumType(EnterpriseStatus, { name: 'EnterpriseStatus', description: '正常生产, 停产整顿, 关闭取缔.' });

export enum StandardizationGrade {
  LEVEL_1 = 'LEVEL_1',
  LEVEL_2 = 'LEVEL_2',
  LEVEL_3 = 'LEVEL_3',
  NONE = 'NONE',
}
registerEnumType(StandardizationGrade, { name: 'StandardizationGrade', description: '安全生产标准化 一级/二级/三级/未达标.' });

export enum RoadClass {
  EXPRESSWAY = 'EXPRESSWAY',
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  COUNTY = 'COUNTY',
  TOWNSHIP = 'TOWNSHIP',
  VILLAGE = 'VILLAGE',
  URBAN = 'URBAN',
}
registerEnumType(RoadClass, { name: 'RoadClass' });

export enum RoadFeature {
  SHARP_BEND_STEEP_SLOPE = 'SHARP_BEND_STEEP_SLOPE',
  BESIDE_WATER_OR_CLIFF = 'BESIDE_WATER_OR_CLIFF',
  LONG_DESCENT = 'LONG_DESCENT',
  POOR_SIGHT_LINES = 'POOR_SIGHT_LINES',
  NO_GUARD_RAILS = 'NO_GUARD_RAILS',
  LEVEL_JUNCTION = 'LEVEL_JUNCTION',
  ACCIDENT_BLACK_SPOT = 'ACCIDENT_BLACK_SPOT',
}
registerEnumType(RoadFeature, { name: 'RoadFeature', description: '急弯陡坡, 临水临崖, 长下坡, 视距不良, 无防护设施, 平交路口, 事故多发.' });

export enum InspectionKind {
  ROUTINE = 'ROUTINE',
  SPECIAL_CAMPAIGN = 'SPECIAL_CAMPAIGN',
  UNANNOUNCED = 'UNANNOUNCED',
  JOINT = 'JOINT',
  FOLLOW_UP = 'FOLLOW_UP',
}
registerEnumType(InspectionKind, { name: 'InspectionKind', description: '日常, 专项整治, 四不两直, 联合执法, 回头看.' });

export enum EnforcementKind {
  ORDER_RECTIFY = 'ORDER_RECTIFY',
  FINE = 'FINE',
  SUSPEND = 'SUSPEND',
  CLOSE = 'CLOSE',
  REFER_JUDICIARY = 'REFER_JUDICIARY',
}
registerEnumType(EnforcementKind, { name: 'EnforcementKind', description: '责令整改, 罚款, 停产整顿, 关闭取缔, 移送司法.' });

export enum AccidentGrade {
  EXTRAORDINARY = 'EXTRAORDINARY',
  MAJOR = 'MAJOR',
  LARGER = 'LARGER',
  GENERAL = 'GENERAL',
}
registerEnumType(AccidentGrade, { name: 'AccidentGrade', description: '国务院令第493号: 特别重大, 重大, 较大, 一般.' });

export enum HazardAction {
  START_RECTIFICATION = 'START_RECTIFICATION',
  SUBMIT_RECTIFICATION = 'SUBMIT_RECTIFICATION',
  VERIFY_PASS = 'VERIFY_PASS',
  VERIFY_FAIL = 'VERIFY_FAIL',
  REOPEN = 'REOPEN',
  EXTEND_DEADLINE = 'EXTEND_DEADLINE',
  LIST_FOR_SUPERVISION = 'LIST_FOR_SUPERVISION',
  PUBLISH = 'PUBLISH',
  UNPUBLISH = 'UNPUBLISH',
}
registerEnumType(HazardAction, {
  name: 'HazardAction',
  description: '开始整改, 提交验收, 验收通过 (销号), 验收不通过, 回头看, 延期, 挂牌督办, 公示, 撤销公示: what one may do to a hazard (docs/closed-loop.md).',
});
