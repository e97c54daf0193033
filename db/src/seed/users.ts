import type { PoolClient } from 'pg';
import { hashPassword } from '../password';

export interface DemoUser {
  username: string;
  role: string;
  jurisdictionCode: string | null;
  jurisdictionName: string | null;
  department: string | null;
  enterpriseName: string | null;
}

interface UserSpec {
  username: string;
  displayName: string;
  role: string;
  jurisdictionCode: string | null;
  sectors: string[];
  department: string | null;
  enterpriseId: number | null;
}

/**
 * One demo user per role. The town official gets a town typical of its county — between its
 * county's towns' first and third quartiles of overdue hazards, never its worst, so that the
 * demo shows an ordinary day's work; of those, the one with the most to chase — and the
 * enterprise user the busiest operating enterprise of that town; the inspector gets that
 * town's county. Chosen from the loaded rows, hence the same for the same data.
 */
export async function insertDemoUsers(client: PoolClient, password: string): Promise<DemoUser[]> {
  const { rows: [city] } = await client.query<{ code: string; name: string }>(`select code, name from jurisdictions where level = 'city'`);
  if (!city) throw new Error('the demo data has no city');
  const { rows: [town] } = await client.query<{ code: string; name: string; county: string; county_name: string }>(
    `with towns as (
       select t.code, t.name, c.code as county, c.name as county_name,
              count(h.id) filter (where hazard_is_overdue(h.status, h.deadline)) as overdue
         from jurisdictions t join jurisdictions c on c.code = t.parent_code
         left join hazards h on h.town_code = t.code
        where t.level = 'town'
        group by t.code, t.name, c.code, c.name),
     counties as (
       select county, percentile_cont(0.25) within group (order by overdue) as q1,
              percentile_cont(0.75) within group (order by overdue) as q3, max(overdue) as worst
         from towns group by county)
     select t.code, t.name, t.county, t.county_name
       from towns t join counties c on c.county = t.county
      where t.overdue between c.q1 and c.q3 and t.overdue < c.worst
        and exists (select 1 from enterprises e join hazards h on h.enterprise_id = e.id
                     where e.town_code = t.code and e.status <> 'CLOSED')
      order by t.overdue desc, t.code
      limit 1`);
  if (!town) throw new Error('the demo data has no town typical of its county with an enterprise');
  const { rows: [enterprise] } = await client.query<{ id: number; name: string }>(
    `select e.id, e.name from enterprises e join hazards h on h.enterprise_id = e.id
      where e.town_code = $1 and e.status <> 'CLOSED' group by e.id, e.name order by count(*) desc, e.id limit 1`, [town.code]);
  if (!enterprise) throw new Error(`town ${town.code} has no enterprise with hazards`);
  const specs: UserSpec[] = [
    { username: 'admin', displayName: '系统管理员', role: 'admin', jurisdictionCode: null, sectors: [], department: null, enterpriseId: null },
    { username: 'leader', displayName: '市安委会领导', role: 'leader', jurisdictionCode: city.code, sectors: [], department: `${city.name}人民政府`, enterpriseId: null },
    { username: 'analyst', displayName: '市安委办分析员', role: 'analyst', jurisdictionCode: city.code, sectors: [], department: `${city.name}安全生产委员会办公室`, enterpriseId: null },
    { username: 'inspector', displayName: `${town.county_name}应急管理局执法员`, role: 'inspector', jurisdictionCode: town.county,
      sectors: ['HAZARDOUS_CHEMICALS', 'FIREWORKS'], department: '应急管理局', enterpriseId: null },
    { username: 'town', displayName: `${town.name}安监站站长`, role: 'town', jurisdictionCode: town.code, sectors: [], department: `${town.name}人民政府`, enterpriseId: null },
    { username: 'enterprise', displayName: `${enterprise.name}安全管理员`, role: 'enterprise', jurisdictionCode: null, sectors: [], department: null, enterpriseId: enterprise.id },
  ];
  // A hash (and salt) of its own per user, though they share the demo password: equal hashes
  // would tell anyone who reads the table that the passwords are equal. Hashed together,
  // as each costs a few hundred milliseconds (PASSWORD_COST) and libuv runs four at once.
  const hashes = await Promise.all(specs.map(() => hashPassword(password)));
  for (const [i, u] of specs.entries()) {
    await client.query(
      `insert into users (username, password_hash, display_name, role, jurisdiction_code, sectors, department, enterprise_id, is_demo)
       values ($1, $2, $3, $4, $5, $6::sector[], $7, $8, true)`,
      [u.username, hashes[i], u.displayName, u.role, u.jurisdictionCode, u.sectors, u.department, u.enterpriseId]);
  }
  const names = new Map([[city.code, city.name], [town.county, town.county_name], [town.code, town.name]]);
  return specs.map((u) => ({
    username: u.username,
    role: u.role,
    jurisdictionCode: u.jurisdictionCode,
    jurisdictionName: u.jurisdictionCode === null ? null : names.get(u.jurisdictionCode) ?? null,
    department: u.department,
    enterpriseName: u.enterpriseId === null ? null : enterprise.name,
  }));
}
