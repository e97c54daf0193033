// What the generator knows about each sector (行业领域): how common its units are in a
// prefecture like Yiyang, which department supervises it (管行业必须管安全), what its
// companies are called, and which hazards and accidents are typical of it. The hazard
// wording follows the national criteria for major hazards (重大事故隐患判定标准) of each
// sector, shortened to a ledger line.
//
// A hazard must fit what it is about: a line of a fireworks plant is not found at a petrol
// station, a road hazard is about the road and never about a driver's paperwork, and a
// market's hazard is a market's. So hazard items belong to a subject: an enterprise's items
// to its sector, narrowed where needed to its business (`only`); a road segment's to the
// segment's features; a bare place's to the place. A description is a template: `[a|b|c]`
// is one of the alternatives and `{n}` a small count, which gives a ledger many distinct
// lines that still read as the same kind of finding.

export type Sector =
  | 'HAZARDOUS_CHEMICALS' | 'COAL_MINE' | 'NON_COAL_MINE' | 'ROAD_TRAFFIC' | 'WATER_TRAFFIC'
  | 'CONSTRUCTION' | 'FIRE_SAFETY' | 'SPECIAL_EQUIPMENT' | 'FIREWORKS' | 'CITY_GAS'
  | 'INDUSTRY_TRADE' | 'FISHING_VESSEL' | 'NEW_ENERGY' | 'CROWDED_PLACE';

export type RiskLevel = 'RED' | 'ORANGE' | 'YELLOW' | 'BLUE';

export interface HazardItem {
  type: string;
  /** A template: `[a|b]` one of the alternatives, `{n}` a count from 2 to 9. */
  description: string;
  /** The businesses (words of the company name) the item applies to; all of the sector's when absent. */
  only?: readonly string[];
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
const FACTORY = ['竹木制品', '茶业', '食品', '机械制造', '纺织', '冶金'];

export const SECTORS: Readonly<Record<Sector, SectorProfile>> = {
  HAZARDOUS_CHEMICALS: {
    weight: 7, highRisk: true, department: '应急管理局', medianEmployees: 45,
    businesses: [['化工', limited], ['精细化工', limited], ['石油化工', limited], ['气体', limited], ['加油站', '']],
    general: [
      { type: '设备设施', description: '[罐区|装置区|仓库|装卸区]{n}台可燃气体检测报警仪未按期检定', only: ['化工', '精细化工', '石油化工', '气体'] },
      { type: '作业管理', description: '[动火|受限空间|盲板抽堵|高处]作业票证审批签字不全', only: ['化工', '精细化工', '石油化工', '气体'] },
      { type: '设备设施', description: '[装卸区|罐区|泵房]静电接地装置连接松动', only: ['化工', '精细化工', '石油化工', '气体'] },
      { type: '安全管理', description: '[甲类仓库|乙类仓库|生产车间|中控室]未张贴危险化学品安全技术说明书', only: ['化工', '精细化工', '石油化工', '气体'] },
      { type: '作业环境', description: '[1号|2号|3号|甲类]仓库内化学品混存，禁忌物料未隔离', only: ['化工', '精细化工', '石油化工'] },
      { type: '应急管理', description: '[中控室|罐区|装置区]应急物资柜内{n}套防毒面具过期', only: ['化工', '精细化工', '石油化工', '气体'] },
      { type: '工艺管理', description: '[反应釜|精馏塔|蒸发器]温度、压力联锁处于摘除状态未审批', only: ['化工', '精细化工', '石油化工'] },
      { type: '设备设施', description: '充装间{n}只气瓶超期未检', only: ['气体'] },
      { type: '设备设施', description: '[1号|2号|3号|4号]加油机防爆挠性管老化', only: ['加油站'] },
      { type: '作业管理', description: '卸油作业时未连接静电接地报警仪', only: ['加油站'] },
      { type: '安全管理', description: '加油站[罩棚|便利店|卸油口]区域灭火器配置不足，缺{n}具', only: ['加油站'] },
      { type: '作业环境', description: '[油罐区|加油区]设置非防爆电器', only: ['加油站'] },
    ],
    major: [
      { type: '重大危险源', description: '涉及“两重点一重大”的[生产装置|储存设施]未实现自动化控制', only: ['化工', '精细化工', '石油化工'] },
      { type: '重大危险源', description: '构成重大危险源的[储罐|罐组]未设置紧急切断装置', only: ['化工', '精细化工', '石油化工', '气体'] },
      { type: '安全距离', description: '外部安全防护距离不符合国家标准要求', only: ['化工', '精细化工', '石油化工', '气体'] },
      { type: '储存管理', description: '埋地油罐未按要求改造为双层罐或设置防渗池', only: ['加油站'] },
    ],
  },
  COAL_MINE: {
    weight: 0.6, highRisk: true, department: '应急管理局', medianEmployees: 160,
    businesses: [['煤矿', ''], ['煤业', limited]],
    general: [
      { type: '通风管理', description: '[采煤工作面|掘进工作面|回风巷]局部通风机未实现“双风机、双电源”自动切换' },
      { type: '机电运输', description: '[主运输巷|副井|采区变电所]电缆吊挂不规范' },
      { type: '安全管理', description: '[早班|中班|夜班]{n}名入井人员未随身携带自救器' },
      { type: '监测监控', description: '[采煤工作面|掘进工作面|回风巷]甲烷传感器未按期调校' },
    ],
    major: [
      { type: '瓦斯防治', description: '[采煤工作面|掘进工作面]瓦斯超限作业' },
      { type: '开采管理', description: '超层越界开采' },
    ],
  },
  NON_COAL_MINE: {
    weight: 4, highRisk: true, department: '应急管理局', medianEmployees: 60,
    businesses: [['矿业', limited], ['石料厂', ''], ['锑矿', limited], ['尾矿库', '']],
    general: [
      { type: '边坡管理', description: '露天采场[+80m|+100m|+120m|+140m]台阶坡面存在浮石未及时清理', only: ['矿业', '石料厂'] },
      { type: '爆破管理', description: '爆破警戒范围标识不清', only: ['矿业', '石料厂', '锑矿'] },
      { type: '设备设施', description: '[主井|副井|斜井]提升机安全保护装置未定期试验', only: ['锑矿', '矿业'] },
      { type: '通风管理', description: '[-120m|-160m|-200m]中段局部通风不良', only: ['锑矿'] },
      { type: '设备设施', description: '破碎车间皮带机[急停拉绳|防护罩]缺失', only: ['石料厂', '矿业'] },
      { type: '尾矿库', description: '尾矿库[坝面|排水沟|观测设施]维护不到位', only: ['尾矿库'] },
      { type: '尾矿库', description: '尾矿库干滩长度观测记录不全', only: ['尾矿库'] },
    ],
    major: [
      { type: '尾矿库', description: '尾矿库排洪设施损坏，调洪能力不足', only: ['尾矿库'] },
      { type: '边坡管理', description: '露天采场边坡存在滑坡迹象仍组织生产', only: ['矿业', '石料厂'] },
      { type: '提升运输', description: '井下提升系统未设置防坠器仍提升人员', only: ['锑矿'] },
    ],
  },
  ROAD_TRAFFIC: {
    weight: 6, highRisk: false, department: '交通运输局', medianEmployees: 40,
    businesses: [['运输', limited], ['物流', limited], ['客运', limited], ['公交', limited]],
    general: [
      { type: '车辆管理', description: '{n}辆营运车辆动态监控终端离线' },
      { type: '驾驶员管理', description: '{n}名驾驶员安全教育培训记录缺失' },
      { type: '车辆管理', description: '{n}辆营运车辆未按期进行二级维护' },
      { type: '场站管理', description: '停车场[消防器材不足|安全出口标识缺失|车辆停放无序]' },
      { type: '驾驶员管理', description: '{n}名驾驶员交通违法记分未及时处理' },
      { type: '车辆管理', description: '{n}辆客车应急锤缺失', only: ['客运', '公交'] },
    ],
    major: [
      { type: '车辆管理', description: '危险货物运输车辆超载运输', only: ['运输', '物流'] },
      { type: '车辆管理', description: '客运车辆超员运输', only: ['客运'] },
      { type: '驾驶员管理', description: '驾驶员未取得相应从业资格从事营运', only: ['运输', '物流', '客运', '公交'] },
    ],
  },
  WATER_TRAFFIC: {
    weight: 3, highRisk: false, department: '交通运输局', medianEmployees: 12,
    businesses: [['航运', limited], ['渡运', ''], ['砂石码头', '']],
    general: [
      { type: '船舶管理', description: '[1号|2号|3号]渡船救生衣配备数量不足，缺{n}件', only: ['渡运'] },
      { type: '码头管理', description: '渡口未设置乘客须知和安全警示牌', only: ['渡运'] },
      { type: '船员管理', description: '{n}名船员未持证上岗', only: ['航运', '渡运'] },
      { type: '船舶管理', description: '[货船|运砂船]消防泵无法正常启动', only: ['航运'] },
      { type: '码头管理', description: '码头[装卸区|堆场|引桥]临水侧防护栏缺失', only: ['砂石码头'] },
      { type: '码头管理', description: '砂石堆场堆高超过规定高度', only: ['砂石码头'] },
    ],
    major: [
      { type: '船舶管理', description: '渡船超载、冒险航行', only: ['渡运'] },
      { type: '船舶管理', description: '船舶未经检验擅自营运', only: ['航运', '渡运'] },
      { type: '码头管理', description: '码头靠泊能力不足仍超等级靠泊船舶', only: ['砂石码头'] },
    ],
  },
  CONSTRUCTION: {
    weight: 12, highRisk: false, department: '住房和城乡建设局', medianEmployees: 90,
    businesses: [['建筑工程', limited], ['建设', limited], ['路桥建设', limited], ['建筑劳务', limited]],
    general: [
      { type: '高处作业', description: '[1号楼|2号楼|3号楼|5号楼|8号楼]第{n}层作业层临边防护栏杆缺失' },
      { type: '施工用电', description: '[1号楼|2号楼|3号楼|钢筋加工区|木工加工区]配电箱未做到“一机一闸一漏”' },
      { type: '脚手架', description: '[1号楼|2号楼|3号楼|5号楼]外脚手架连墙件设置不足' },
      { type: '安全管理', description: '{n}名特种作业人员未持证上岗' },
      { type: '文明施工', description: '[基坑周边|材料堆场|施工通道]材料堆放超载' },
      { type: '高处作业', description: '[1号楼|2号楼|3号楼]电梯井口未设置防护门' },
    ],
    major: [
      { type: '深基坑', description: '深基坑未按专项施工方案支护' },
      { type: '起重机械', description: '[1号|2号|3号]塔式起重机未经验收即投入使用' },
      { type: '模板支撑', description: '高大模板支撑体系未经专家论证' },
    ],
  },
  FIRE_SAFETY: {
    weight: 8, highRisk: false, department: '消防救援大队', medianEmployees: 25,
    businesses: [['物业管理', limited], ['酒店管理', limited], ['仓储', limited]],
    general: [
      { type: '消防设施', description: '[1栋|2栋|3栋|5栋|地下车库]室内消火栓无水或水压不足' },
      { type: '消防设施', description: '[1栋|2栋|3栋|大堂|库区]{n}具灭火器过期未更换' },
      { type: '疏散通道', description: '[1栋|2栋|3栋|地下车库|库区]疏散指示标志损坏' },
      { type: '用火用电', description: '[1栋|2栋|3栋]楼道内电动自行车违规充电', only: ['物业管理'] },
      { type: '消防设施', description: '消防控制室值班人员未持证上岗' },
      { type: '仓储管理', description: '库区[照明灯具|电气线路]未采取防火保护措施', only: ['仓储'] },
      { type: '疏散通道', description: '客房楼层[3层|5层|7层|9层]防火门闭门器损坏', only: ['酒店管理'] },
    ],
    major: [
      { type: '疏散通道', description: '安全出口锁闭，疏散通道被堵塞' },
      { type: '消防设施', description: '自动喷水灭火系统瘫痪' },
      { type: '仓储管理', description: '仓库违规住人，与储存区未防火分隔', only: ['仓储'] },
    ],
  },
  SPECIAL_EQUIPMENT: {
    weight: 5, highRisk: false, department: '市场监督管理局', medianEmployees: 30,
    businesses: [['电梯工程', limited], ['锅炉', limited], ['起重设备', limited]],
    general: [
      { type: '电梯', description: '{n}台在保电梯维保记录不全', only: ['电梯工程'] },
      { type: '电梯', description: '维保人员未持证作业', only: ['电梯工程'] },
      { type: '压力容器', description: '[分汽缸|储气罐|换热器]压力表超期未检定', only: ['锅炉'] },
      { type: '锅炉', description: '[1号|2号]锅炉水质未定期化验', only: ['锅炉'] },
      { type: '起重机械', description: '[1号|2号|3号]桥式起重机限位器失灵', only: ['起重设备'] },
      { type: '起重机械', description: '{n}根吊索具磨损超标未报废', only: ['起重设备'] },
    ],
    major: [
      { type: '电梯', description: '电梯安全保护装置失效仍投入使用', only: ['电梯工程'] },
      { type: '压力容器', description: '超期未检验的压力容器继续使用', only: ['锅炉'] },
      { type: '起重机械', description: '起重机械未经定期检验继续使用', only: ['起重设备'] },
    ],
  },
  FIREWORKS: {
    weight: 2, highRisk: true, department: '应急管理局', medianEmployees: 50,
    businesses: [['烟花爆竹', limited], ['花炮', limited], ['烟花爆竹批发', limited]],
    general: [
      { type: '仓储管理', description: '[1号|2号|3号|4号]成品库内产品堆码超高' },
      { type: '防静电', description: '[1号|2号|3号]工房门口人体静电释放装置损坏' },
      { type: '安全管理', description: '[1号|2号|3号]工房防爆电器未定期检测' },
      { type: '安全管理', description: '{n}名涉药岗位人员未持证上岗', only: ['烟花爆竹', '花炮'] },
    ],
    major: [
      { type: '仓储管理', description: '[1号|2号|3号]工（库）房超员、超量' },
      { type: '生产工艺', description: '擅自改变[1号|2号|3号]工（库）房设计用途' },
    ],
  },
  CITY_GAS: {
    weight: 3, highRisk: true, department: '住房和城乡建设局', medianEmployees: 35,
    businesses: [['燃气', limited], ['液化气站', ''], ['天然气', limited]],
    general: [
      { type: '管网设施', description: '中压燃气管道沿线{n}处标志桩缺失', only: ['燃气', '天然气'] },
      { type: '用户安全', description: '{n}户餐饮用户未安装可燃气体报警装置', only: ['燃气', '天然气'] },
      { type: '场站管理', description: '液化气钢瓶充装记录不全', only: ['液化气站'] },
      { type: '场站管理', description: '[门站|调压站|储配站]可燃气体报警器未定期校验', only: ['燃气', '天然气'] },
      { type: '场站管理', description: '钢瓶库内{n}只空瓶与实瓶混放', only: ['液化气站'] },
    ],
    major: [
      { type: '管网设施', description: '燃气管道被违章占压', only: ['燃气', '天然气'] },
      { type: '场站管理', description: '液化气站违规充装超期未检钢瓶', only: ['液化气站'] },
    ],
  },
  INDUSTRY_TRADE: {
    weight: 24, highRisk: false, department: '应急管理局', medianEmployees: 55,
    businesses: [['竹木制品', limited], ['茶业', limited], ['食品', limited], ['机械制造', limited],
      ['纺织', limited], ['冶金', limited], ['冷链物流', limited], ['电子科技', limited]],
    general: [
      { type: '粉尘防爆', description: '[打磨|砂光|抛光|制粉]车间除尘系统未定期清扫，积尘超标', only: ['竹木制品', '茶业', '食品', '机械制造'] },
      { type: '有限空间', description: '[污水池|发酵罐|地下管沟|储罐]有限空间作业未执行“先通风、再检测、后作业”', only: ['食品', '纺织', '茶业', '冷链物流'] },
      { type: '设备设施', description: '[1号|2号|3号|加工|包装]车间{n}台机械设备传动部位防护罩缺失', only: FACTORY },
      { type: '安全管理', description: '{n}名新进员工三级安全教育记录缺失' },
      { type: '液氨制冷', description: '液氨[车间|机房|冷库]氨气浓度报警装置失灵', only: ['食品', '冷链物流'] },
      { type: '用电安全', description: '[1号|2号|3号]车间配电柜前堆放杂物', only: [...FACTORY, '电子科技'] },
      { type: '仓储管理', description: '[原料|成品]仓库货物堆放堵塞消防通道', only: [...FACTORY, '冷链物流', '电子科技'] },
      { type: '危化品管理', description: '[清洗|喷涂|焊接]工序使用的化学品未设专柜存放', only: ['电子科技', '机械制造'] },
      { type: '特种设备', description: '{n}台叉车未定期检验', only: ['冷链物流', '食品', '竹木制品', '纺织'] },
    ],
    major: [
      { type: '粉尘防爆', description: '粉尘爆炸危险场所设置在非框架结构的多层建筑物内', only: ['竹木制品', '茶业', '食品', '机械制造'] },
      { type: '液氨制冷', description: '快速冻结装置未设置在单独的作业间内', only: ['食品', '冷链物流'] },
      { type: '金属冶炼', description: '熔融金属吊运未使用冶金起重机', only: ['冶金'] },
      { type: '有限空间', description: '有限空间作业未辨识并设置警示标识，未配备检测和救援装备', only: ['食品', '纺织', '冷链物流'] },
    ],
  },
  FISHING_VESSEL: {
    weight: 2, highRisk: false, department: '农业农村局', medianEmployees: 8,
    businesses: [['渔业', limited], ['水产养殖', '合作社']],
    general: [
      { type: '船舶设备', description: '{n}艘渔船号牌不清晰' },
      { type: '救生设备', description: '{n}艘渔船救生圈配备不足' },
      { type: '船员管理', description: '{n}名渔船船员未持职务船员证' },
    ],
    major: [
      { type: '救生设备', description: '渔船未配备救生设备冒险出航' },
    ],
  },
  NEW_ENERGY: {
    weight: 2, highRisk: false, department: '发展和改革局', medianEmployees: 20,
    businesses: [['光伏电力', limited], ['新能源', limited], ['风电', limited]],
    general: [
      { type: '电气安全', description: '[1号|2号|3号|4号]方阵光伏组件支架锈蚀', only: ['光伏电力', '新能源'] },
      { type: '消防设施', description: '[1号|2号]逆变器室灭火器配置不足，缺{n}具', only: ['光伏电力', '新能源'] },
      { type: '设备设施', description: '[1号|3号|5号|7号]风机塔筒爬梯防坠装置损坏', only: ['风电'] },
      { type: '安全管理', description: '升压站[工作票|操作票]填写不规范' },
    ],
    major: [
      { type: '电气安全', description: '储能电站电池舱未设置可燃气体探测和排风', only: ['光伏电力', '新能源'] },
      { type: '设备设施', description: '风机叶片存在裂纹仍运行', only: ['风电'] },
    ],
  },
  CROWDED_PLACE: {
    weight: 15, highRisk: false, department: '商务局', medianEmployees: 30,
    businesses: [['商贸', limited], ['大酒店', limited], ['超市', limited], ['娱乐', limited], ['民营医院', '']],
    general: [
      { type: '疏散通道', description: '营业期间[一楼|二楼|三楼]疏散通道堆放杂物' },
      { type: '消防设施', description: '[一楼|二楼|三楼|地下室]{n}盏应急照明灯不亮' },
      { type: '用火用电', description: '厨房燃气软管老化', only: ['大酒店', '娱乐'] },
      { type: '安全管理', description: '员工未开展消防演练' },
      { type: '设备设施', description: '[一楼|二楼]卖场货架不稳固存在倾倒风险', only: ['超市', '商贸'] },
      { type: '用火用电', description: '包厢内违规使用大功率电器', only: ['娱乐'] },
      { type: '医疗安全', description: '医用氧气瓶未固定且与热源距离不足', only: ['民营医院'] },
    ],
    major: [
      { type: '疏散通道', description: '营业期间安全出口锁闭' },
      { type: '建筑防火', description: '违规使用易燃可燃材料装修' },
    ],
  },
};

/**
 * The hazards of a road segment, by the feature that causes them: a road's ledger line
 * names the place on the road (its chainage) and what is wrong with the road there.
 */
export const ROAD_ITEMS: Readonly<Record<string, { general: readonly HazardItem[]; major: readonly HazardItem[] }>> = {
  SHARP_BEND_STEEP_SLOPE: {
    general: [
      { type: '交通设施', description: '急弯陡坡路段[减速带|警示标志|凸面镜]缺失' },
      { type: '交通设施', description: '弯道内侧[树木|杂草|广告牌]遮挡视线' },
    ],
    major: [{ type: '交通设施', description: '连续急弯陡坡路段未设置防护和警示设施' }],
  },
  BESIDE_WATER_OR_CLIFF: {
    general: [
      { type: '交通设施', description: '临水临崖路段波形护栏损毁{n}米未修复' },
      { type: '交通设施', description: '临崖路段防护墩缺失{n}处' },
    ],
    major: [{ type: '交通设施', description: '临水临崖路段未设置防护设施' }],
  },
  LONG_DESCENT: {
    general: [
      { type: '交通设施', description: '长下坡路段[减速警示标志|减速标线|测速提示]缺失' },
      { type: '路面', description: '连续下坡路段路面抗滑性能不足' },
    ],
    major: [{ type: '交通设施', description: '长下坡路段未设置避险车道' }],
  },
  POOR_SIGHT_LINES: {
    general: [
      { type: '交通设施', description: '视距不良路段未设置[警示标志|凸面镜|中心黄线]' },
      { type: '路域环境', description: '路侧[违章建筑|堆放物|树木]遮挡视线' },
    ],
    major: [],
  },
  NO_GUARD_RAILS: {
    general: [
      { type: '交通设施', description: '路侧无防护设施，高差约{n}米' },
      { type: '交通设施', description: '桥梁护栏缺失{n}米' },
    ],
    major: [{ type: '交通设施', description: '高路堤路段无护栏' }],
  },
  LEVEL_JUNCTION: {
    general: [
      { type: '交通设施', description: '平交路口未设置[减速让行标志|停车让行标志|减速带]' },
      { type: '交通设施', description: '平交路口[标线磨损不清|视线被遮挡|照明不足]' },
    ],
    major: [{ type: '交通组织', description: '平交路口未渠化，交通冲突突出' }],
  },
  ACCIDENT_BLACK_SPOT: {
    general: [{ type: '交通设施', description: '事故多发点段夜间照明不足' }],
    major: [{ type: '综合治理', description: '事故多发点段未完成综合整治' }],
  },
  ANY: {
    general: [
      { type: '路面', description: '路面坑槽{n}处未及时修补' },
      { type: '交通设施', description: '[边沟盖板|道路标线|里程碑]缺失或损坏' },
    ],
    major: [],
  },
};

/**
 * Bare places that hazards and accidents may be about: what they are called, the sector that
 * owns them, and their own hazards.
 */
export const PLACES: ReadonlyArray<{ name: string; sector: Sector; general: readonly HazardItem[]; major: readonly HazardItem[] }> = [
  { name: '农贸市场', sector: 'CROWDED_PLACE', general: [
    { type: '疏散通道', description: '[东侧|西侧|南侧|北侧]消防通道被摊位占用' },
    { type: '用火用电', description: '[水产区|熟食区|干货区]电线私拉乱接' },
    { type: '用火用电', description: '{n}户商户液化气瓶与明火混放' },
  ], major: [{ type: '建筑防火', description: '市场内违规设置液化气瓶储存点' }] },
  { name: '汽车站', sector: 'CROWDED_PLACE', general: [
    { type: '安全检查', description: '进站口行包安检仪故障' },
    { type: '疏散通道', description: '候车厅[安全出口|疏散通道]堆放杂物' },
  ], major: [] },
  { name: '中心小学周边', sector: 'CROWDED_PLACE', general: [
    { type: '交通设施', description: '校门口[减速带|人行横道标线|警示标志]缺失' },
    { type: '周边环境', description: '上下学时段校门口车辆违停' },
  ], major: [] },
  { name: '渡口', sector: 'WATER_TRAFFIC', general: [
    { type: '码头管理', description: '渡口未设置乘客须知和安全警示牌' },
    { type: '救生设施', description: '渡口救生衣缺{n}件' },
  ], major: [{ type: '码头管理', description: '渡口无救生设施且无人值守' }] },
  { name: '码头', sector: 'WATER_TRAFFIC', general: [
    { type: '码头管理', description: '码头临水侧防护栏杆缺失{n}米' },
    { type: '码头管理', description: '码头夜间照明不足' },
  ], major: [] },
  { name: '沿街自建房', sector: 'FIRE_SAFETY', general: [
    { type: '建筑防火', description: '{n}栋自建房“三合一”场所未设置防火分隔' },
    { type: '疏散通道', description: '自建房外窗设置防盗网未留逃生口' },
  ], major: [{ type: '结构安全', description: '经营性自建房存在结构安全隐患仍在使用' }] },
  { name: '九小场所集中区', sector: 'FIRE_SAFETY', general: [
    { type: '用火用电', description: '{n}家小场所电动自行车在店内充电' },
    { type: '消防设施', description: '{n}家小场所未配置灭火器' },
  ], major: [] },
  { name: '老旧小区', sector: 'CITY_GAS', general: [
    { type: '管网设施', description: '[1栋|2栋|3栋|5栋]燃气立管锈蚀' },
    { type: '用户安全', description: '{n}户居民使用不合格燃气软管' },
  ], major: [{ type: '管网设施', description: '燃气管道穿越居室且锈蚀严重' }] },
  { name: '旅游景区', sector: 'CROWDED_PLACE', general: [
    { type: '游览安全', description: '[观景台|步道|游船码头]护栏松动' },
    { type: '游览安全', description: '临水区域防溺水警示牌缺失' },
  ], major: [] },
];

/** A description from an item's template, its alternatives and count drawn from `rng`. */
export function fillTemplate(pick: <T>(items: readonly T[]) => T, template: string): string {
  return template.replace(/\[([^\]]+)\]|\{n\}/g, (_, alternatives: string | undefined) =>
    alternatives ? pick(alternatives.split('|')) : pick(COUNTS));
}
const COUNTS = ['2', '3', '4', '5', '6', '7', '8', '9'];

/** Whether a description was written from an item's template. */
export function fromTemplate(description: string, item: HazardItem): boolean {
  return templatePattern(item).test(description);
}

const patterns = new WeakMap<HazardItem, RegExp>();
function templatePattern(item: HazardItem): RegExp {
  let pattern = patterns.get(item);
  if (!pattern) {
    const source = item.description.split(/(\[[^\]]+\]|\{n\})/).map((part) =>
      part === '{n}' ? '[2-9]' : part.startsWith('[') ? `(?:${part.slice(1, -1).split('|').map(escape).join('|')})` : escape(part)).join('');
    pattern = new RegExp(`^${source}$`);
    patterns.set(item, pattern);
  }
  return pattern;
}
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The business of an enterprise of a sector: the word its name is built from. */
export function businessOf(sector: Sector, enterpriseName: string): string {
  // The longest that fits: a 精细化工 company's name also ends in 化工有限公司.
  const found = SECTORS[sector].businesses.filter(([business, form]) => enterpriseName.endsWith(`${business}${form}`))
    .sort((a, b) => b[0].length - a[0].length)[0];
  if (!found) throw new Error(`${enterpriseName} names no business of ${sector}`);
  return found[0];
}

/** The hazard items an enterprise of a sector and business may have. */
export function enterpriseItems(sector: Sector, business: string): { general: HazardItem[]; major: HazardItem[] } {
  const fits = (item: HazardItem): boolean => !item.only || item.only.includes(business);
  return { general: SECTORS[sector].general.filter(fits), major: SECTORS[sector].major.filter(fits) };
}

/** The hazard items of a road segment with these features. */
export function roadItems(features: readonly string[]): { general: HazardItem[]; major: HazardItem[] } {
  const groups = [...features, 'ANY'].map((f) => ROAD_ITEMS[f]).filter((g) => g !== undefined);
  return { general: groups.flatMap((g) => g.general), major: groups.flatMap((g) => g.major) };
}

export const SECTOR_NAMES = Object.keys(SECTORS) as Sector[];

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

/** A kind of accident and how bad it can be: an elevator entrapment harms no one, a capsized ferry may drown several. */
export interface AccidentKind {
  name: string;
  /** The chance that someone dies. */
  deadly: number;
  maxDeaths: number;
  maxInjuries: number;
}

const kind = (name: string, deadly: number, maxDeaths: number, maxInjuries: number): AccidentKind => ({ name, deadly, maxDeaths, maxInjuries });

export const ACCIDENT_KINDS: Readonly<Partial<Record<Sector, readonly AccidentKind[]>>> = {
  ROAD_TRAFFIC: [kind('货车与摩托车相撞', 0.5, 2, 2), kind('小型客车侧翻', 0.35, 3, 5),
    kind('电动自行车与小型汽车碰撞', 0.4, 1, 2), kind('行人被货车碰撞', 0.6, 1, 1)],
  CONSTRUCTION: [kind('高处坠落', 0.6, 1, 1), kind('物体打击', 0.4, 1, 2), kind('坍塌', 0.5, 3, 4), kind('起重伤害', 0.4, 2, 2)],
  INDUSTRY_TRADE: [kind('机械伤害', 0.2, 1, 1), kind('有限空间中毒和窒息', 0.7, 3, 3), kind('触电', 0.5, 1, 1), kind('灼烫', 0.1, 1, 3)],
  FIRE_SAFETY: [kind('居民自建房火灾', 0.3, 3, 3), kind('仓库火灾', 0.05, 1, 2)],
  WATER_TRAFFIC: [kind('自用船翻沉', 0.6, 3, 2), kind('人员落水淹溺', 0.8, 1, 0)],
  NON_COAL_MINE: [kind('冒顶片帮', 0.5, 2, 3), kind('边坡坍塌', 0.4, 2, 3)],
  HAZARDOUS_CHEMICALS: [kind('泄漏中毒', 0.3, 2, 5), kind('储罐闪爆', 0.3, 3, 5)],
  CITY_GAS: [kind('液化气瓶泄漏爆燃', 0.3, 2, 4)],
  SPECIAL_EQUIPMENT: [kind('电梯困人', 0, 0, 0), kind('叉车伤害', 0.3, 1, 1)],
  FISHING_VESSEL: [kind('渔船翻沉', 0.6, 3, 2)],
  FIREWORKS: [kind('违规储存引发爆炸', 0.4, 3, 5)],
};
