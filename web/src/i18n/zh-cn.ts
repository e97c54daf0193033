/** Simplified Chinese, the default: the terms the users' own documents use (docs: domain.md). */
export const zhCN = {
  app: {
    title: '安全生产风险一张图',
    language: '语言',
    signOut: '退出登录',
    explorer: 'GraphQL 查询',
    syntheticNote: '边界为近似位置；乡镇边界、企业、隐患和路段均为演示用合成数据。',
    loading: '加载中…',
  },
  languages: { 'zh-CN': '中文', en: 'English' },
  roles: {
    admin: '系统管理员', leader: '领导', analyst: '安委办分析员', inspector: '行业部门',
    town: '乡镇/街道', enterprise: '企业', public: '群众',
  },
  signIn: {
    title: '登录', username: '用户名', password: '密码', submit: '登录',
    demoUsers: '演示账号', passwordHint: '演示账号的密码由 npm start 打印（默认 yiyang-demo）。',
  },
  errors: {
    BAD_USER_INPUT: '输入的内容不符合要求，请检查后重试。',
    UNAUTHENTICATED: '登录已失效，请重新登录。',
    FORBIDDEN: '您的角色无权进行此操作，或该数据不在您的管辖范围内。',
    NOT_FOUND: '未找到该记录，可能已被删除或不在您的管辖范围内。',
    CONFLICT: '该记录已被他人修改，请刷新后重试。',
    INVALID_TRANSITION: '当前状态下不能进行此操作，请刷新查看最新状态。',
    RATE_LIMITED: '操作过于频繁，请稍后再试。',
    SERVICE_UNAVAILABLE: '数据库暂时无法连接，请稍后再试。',
    INTERNAL_SERVER_ERROR: '服务器出现问题，请稍后再试。',
    NETWORK: '无法连接服务器，请检查网络。',
    signIn: { UNAUTHENTICATED: '用户名或密码不正确。' },
  },
  levels: { city: '市', county: '区县', town: '乡镇/街道', province: '省' },
  map: {
    byZoom: '随缩放（区县/乡镇）',
    layers: '图层',
    legend: '图例',
    choropleth: '分级设色',
    choroplethLevel: '分级单元',
    metric: '指标',
    heatmap: '隐患热力图',
    enterprises: '企业（四色）',
    roads: '道路隐患路段',
    overdue: '超期隐患',
    clusterHint: '缩小时按网格汇总：圆圈越大企业越多，颜色取格内最高风险；放大后逐个显示',
    weight: '权重：重大隐患 × 5，一般隐患 × 1',
    low: '低', high: '高',
  },
  metrics: {
    overdueCount: '超期隐患数', riskScore: '风险评分', rectificationRate: '整改率', openMajor: '未整改重大隐患',
  },
  risk: { RED: '重大风险', ORANGE: '较大风险', YELLOW: '一般风险', BLUE: '低风险' },
  hazardLevel: { GENERAL: '一般隐患', MAJOR: '重大隐患' },
  status: { REPORTED: '登记', RECTIFYING: '整改中', AWAITING_VERIFICATION: '待验收', CLOSED: '已销号' },
  source: {
    SELF_INSPECTION: '企业自查', DEPARTMENT_INSPECTION: '部门检查', SUPERVISION: '执法检查',
    UNANNOUNCED_VISIT: '四不两直', PUBLIC_REPORT: '群众举报',
  },
  filters: {
    sectorsPicked: '{{first}} 等 {{count}} 项', allSectors: '全部行业',
    title: '筛选', jurisdiction: '行政区划', allJurisdictions: '全部（本辖区）', sectors: '行业领域', levels: '隐患等级',
    statuses: '状态', sources: '来源', overdueOnly: '仅超期', from: '发现日期自', to: '至', any: '全部', reset: '重置',
  },
  list: {
    empty: '没有符合筛选条件的隐患', title: '隐患台账', orderBy: '排序', previous: '上一页', next: '下一页', page: '第 {{page}} 页',
    orders: { OVERDUE_DAYS_DESC: '超期天数', FOUND_AT_DESC: '最新发现', DEADLINE_ASC: '整改时限', LEVEL_DESC: '重大隐患优先' },
  },
  export: {
    xlsx: '导出 Excel', csv: '导出 CSV', fileName: '隐患台账',
    code: '隐患编号', description: '隐患描述', town: '乡镇/街道', subject: '所属单位/路段/地点', sector: '行业领域',
    level: '隐患等级', source: '来源', status: '状态', foundAt: '发现日期', deadline: '整改时限', overdueDays: '超期天数',
  },
  detail: {
    fiveInPlace: '五到位', history: '处置记录', system: '系统', extended: '整改时限延期至 {{date}}', openHazards: '未销号隐患', noOpenHazards: '没有未销号的隐患', overdueDays: '超期 {{days}} 天', notFound: '未找到该记录，可能已删除或不在您的管辖范围内。',
    synthetic: '演示用合成数据', back: '返回列表',
    fields: {
      responsiblePerson: '责任人', measures: '整改措施', fundsYuan: '整改资金（元）', deadline: '整改时限', contingencyPlan: '应急预案',
      note: '说明', reason: '理由', newDeadline: '新的整改时限',
    },
  },
  actions: { start: '开始整改', submit: '提交验收', verify: '验收通过', reject: '验收不通过', extend: '延期', reopen: '回头看重新打开' },
  panel: {
    riskScore: '风险评分', rank: '第 {{rank}} / {{count}} 名', zone: { red: '红区', blue: '蓝区' },
    formula: '评分构成（权重可配置，见 docs/metrics.md）',
    parts: {
      openMajor: '未销号重大隐患', openGeneral: '未销号一般隐患', overdue: '超期隐患', listed: '挂牌督办', redEnterprises: '红色企业',
      orangeEnterprises: '橙色企业', accidents: '事故起数', deaths: '死亡人数', seriousInjuries: '重伤人数',
    },
    open: '未销号隐患', ofMajor: '其中重大 {{count}}', overdue: '超期隐患', listed: '挂牌督办', rectificationRate: '整改率',
    accidents: '事故起数', deaths: '死亡人数', injuries: '受伤人数', loss: '直接经济损失（万元）', inspections: '执法检查',
    enterprises: '企业四色', yoy: '同比 {{change}}', noPrevious: '上年同期为 0',
    trend: '月度趋势', series: { found: '发现', closed: '销号', overdue: '超期' }, noTrend: '该期间没有数据',
    bySector: '分行业隐患', bySectorHint: '（数量 / 超期，点击筛选该行业）', pickSector: '只看该行业',
    noHazards: '没有符合条件的隐患', notFound: '未找到该行政区划，或不在您的管辖范围内。',
  },
  enterprise: {
    creditCode: '统一社会信用代码', address: '地址', status: '生产状态',
    statuses: { OPERATING: '正常生产', SUSPENDED: '停产整顿', CLOSED: '关闭取缔' },
    majorHazard: '重大危险源', grade: '{{grade}} 级', none: '无', standardization: '安全生产标准化',
    standardizationGrades: { LEVEL_1: '一级', LEVEL_2: '二级', LEVEL_3: '三级', NONE: '未达标' },
    employees: '从业人数', department: '监管部门', contact: '联系人',
  },
  road: {
    chainage: '桩号', length: '长度', km: '{{km}} 公里', class: '道路等级', features: '隐患特征', accidents: '近三年事故',
    classes: { EXPRESSWAY: '高速公路', NATIONAL: '国道', PROVINCIAL: '省道', COUNTY: '县道', TOWNSHIP: '乡道', VILLAGE: '村道', URBAN: '城市道路' },
    featureNames: {
      SHARP_BEND_STEEP_SLOPE: '急弯陡坡', BESIDE_WATER_OR_CLIFF: '临水临崖', LONG_DESCENT: '长下坡', POOR_SIGHT_LINES: '视距不良',
      NO_GUARD_RAILS: '无防护设施', LEVEL_JUNCTION: '平交路口', ACCIDENT_BLACK_SPOT: '事故多发',
    },
  },
  sectors: {
    HAZARDOUS_CHEMICALS: '危险化学品', COAL_MINE: '煤矿', NON_COAL_MINE: '非煤矿山/尾矿库', ROAD_TRAFFIC: '道路交通',
    WATER_TRAFFIC: '水上交通/渡口', CONSTRUCTION: '建筑施工', FIRE_SAFETY: '消防', SPECIAL_EQUIPMENT: '特种设备',
    FIREWORKS: '烟花爆竹', CITY_GAS: '城镇燃气', INDUSTRY_TRADE: '工贸', FISHING_VESSEL: '渔业船舶',
    NEW_ENERGY: '新能源', CROWDED_PLACE: '人员密集场所',
  },
};

/** Every language has exactly these keys. */
type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof zhCN>;
