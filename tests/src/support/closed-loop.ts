import type pg from 'pg';

// Shared by the closed loop's database and API tests: the kinds of hazard the rules tell
// apart, the people who act on them, and fresh hazards of each kind walked by the database
// owner (who is no party to the loop, so the history names no actor).

export type Status = 'REPORTED' | 'RECTIFYING' | 'AWAITING_VERIFICATION' | 'CLOSED';
export const STATUSES: readonly Status[] = ['REPORTED', 'RECTIFYING', 'AWAITING_VERIFICATION', 'CLOSED'];
export type ListingLevel = 'COUNTY' | 'CITY' | 'PROVINCE';

export interface Kind {
  name: string;
  level: 'GENERAL' | 'MAJOR';
  /** The listings, lowest first. */
  listed: ListingLevel[];
}

/** General, major, and major listed at each level (挂牌督办 applies to major hazards only). */
export const KINDS: readonly Kind[] = [
  { name: 'general', level: 'GENERAL', listed: [] },
  { name: 'major', level: 'MAJOR', listed: [] },
  { name: 'major listed by the county', level: 'MAJOR', listed: ['COUNTY'] },
  { name: 'major listed by the city', level: 'MAJOR', listed: ['CITY'] },
  { name: 'major listed by the province', level: 'MAJOR', listed: ['PROVINCE'] },
];

export const RANK: Record<ListingLevel, number> = { COUNTY: 1, CITY: 2, PROVINCE: 3 };

/** A town with an enterprise, and what the personas' scopes are made of. */
export interface Place {
  townCode: string;
  enterpriseId: number;
  sector: string;
  lng: number;
  lat: number;
}

/**
 * An enterprise and its town, away from the demo town official's town: tests that commit
 * their hazards leave the demo town's lists and figures as other tests (the web's) expect.
 */
export async function testPlace(pool: pg.Pool | pg.PoolClient): Promise<Place> {
  const { rows: [row] } = await pool.query(
    `select e.town_code, e.id, e.sector, st_x(e.location) as lng, st_y(e.location) as lat
     from enterprises e
     where e.town_code not in (select jurisdiction_code from users where username = 'town' and jurisdiction_code is not null)
     order by e.id limit 1`);
  return { townCode: row.town_code, enterpriseId: Number(row.id), sector: row.sector, lng: row.lng, lat: row.lat };
}

const PATH: readonly Status[] = STATUSES;

/**
 * A fresh hazard of `kind` about the place's enterprise (or, with `subject: 'place'`, about
 * a bare place of the town), walked by the owner to `status`. `deadlineDays` from today
 * (negative: overdue).
 */
export async function kindHazard(
  db: pg.Pool | pg.PoolClient, place: Place, kind: Kind, status: Status,
  options: { subject?: 'enterprise' | 'place'; deadlineDays?: number | null; description?: string } = {},
): Promise<string> {
  const enterprise = (options.subject ?? 'enterprise') === 'enterprise' ? place.enterpriseId : null;
  const days = options.deadlineDays === undefined ? 30 : options.deadlineDays;
  const { rows: [row] } = await db.query(
    `insert into hazards (code, description, level, sector, source, enterprise_id, place_name, location, town_code, found_at,
                          responsible_person, measures, funds_yuan, deadline, contingency_plan)
     values ('CL-' || md5(random()::text), $9, $1, $2, 'DEPARTMENT_INSPECTION', $3, $4,
             st_setsrid(st_makepoint($5, $6), 4326), $7, now() - interval '800 days',
             '张伟', '更换破损设备', 5000, case when $8::int is null then null else app.today() + $8::int end, '设置警戒区')
     returning id`,
    [kind.level, place.sector, enterprise, enterprise === null ? '农贸市场' : null, place.lng, place.lat, place.townCode, days,
      options.description ?? '闭环测试隐患']);
  const id = String(row.id);
  for (const level of kind.listed) {
    await db.query(
      `insert into listed_supervisions (hazard_id, level, listing_body, rectifying_unit, rectifying_head, regulating_unit,
         regulating_head, supervising_official, deadline, year_listed)
       values ($1, $2, '安委会', '整改单位', '甲', '监管单位', '乙', '丙', app.today() + 60, 2026)`, [id, level]);
  }
  for (const next of PATH.slice(1, PATH.indexOf(status) + 1)) {
    await db.query(
      `select set_config('app.evaluation', case when $1 = 'CLOSED' then '第三方评估合格' else '' end, false),
              set_config('app.note', 'fixture', false)`, [next]);
    await db.query(`update hazards set status = $2, deadline = coalesce(deadline, app.today() + 30) where id = $1`, [id, next]);
  }
  await db.query(`select set_config('app.evaluation', '', false), set_config('app.note', '', false)`);
  return id;
}
