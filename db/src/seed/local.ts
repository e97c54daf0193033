import type { Geography } from './geography';
import { Rng } from './random';

/**
 * What the demo knows of a place beyond its units: which counties mine, which lie on the lake
 * or in the mountains, the names of its urban roads and the numbers of its trunk roads.
 * Yiyang's are real; another city gets neutral ones (no mining or lake county, no mountain
 * county, common street names, trunk road numbers drawn from the seed), so its demo is
 * plausible without pretending to local knowledge.
 */
export interface LocalColour {
  /** Short name of the city in company names (益阳, 长沙). */
  cityShort: string;
  /** Short name of the province in company names (湖南). */
  provinceShort: string;
  miningCounties: readonly string[];
  lakeCounties: readonly string[];
  mountainCounties: readonly string[];
  urbanRoads: readonly string[];
  /** National (G) and provincial (S) road numbers crossing the city. */
  trunkRoads: ReadonlyArray<readonly [string, 'NATIONAL' | 'PROVINCIAL']>;
}

const YIYANG: Omit<LocalColour, 'cityShort' | 'provinceShort'> = {
  miningCounties: ['430923'],
  lakeCounties: ['430902', '430921', '430981'],
  mountainCounties: ['430922', '430923'],
  urbanRoads: ['人民路', '建设路', '桃花仑路', '康富路', '迎宾路', '会龙路', '金山路', '龙岭大道', '朝阳路', '团圆路', '银城大道', '梓山路'],
  trunkRoads: [['G207', 'NATIONAL'], ['G319', 'NATIONAL'], ['G536', 'NATIONAL'], ['S308', 'PROVINCIAL'], ['S217', 'PROVINCIAL'],
    ['S225', 'PROVINCIAL'], ['S229', 'PROVINCIAL'], ['S316', 'PROVINCIAL'], ['S317', 'PROVINCIAL']],
};

const COMMON_ROADS = ['人民路', '建设路', '解放路', '中山路', '迎宾路', '朝阳路', '新华路', '团结路', '文化路', '滨江路', '工业大道', '世纪大道'];

/** 益阳市 → 益阳, 湖南省 → 湖南, 广西壮族自治区 → 广西, 湘西土家族苗族自治州 → 湘西. */
export const shortPlaceName = (name: string): string => {
  const short = name.replace(/(壮族|回族|维吾尔|土家族|苗族|藏族|彝族|蒙古族|朝鲜族|哈萨克|布依族|侗族|白族|哈尼族|傣族|景颇族|傈僳族|羌族|黎族|柯尔克孜|族)*(自治区|自治州|特别行政区|地区|省|市|盟)$/, '');
  return short.length >= 2 ? short : name;
};

const built = new Map<string, LocalColour>();

/** The local colour of a geography; deterministic in the seed. */
export function localColour(seed: number, geography: Geography): LocalColour {
  const key = `${geography.city.code}/${seed}`;
  const known = built.get(key);
  if (known) return known;
  const names = { cityShort: shortPlaceName(geography.city.name), provinceShort: shortPlaceName(geography.province.name) };
  let colour: LocalColour;
  if (geography.city.code === '430900') colour = { ...names, ...YIYANG };
  else {
    const rng = new Rng(seed, 'trunk-roads', geography.city.code);
    const numbers = new Set<string>();
    while (numbers.size < 3) numbers.add(`G${rng.int(101, 360)}`);
    while (numbers.size < 9) numbers.add(`S${rng.int(201, 339)}`);
    colour = {
      ...names, miningCounties: [], lakeCounties: [], mountainCounties: [], urbanRoads: COMMON_ROADS,
      trunkRoads: [...numbers].map((n) => [n, n.startsWith('G') ? 'NATIONAL' : 'PROVINCIAL'] as const),
    };
  }
  built.set(key, colour);
  return colour;
}
