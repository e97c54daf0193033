// What the generator knows about each sector (行业领域): how common its units are in a
// prefecture like Yiyang, which department supervises it (管行业必须管安全), what its
// companies are called, and which hazards and accidents are typical of it. The hazard
// wording follows the national criteria for major hazards (重大事故隐患判定标准) of each
// sector, shortened to a ledger line.

export type Sector =
  | 'HAZARDOUS_CHEMICALS' | 'COAL_MINE' | 'NON_COAL_MINE' | 'ROAD_TRAFFIC' | 'WATER_TRAFFIC'
  | 'CONSTRUCTION' | 'FIRE_SAFETY' | 'SPECIAL_EQUIPMENT' | 'FIREWORKS' | 'CITY_GAS'
  | 'INDUSTRY_TRADE' | 'FISHING_VESSEL' | 'NEW_ENERGY' | 'CROWDED_PLACE';

export type RiskLevel = 'RED' | 'ORANGE' | 'YELLOW' | 'BLUE';

export interface HazardItem {
  type: string;
  description: string;
}

export interface SectorProfile {
  /** Relative number of enterprises of the sector. */
  weight: number;
  /** Sectors where a single failure can kill many (two-key hazards): more red and orange. */
  highRisk: boolean;
  department: string;
  /** Business words of company names, each with its legal form. */
  businesses: ReadonlyArray<readonly [string, string]>;
  medianEmployees: number;
  general: readonly HazardItem[];
  major: readonly HazardItem[];
}

const limited = '有限公司';

export const SECTORS: Readonly<Record<Sector, SectorProfile>> = {
  HAZARDOUS_CHEMICALS: {
    weight: 7, highRisk: true, department: '应急管理局', medianEmployees: 45,
    businesses: [['化工', limited], ['精细化工', limited], ['石油化工', limited], ['气体', limited], ['加油站', '']],
    general: [
      { type: '设备设施', description: '储罐区可燃气体检测报警仪未按期检定' },
      { type: '作业管理', description: '动火作业票证审批签字不全' },
      { type: '设备设施', description: '装卸区静电接地装置连接松动' },
      { type: '安全管理', description: '危险化学品安全技术说明书未张贴于作业场所' },
      { type: '作业环境', description: '仓库内化学品混存，禁忌物料未隔离' },
      { type: '应急管理', description: '应急物资柜内防毒面具过期' },
    ],
    major: [
      { type: '重大危险源', description: '涉及“两重点一重大”的生产装置未实现自动化控制' },
      { type: '重大危险源', description: '构成重大危险源的储罐未设置紧急切断装置' },
      { type: '安全距离', description: '外部安全防护距离不符合国家标准要求' },
    ],
  },
  COAL_MINE: {
    weight: 0.6, highRisk: true, department: '应急管理局', medianEmployees: 160,
    businesses: [['煤矿', ''], ['煤业', limited]],
    general: [
      { type: '通风管理', description: '局部通风机未实现“双风机、双电源”自动切换' },
      { type: '机电运输', description: '井下电缆吊挂不规范' },
      { type: '安全管理', description: '入井人员未随身携带自救器' },
    ],
    major: [
      { type: '瓦斯防治', description: '瓦斯超限作业' },
      { type: '开采管理', description: '超层越界开采' },
    ],
  },
  NON_COAL_MINE: {
    weight: 4, highRisk: true, department: '应急管理局', medianEmployees: 60,
    businesses: [['矿业', limited], ['石料厂', ''], ['锑矿', limited], ['尾矿库', '']],
    general: [
      { type: '边坡管理', description: '露天采场台阶坡面存在浮石未及时清理' },
      { type: '爆破管理', description: '爆破警戒范围标识不清' },
      { type: '设备设施', description: '提升机安全保护装置未定期试验' },
    ],
    major: [
      { type: '尾矿库', description: '尾矿库排洪设施损坏，调洪能力不足' },
      { type: '边坡管理', description: '露天采场边坡存在滑坡迹象仍组织生产' },
    ],
  },
  ROAD_TRAFFIC: {
    weight: 6, highRisk: false, department: '交通运输局', medianEmployees: 40,
    businesses: [['运输', limited], ['物流', limited], ['客运', limited], ['公交', limited]],
    general: [
      { type: '车辆管理', description: '营运车辆动态监控终端离线' },
      { type: '驾驶员管理', description: '驾驶员安全教育培训记录缺失' },
      { type: '交通设施', description: '急弯路段警示标志缺失' },
      { type: '交通设施', description: '临水路段波形护栏损毁未修复' },
    ],
    major: [
      { type: '交通设施', description: '临水临崖路段未设置防护设施' },
      { type: '车辆管理', description: '危险货物运输车辆超载运输' },
    ],
  },
  WATER_TRAFFIC: {
    weight: 3, highRisk: false, department: '交通运输局', medianEmployees: 12,
    businesses: [['航运', limited], ['渡运', ''], ['砂石码头', '']],
    general: [
      { type: '船舶管理', description: '渡船救生衣配备数量不足' },
      { type: '码头管理', description: '渡口未设置乘客须知和安全警示牌' },
      { type: '船员管理', description: '船员未持证上岗' },
    ],
    major: [
      { type: '船舶管理', description: '渡船超载、冒险航行' },
      { type: '码头管理', description: '渡口无救生设施且无人值守' },
    ],
  },
  CONSTRUCTION: {
    weight: 12, highRisk: false, department: '住房和城乡建设局', medianEmployees: 90,
    businesses: [['建筑工程', limited], ['建设', limited], ['路桥建设', limited], ['建筑劳务', limited]],
    general: [
      { type: '高处作业', description: '作业层临边防护栏杆缺失' },
      { type: '施工用电', description: '配电箱未做到“一机一闸一漏”' },
      { type: '脚手架', description: '脚手架连墙件设置不足' },
      { type: '安全管理', description: '特种作业人员未持证上岗' },
    ],
    major: [
      { type: '深基坑', description: '深基坑未按专项施工方案支护' },
      { type: '起重机械', description: '塔式起重机未经验收即投入使用' },
      { type: '模板支撑', description: '高大模板支撑体系未经专家论证' },
    ],
  },
  FIRE_SAFETY: {
    weight: 8, highRisk: false, department: '消防救援大队', medianEmployees: 25,
    businesses: [['物业管理', limited], ['酒店管理', limited], ['仓储', limited]],
    general: [
      { type: '消防设施', description: '室内消火栓无水或水压不足' },
      { type: '消防设施', description: '灭火器过期未更换' },
      { type: '疏散通道', description: '疏散指示标志损坏' },
      { type: '用火用电', description: '电动自行车在楼道内充电' },
    ],
    major: [
      { type: '疏散通道', description: '安全出口锁闭，疏散通道被堵塞' },
      { type: '消防设施', description: '自动喷水灭火系统瘫痪' },
    ],
  },
  SPECIAL_EQUIPMENT: {
    weight: 5, highRisk: false, department: '市场监督管理局', medianEmployees: 30,
    businesses: [['电梯工程', limited], ['锅炉', limited], ['起重设备', limited]],
    general: [
      { type: '电梯', description: '电梯维保记录不全' },
      { type: '压力容器', description: '压力表超期未检定' },
      { type: '锅炉', description: '锅炉水质未定期化验' },
    ],
    major: [
      { type: '电梯', description: '电梯安全保护装置失效仍投入使用' },
      { type: '压力容器', description: '超期未检验的压力容器继续使用' },
    ],
  },
  FIREWORKS: {
    weight: 2, highRisk: true, department: '应急管理局', medianEmployees: 50,
    businesses: [['烟花爆竹', limited], ['花炮', limited], ['烟花爆竹批发', limited]],
    general: [
      { type: '仓储管理', description: '仓库内产品堆码超高' },
      { type: '防静电', description: '人体静电释放装置损坏' },
      { type: '安全管理', description: '防爆电器未定期检测' },
    ],
    major: [
      { type: '仓储管理', description: '工（库）房超员、超量' },
      { type: '生产工艺', description: '擅自改变工（库）房设计用途' },
    ],
  },
  CITY_GAS: {
    weight: 3, highRisk: true, department: '住房和城乡建设局', medianEmployees: 35,
    businesses: [['燃气', limited], ['液化气站', ''], ['天然气', limited]],
    general: [
      { type: '管网设施', description: '燃气管道标志桩缺失' },
      { type: '用户安全', description: '餐饮场所未安装可燃气体报警装置' },
      { type: '场站管理', description: '液化气钢瓶充装记录不全' },
    ],
    major: [
      { type: '管网设施', description: '燃气管道被违章占压' },
      { type: '场站管理', description: '液化气站违规充装超期未检钢瓶' },
    ],
  },
  INDUSTRY_TRADE: {
    weight: 24, highRisk: false, department: '应急管理局', medianEmployees: 55,
    businesses: [['竹木制品', limited], ['茶业', limited], ['食品', limited], ['机械制造', limited],
      ['纺织', limited], ['冶金', limited], ['冷链物流', limited], ['电子科技', limited]],
    general: [
      { type: '粉尘防爆', description: '除尘系统未定期清扫，积尘超标' },
      { type: '有限空间', description: '有限空间作业未执行“先通风、再检测、后作业”' },
      { type: '设备设施', description: '机械设备传动部位防护罩缺失' },
      { type: '安全管理', description: '员工三级安全教育记录缺失' },
      { type: '液氨制冷', description: '液氨车间未设置氨气浓度报警装置' },
    ],
    major: [
      { type: '粉尘防爆', description: '粉尘爆炸危险场所设置在非框架结构的多层建筑物内' },
      { type: '液氨制冷', description: '快速冻结装置未设置在单独的作业间内' },
      { type: '金属冶炼', description: '熔融金属吊运未使用冶金起重机' },
    ],
  },
  FISHING_VESSEL: {
    weight: 2, highRisk: false, department: '农业农村局', medianEmployees: 8,
    businesses: [['渔业', limited], ['水产养殖', '合作社']],
    general: [
      { type: '船舶设备', description: '渔船号牌不清晰' },
      { type: '救生设备', description: '渔船救生圈配备不足' },
    ],
    major: [
      { type: '救生设备', description: '渔船未配备救生设备冒险出航' },
    ],
  },
  NEW_ENERGY: {
    weight: 2, highRisk: false, department: '发展和改革局', medianEmployees: 20,
    businesses: [['光伏电力', limited], ['新能源', limited], ['风电', limited]],
    general: [
      { type: '电气安全', description: '光伏组件支架锈蚀' },
      { type: '消防设施', description: '逆变器室灭火器配置不足' },
    ],
    major: [
      { type: '电气安全', description: '储能电站电池舱未设置可燃气体探测和排风' },
    ],
  },
  CROWDED_PLACE: {
    weight: 15, highRisk: false, department: '商务局', medianEmployees: 30,
    businesses: [['商贸', limited], ['大酒店', limited], ['超市', limited], ['娱乐', limited], ['民营医院', '']],
    general: [
      { type: '疏散通道', description: '营业期间疏散通道堆放杂物' },
      { type: '消防设施', description: '应急照明灯不亮' },
      { type: '用火用电', description: '厨房燃气软管老化' },
      { type: '安全管理', description: '员工未开展消防演练' },
    ],
    major: [
      { type: '疏散通道', description: '营业期间安全出口锁闭' },
      { type: '建筑防火', description: '违规使用易燃可燃材料装修' },
    ],
  },
};

export const SECTOR_NAMES = Object.keys(SECTORS) as Sector[];

/** Bare places that hazards and accidents may be about, with the sector that owns them. */
export const PLACES: ReadonlyArray<readonly [string, Sector]> = [
  ['农贸市场', 'CROWDED_PLACE'], ['汽车站', 'CROWDED_PLACE'], ['中心小学周边', 'CROWDED_PLACE'],
  ['渡口', 'WATER_TRAFFIC'], ['码头', 'WATER_TRAFFIC'], ['沿街自建房', 'FIRE_SAFETY'],
  ['九小场所集中区', 'FIRE_SAFETY'], ['老旧小区', 'CITY_GAS'], ['山塘水库', 'WATER_TRAFFIC'],
];

export const ENTERPRISE_STATUS = { OPERATING: 92, SUSPENDED: 5, CLOSED: 3 } as const;

/** The four colours: rare red, some orange, mostly yellow and blue. */
export const RISK_MIX: Readonly<Record<'high' | 'ordinary', Readonly<Record<RiskLevel, number>>>> = {
  high: { RED: 6, ORANGE: 24, YELLOW: 45, BLUE: 25 },
  ordinary: { RED: 1, ORANGE: 8, YELLOW: 36, BLUE: 55 },
};

/** Inspections a year per enterprise by risk colour: the riskier, the more often (分级监管). */
export const INSPECTIONS_PER_YEAR: Readonly<Record<RiskLevel, number>> = { RED: 6, ORANGE: 3, YELLOW: 1.5, BLUE: 0.8 };

export const DEADLINE_REASONS = [
  '需采购专用设备，供货周期较长',
  '涉及停产检修，需与生产计划衔接',
  '雨季施工条件受限',
  '需委托有资质单位编制整改方案',
  '整改资金需报上级审批',
] as const;

export const MEASURES = [
  '立即停止相关作业，制定专项整改方案并落实专人负责',
  '更换损坏设施，完成后组织复查',
  '完善安全管理制度，开展专项教育培训',
  '设置警示标志和临时防护措施，限期彻底整改',
  '委托专业机构检测评估，按评估意见整改',
] as const;

export const ACCIDENT_KINDS: Readonly<Partial<Record<Sector, readonly string[]>>> = {
  ROAD_TRAFFIC: ['货车与摩托车相撞', '小型客车侧翻', '电动自行车与小型汽车碰撞', '行人被货车碰撞'],
  CONSTRUCTION: ['高处坠落', '物体打击', '坍塌', '起重伤害'],
  INDUSTRY_TRADE: ['机械伤害', '有限空间中毒和窒息', '触电', '灼烫'],
  FIRE_SAFETY: ['居民自建房火灾', '仓库火灾'],
  WATER_TRAFFIC: ['自用船翻沉', '人员落水淹溺'],
  NON_COAL_MINE: ['冒顶片帮', '边坡坍塌'],
  HAZARDOUS_CHEMICALS: ['泄漏中毒', '储罐闪爆'],
  CITY_GAS: ['液化气瓶泄漏爆燃'],
  SPECIAL_EQUIPMENT: ['电梯困人伤害', '叉车伤害'],
  FISHING_VESSEL: ['渔船翻沉'],
  FIREWORKS: ['违规储存引发爆炸'],
};
