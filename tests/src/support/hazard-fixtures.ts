import type { Pool } from 'pg';
import { scopePrefix, type Viewer } from '@risk/api/common/viewer';

/** Where a demo user may write: a town and sector in scope, a point inside that town. */
export interface Scope {
  viewer: Viewer;
  townCode: string;
  sector: string;
  enterpriseId: number | null;
  lng: number;
  lat: number;
}

/**
 * A demo user's viewer and a place in their write scope, read from the database (outside
 * row-level security): their enterprise for an enterprise user, else the first town under
 * their jurisdiction and their first sector.
 */
export async function scopeOf(pool: Pool, username: string): Promise<Scope> {
  const { rows: [user] } = await pool.query(
    `select u.id, u.role, u.jurisdiction_code, u.sectors::text[] as sectors, u.enterprise_id,
            e.town_code as enterprise_town, e.sector as enterprise_sector,
            st_x(e.location) as e_lng, st_y(e.location) as e_lat
     from users u left join enterprises e on e.id = u.enterprise_id where u.username = $1`, [username]);
  if (!user) throw new Error(`no demo user ${username}`);
  const viewer: Viewer = {
    userId: user.id, username, role: user.role, jurisdictionCode: user.jurisdiction_code, sectors: user.sectors,
    enterpriseId: user.enterprise_id, enterpriseTownCode: user.enterprise_town,
  };
  if (user.enterprise_id !== null) {
    return { viewer, townCode: user.enterprise_town, sector: user.enterprise_sector, enterpriseId: user.enterprise_id, lng: user.e_lng, lat: user.e_lat };
  }
  const town = await townWhere(pool, 'code >= $1 and code < $1 || \':\'', scopePrefix(viewer) ?? '');
  return { viewer, ...town, sector: user.sectors[0] ?? 'FIRE_SAFETY', enterpriseId: null };
}

/** A town outside the prefix, and a point inside it. */
export function townOutside(pool: Pool, prefix: string): Promise<{ townCode: string; lng: number; lat: number }> {
  return townWhere(pool, 'not (code >= $1 and code < $1 || \':\')', prefix);
}

async function townWhere(pool: Pool, condition: string, prefix: string): Promise<{ townCode: string; lng: number; lat: number }> {
  const { rows: [town] } = await pool.query(
    `select code, st_x(p) as lng, st_y(p) as lat
     from (select code collate "C" as code, st_pointonsurface(boundary) as p from jurisdictions
           where level = 'town' and boundary is not null) t
     where ${condition} order by code limit 1`, [prefix]);
  if (!town) throw new Error(`no town for prefix ${prefix}`);
  return { townCode: town.code, lng: town.lng, lat: town.lat };
}

export type Status = 'REPORTED' | 'RECTIFYING' | 'AWAITING_VERIFICATION' | 'CLOSED';
const PATH: Status[] = ['REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED'];

/**
 * A fresh hazard in `place`, walked by the database owner along the status flow to
 * `status`, so each test has its own row and none depends on another's order. The owner is
 * no party to the closed loop: the history names no actor. A major hazard is closed with an
 * evaluation (治理评估), as the database asks.
 */
export async function freshHazard(
  pool: Pool, place: { townCode: string; sector: string; enterpriseId: number | null; lng: number; lat: number }, status: Status = 'REPORTED',
  level: 'GENERAL' | 'MAJOR' = 'GENERAL',
): Promise<{ id: string; version: number }> {
  const { rows: [row] } = await pool.query(
    `insert into hazards (code, description, level, sector, source, enterprise_id, location, town_code, found_at)
     values ('T-' || md5(random()::text), 'test hazard', $6, $1, 'DEPARTMENT_INSPECTION', $2,
             st_setsrid(st_makepoint($3, $4), 4326), $5, now())
     returning id`, [place.sector, place.enterpriseId, place.lng, place.lat, place.townCode, level]);
  for (const next of PATH.slice(1, PATH.indexOf(status) + 1)) {
    await pool.query(`select set_config('app.evaluation', $1, false)`, [next === 'CLOSED' && level === 'MAJOR' ? '评估合格' : '']);
    await pool.query(
      `update hazards set status = $2, responsible_person = 'p', measures = 'm', funds_yuan = 1,
         deadline = coalesce(deadline, current_date + 30), contingency_plan = 'c' where id = $1`, [row.id, next]);
  }
  await pool.query(`select set_config('app.evaluation', '', false)`);
  const { rows: [current] } = await pool.query('select version from hazards where id = $1', [row.id]);
  return { id: String(row.id), version: current.version };
}

/** What a refused write must leave untouched: status, version and history length. */
export async function hazardState(pool: Pool, id: string): Promise<{ status: string; version: number; history: number; deadline: string | null }> {
  const { rows: [row] } = await pool.query(
    `select status, version, deadline, (select count(*)::int from hazard_history where hazard_id = h.id) as history
     from hazards h where id = $1`, [id]);
  return row;
}
