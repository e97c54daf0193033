import { SECTORS, SECTOR_NAMES, type Sector } from './catalog';
import type { Enterprise } from './enterprises';
import type { Geography } from './geography';
import { personName } from './names';
import { Rng } from './random';
import { textArray, type Row } from './rows';

// The people behind the histories. Every history row names its actor, as the triggers do
// for a request, so the demo needs the staff who register, rectify, verify, extend and list
// hazards: two officials per town (the 安监站's head and an officer), two inspectors per
// department in each county, one per department in the city and the province, the safety
// committee offices (安委办) that list hazards and run supervision checks (督查) — leaders, as
// the committees are chaired by the government — and one safety officer per enterprise.
// They cannot sign in (their password hash matches no password): the six demo login users
// of users.ts are the ones to sign in with.

/** A password hash that no password matches: the account exists for the record only. */
export const NO_LOGIN = '!no-login';

/** Listing and closing levels, lowest first ("谁挂牌、谁销号": closed at the listing level or above). */
export type Level = 'COUNTY' | 'CITY' | 'PROVINCE';

/** Departments by what they are called at county, city and province level; keys name them in usernames. */
const DEPARTMENTS: Readonly<Record<string, readonly [key: string, city: string, province: string]>> = {
  应急管理局: ['yj', '应急管理局', '应急管理厅'],
  交通运输局: ['jt', '交通运输局', '交通运输厅'],
  住房和城乡建设局: ['zj', '住房和城乡建设局', '住房和城乡建设厅'],
  消防救援大队: ['xf', '消防救援支队', '消防救援总队'],
  市场监督管理局: ['sj', '市场监督管理局', '市场监督管理局'],
  农业农村局: ['ny', '农业农村局', '农业农村厅'],
  发展和改革局: ['fg', '发展和改革委员会', '发展和改革委员会'],
  商务局: ['sw', '商务局', '商务厅'],
};

const departmentOf = (sector: Sector): string => SECTORS[sector].department;
const sectorsOf = (department: string): Sector[] => SECTOR_NAMES.filter((s) => departmentOf(s) === department);

interface StaffUser {
  id: number;
  row: Row;
}

/** The generated staff, and who among them acts for a town, a county's department, a level. */
export interface Staff {
  users: StaffUser[];
  /** The town's 安监站: [head, officer]. */
  town(code: string): readonly [number, number];
  /** The inspectors of a county's department supervising the sector. */
  inspectors(countyCode: string, sector: Sector): readonly number[];
  /** The inspector of the sector's department at the city or the province. */
  above(level: 'CITY' | 'PROVINCE', sector: Sector): number;
  /** The safety committee office (安委办) of a county, the city or the province: it lists hazards. */
  office(level: Level, countyCode: string): number;
  /** The enterprise's safety officer (安全管理员). */
  enterprise(id: number): number;
}

/** The staff of a geography and its enterprises, ids from 1 in a fixed order. */
export function generateStaff(seed: number, geography: Geography, enterprises: readonly Enterprise[]): Staff {
  const users: StaffUser[] = [];
  const add = (username: string, unit: string, role: string, jurisdiction: string | null, sectors: readonly Sector[],
    department: string | null, enterpriseId: number | null): number => {
    const id = users.length + 1;
    const name = personName(new Rng(seed, 'staff', username));
    users.push({
      id,
      row: [String(id), username, NO_LOGIN, `${unit} ${name}`, role, jurisdiction, textArray(sectors), department,
        enterpriseId === null ? null : String(enterpriseId), 'f'],
    });
    return id;
  };

  const towns = new Map<string, readonly [number, number]>();
  for (const t of geography.towns) {
    const department = `${t.name}人民政府`;
    towns.set(t.code, [add(`az.${t.code}.1`, `${t.name}安监站站长`, 'town', t.code, [], department, null),
      add(`az.${t.code}.2`, `${t.name}安监站安监员`, 'town', t.code, [], department, null)]);
  }

  const inspectors = new Map<string, number[]>();
  const above = new Map<string, number>();
  const offices = new Map<string, number>();
  const levels: Array<readonly [code: string, name: string, level: Level | 'COUNTY']> = [
    ...geography.counties.map((c) => [c.code, c.name, 'COUNTY'] as const),
    [geography.city.code, geography.city.name, 'CITY'], [geography.province.code, geography.province.name, 'PROVINCE']];
  for (const [code, name, level] of levels) {
    for (const [department, [key, cityName, provinceName]] of Object.entries(DEPARTMENTS)) {
      const sectors = sectorsOf(department);
      if (sectors.length === 0) continue;
      const unit = `${name}${level === 'COUNTY' ? department : level === 'CITY' ? cityName : provinceName}`;
      const count = level === 'COUNTY' ? 2 : 1;
      const ids = Array.from({ length: count }, (_, k) =>
        add(`zf.${code}.${key}.${k + 1}`, `${unit}执法员`, 'inspector', code, sectors, unit, null));
      for (const sector of sectors) {
        if (level === 'COUNTY') inspectors.set(`${code}/${sector}`, ids);
        else above.set(`${level}/${sector}`, ids[0]!);
      }
    }
    offices.set(level === 'COUNTY' ? code : level,
      add(`awb.${code}`, `${name}安全生产委员会办公室`, 'leader', code, [], `${name}安全生产委员会办公室`, null));
  }

  const firstEnterprise = users.length + 1;
  for (const e of enterprises) add(`qy.${e.id}`, `${e.name}安全管理员`, 'enterprise', null, [], null, e.id);

  return {
    users,
    town: (code) => towns.get(code)!,
    inspectors: (county, sector) => inspectors.get(`${county}/${sector}`)!,
    above: (level, sector) => above.get(`${level}/${sector}`)!,
    office: (level, county) => offices.get(level === 'COUNTY' ? county : level)!,
    enterprise: (id) => firstEnterprise + id - 1,
  };
}
