/** Simplified Chinese, the default: the terms the users' own documents use (docs: domain.md). */
export const zhCN = {
  app: {
    title: '安全生产风险一张图',
    language: '语言',
    signOut: '退出登录',
    explorer: 'GraphQL 查询',
    syntheticNote: '边界为近似位置；乡镇边界、企业、隐患和路段均为演示用合成数据。',
    loading: '加载中…',
    pending: '该数据接口尚未上线',
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
    INTERNAL_SERVER_ERROR: '服务器出现问题，请稍后再试。',
    NETWORK: '无法连接服务器，请检查网络。',
    signIn: { UNAUTHENTICATED: '用户名或密码不正确。' },
  },
  levels: { city: '市', county: '区县', town: '乡镇/街道', province: '省' },
  map: {
    layers: '图层',
    legend: '图例',
    boundaries: '行政区划',
    choropleth: '分级设色',
    choroplethLevel: '分级单元',
    metric: '指标',
    heatmap: '隐患热力图',
    enterprises: '企业（四色）',
    roads: '道路隐患路段',
    overdue: '超期隐患',
    clusterHint: '圆圈中的企业数量见图例，放大后逐个显示',
    sectorsAll: '全部行业',
    weight: '权重：重大隐患 × 3，一般隐患 × 1',
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
    title: '筛选', jurisdiction: '行政区划', allJurisdictions: '全部（本辖区）', sectors: '行业领域', levels: '隐患等级',
    statuses: '状态', sources: '来源', overdueOnly: '仅超期', from: '发现日期自', to: '至', any: '全部', reset: '重置',
  },
  list: {
    title: '隐患台账', orderBy: '排序', previous: '上一页', next: '下一页', page: '第 {{page}} 页',
    orders: { OVERDUE_DAYS_DESC: '超期天数', FOUND_AT_DESC: '最新发现', DEADLINE_ASC: '整改时限', LEVEL_DESC: '重大隐患优先' },
  },
  export: {
    xlsx: '导出 Excel', csv: '导出 CSV', fileName: '隐患台账',
    code: '隐患编号', description: '隐患描述', town: '乡镇/街道', subject: '所属单位/路段/地点', sector: '行业领域',
    level: '隐患等级', source: '来源', status: '状态', foundAt: '发现日期', deadline: '整改时限', overdueDays: '超期天数',
  },
  detail: {
    fiveInPlace: '五到位', history: '处置记录', system: '系统', extended: '整改时限延期至 {{date}}', back: '返回列表',
    fields: {
      responsiblePerson: '责任人', measures: '整改措施', fundsYuan: '整改资金（元）', deadline: '整改时限', contingencyPlan: '应急预案',
      note: '说明', reason: '理由', newDeadline: '新的整改时限',
    },
  },
  actions: { start: '开始整改', submit: '提交验收', verify: '验收通过', reject: '验收不通过', extend: '延期', reopen: '回头看重新打开' },
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
