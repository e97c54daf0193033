import type { Position } from 'geojson';
import { ENTERPRISE_STATUS, RISK_MIX, SECTORS, SECTOR_NAMES, type RiskLevel, type Sector } from './catalog';
import { randomPointIn, type Geography, type Town } from './geography';
import { localColour, type LocalColour } from './local';
import { mobileNumber, personName, tradeName } from './names';
import { Rng, WeightedTable } from './random';
import { bool, num, pointText, type Row } from './rows';

export interface Enterprise {
  id: number;
  name: string;
  sector: Sector;
  /** The business word of its name (化工, 加油站, …): which hazards it can have. */
  business: string;
  location: Position;
  town: Town;
  risk: RiskLevel;
  status: keyof typeof ENTERPRISE_STATUS;
  department: string;
  contactName: string;
  row: Row;
}

// GB 32100-2015: 18 characters from 31 (no I, O, S, V, Z); the last checks the first 17.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code. */
export function creditCheckCharacter(body: string): string {
  const total = [...body].reduce((sum, c, i) => sum + CREDIT_ALPHABET.indexOf(c) * CREDIT_WEIGHTS[i]!, 0);
  return CREDIT_ALPHABET[(31 - (total % 31)) % 31]!;
}

/** Whether an 18-character code passes the GB 32100-2015 check (as app.is_valid_credit_code). */
export function isValidCreditCode(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code) && creditCheckCharacter(code.slice(0, 17)) === code[17];
}

/**
 * A credit code: registration authority 9 (market regulation), type 1 (company) or 2
 * (individual business), the county's GB/T 2260 code, an organisation code of 8 digits with
 * its GB 11714 check, and the GB 32100 check character.
 */
function creditCode(rng: Rng, countyCode: string, individual: boolean): string {
  let organisation = '';
  for (let i = 0; i < 8; i++) organisation += String(rng.int(0, 9));
  const total = [3, 7, 9, 10, 5, 8, 4, 2].reduce((sum, w, i) => sum + w * Number(organisation[i]), 0);
  const check = 11 - (total % 11);
  organisation += check === 10 ? 'X' : check === 11 ? '0' : String(check);
  const body = `9${individual ? '2' : '1'}${countyCode}${organisation}`;
  return body + creditCheckCharacter(body);
}

const VILLAGES = ['新华', '红星', '团结', '先锋', '石桥', '枫林', '桃花', '双河', '长塘', '金盆', '杨林', '荷花', '三合', '白竹'];

/** The short place prefix of a county in company names: 赫山区 → 赫山, but 南县 stays. */
export const countyShortName = (name: string): string => (name.length > 2 ? name.slice(0, -1) : name);

function sectorWeights(town: Town, colour: LocalColour): Partial<Record<Sector, number>> {
  const weights: Partial<Record<Sector, number>> = {};
  for (const sector of SECTOR_NAMES) {
    let w = SECTORS[sector].weight;
    if (sector === 'COAL_MINE' || sector === 'NON_COAL_MINE') w *= town.street ? 0 : colour.miningCounties.includes(town.countyCode) ? 3 : 0.5;
    if ((sector === 'WATER_TRAFFIC' || sector === 'FISHING_VESSEL') && colour.lakeCounties.includes(town.countyCode)) w *= 3;
    if (sector === 'CROWDED_PLACE' && town.street) w *= 1.5;
    weights[sector] = w;
  }
  return weights;
}

const MAJOR_HAZARD_SHARE: Partial<Record<Sector, number>> = {
  HAZARDOUS_CHEMICALS: 0.35, CITY_GAS: 0.3, FIREWORKS: 0.25, NON_COAL_MINE: 0.1, INDUSTRY_TRADE: 0.03,
};

/** The towns enterprises settle in: streets are denser than towns, townships thinnest. */
export function townWeights(seed: number, geography: Geography): WeightedTable<Town> {
  return new WeightedTable(geography.towns, (t) =>
    (t.street ? 2.5 : t.name.endsWith('乡') ? 0.6 : 1.2) * new Rng(seed, 'town-weight', t.code).float(0.5, 1.5));
}

/** Enterprise `id` (1-based), a pure function of the seed and the id. */
function generateEnterprise(seed: number, id: number, towns: WeightedTable<Town>, usedCodes: Set<string>, place: Place): Enterprise {
  const rng = new Rng(seed, 'enterprise', id);
  const town = towns.pick(rng);
  const sector = rng.weighted(sectorWeights(town, place.colour));
  const profile = SECTORS[sector];
  const [business, form] = rng.pick(profile.businesses);
  const prefix = rng.weighted({ county: 6, city: 2, province: 1 });
  const placeName = prefix === 'county' ? countyShortName(town.countyName) : prefix === 'city' ? place.colour.cityShort : place.colour.provinceShort;
  const name = `${placeName}${tradeName(rng)}${business}${form}`;
  let code: string;
  do code = creditCode(rng, town.countyCode, form === ''); while (usedCodes.has(code));
  usedCodes.add(code);

  const grade = rng.chance(MAJOR_HAZARD_SHARE[sector] ?? 0) ? Number(rng.weighted({ 1: 5, 2: 15, 3: 35, 4: 45 })) : null;
  let risk = rng.weighted(RISK_MIX[profile.highRisk ? 'high' : 'ordinary']);
  if (grade !== null && grade <= 2 && (risk === 'YELLOW' || risk === 'BLUE')) risk = 'ORANGE';
  else if (grade !== null && risk === 'BLUE') risk = 'YELLOW';
  const standardization = rng.weighted(profile.highRisk
    ? { LEVEL_1: 4, LEVEL_2: 30, LEVEL_3: 50, NONE: 16 }
    : { LEVEL_1: 1, LEVEL_2: 8, LEVEL_3: 25, NONE: 66 });
  const status = rng.weighted(ENTERPRISE_STATUS);
  const employees = Math.max(1, Math.round(rng.logNormal(profile.medianEmployees, 0.8)));
  const location = randomPointIn(town, rng);
  const address = `${place.addressPrefix}${town.countyName}${town.name}`
    + (town.street ? `${rng.pick(place.colour.urbanRoads)}${rng.int(1, 399)}号` : `${rng.pick(VILLAGES)}村${rng.int(1, 12)}组`);
  const contactName = personName(rng);
  return {
    id, name, sector, business, location, town, risk, status, department: profile.department, contactName,
    row: [String(id), name, code, sector, address, pointText(location), town.code, profile.department, risk,
      num(grade), standardization, status, String(employees), contactName, mobileNumber(rng), bool(true)],
  };
}

interface Place {
  colour: LocalColour;
  /** 湖南省益阳市; a municipality's name once (北京市). */
  addressPrefix: string;
}

/** `count` enterprises with unique credit codes. */
export function generateEnterprises(seed: number, count: number, geography: Geography): Enterprise[] {
  const towns = townWeights(seed, geography);
  const usedCodes = new Set<string>();
  const { province, city } = geography;
  const place = { colour: localColour(seed, geography), addressPrefix: province.name === city.name ? city.name : `${province.name}${city.name}` };
  return Array.from({ length: count }, (_, i) => generateEnterprise(seed, i + 1, towns, usedCodes, place));
}
