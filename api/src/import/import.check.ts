import type { RequestDb } from '../common/request-db';
import { MAX_SEGMENT_VERTICES, MIN_SEGMENT_M } from '../road-segment/road-segment.mutation.service';
import { IMPORT_FIELDS, KEY_FIELD, type ImportKindName } from './import.fields';
import { KIND_TABLES, LINE, POINT, v } from './import.columns';

// The dry run's checks that need the database, each one statement over every staged row of
// the import (import_rows.record, `r.record` below), run as the importing user so that
// row-level security answers "may this user write this row": towns by name, code, address
// or coordinates; the enterprises and segments rows refer to; scope; keys repeated in the
// file or taken outside the user's sight; and what confirm would do with each row.

const OF_RUN = 'r.import_id = $1';
const UNFLAGGED = `r.problems = '[]'::jsonb`;

/** The statements of one dry run, with the file's column for each field (for the problems' "column"). */
class Checks {
  constructor(private readonly db: RequestDb, private readonly id: string, private readonly mapping: Record<string, string>, private readonly kind: ImportKindName) {}

  col(field: string): string {
    return this.mapping[field] ?? IMPORT_FIELDS[this.kind].find((f) => f.name === field)?.label ?? field;
  }

  /** Runs a statement whose $1 is the run's id. */
  async run(text: string, values: unknown[] = []): Promise<void> {
    await this.db.query(text, [this.id, ...values]);
  }

  /** Adds a problem to every row of the run that `where` selects. */
  async flag(field: string, valueSql: string, reason: string, where: string, values: unknown[] = []): Promise<void> {
    await this.db.query(
      `update import_rows r
       set problems = r.problems || jsonb_build_array(jsonb_build_object('column', $2::text, 'value', (${valueSql})::text, 'reason', $3::text))
       where ${OF_RUN} and (${where})`, [this.id, this.col(field), reason, ...values]);
  }

  /** Merges `objectSql` (a jsonb object) into the record of every row `where` selects. */
  async set(objectSql: string, where: string, values: unknown[] = []): Promise<void> {
    await this.db.query(`update import_rows r set record = r.record || ${objectSql} where ${OF_RUN} and (${where})`, [this.id, ...values]);
  }
}

async function towns(c: Checks): Promise<void> {
  await c.set(`jsonb_build_object('townCodes', to_jsonb(array(select app.towns_named(${v('town')}))))`, `${v('town')} is not null`);
  await c.flag('town', v('town'), '未知的乡镇（街道）名称或代码', `jsonb_array_length(r.record->'townCodes') = 0`);
  await c.flag('town', v('town'), '乡镇（街道）名称重名，请填写9位区划代码', `jsonb_array_length(r.record->'townCodes') > 1`);
  await c.set(`jsonb_build_object('townCode', r.record->'townCodes'->>0)`, `jsonb_array_length(r.record->'townCodes') = 1`);
}

async function enterpriseRefs(c: Checks, kind: ImportKindName): Promise<void> {
  await c.run(
    `update import_rows r set record = r.record || jsonb_build_object('enterpriseId', e.id, 'enterpriseTown', e.town_code,
       'enterpriseLng', st_x(e.location), 'enterpriseLat', st_y(e.location))
     from enterprises e where ${OF_RUN} and e.credit_code = ${v('creditCode')}`);
  await c.flag('creditCode', v('creditCode'), '未找到该统一社会信用代码的企业（请先导入企业台账），或该企业不在您的辖区',
    `${v('creditCode')} is not null and ${v('enterpriseId')} is null`);
  if (kind === 'inspections') {
    await c.set(`jsonb_build_object('townCode', ${v('enterpriseTown')})`, `${v('enterpriseId')} is not null`);
  }
  if (kind === 'hazards') {
    // A hazard of an enterprise without coordinates of its own lies at the enterprise.
    await c.set(`jsonb_build_object('lng', (${v('enterpriseLng')})::float8, 'lat', (${v('enterpriseLat')})::float8)`,
      `${v('enterpriseId')} is not null and ${v('lng')} is null`);
    await c.run(
      `update import_rows r set record = r.record || jsonb_build_object('roadSegmentDbId', s.id,
         'lng', coalesce((${v('lng')})::float8, st_x(st_lineinterpolatepoint(s.geom, 0.5))),
         'lat', coalesce((${v('lat')})::float8, st_y(st_lineinterpolatepoint(s.geom, 0.5))))
       from road_segments s where ${OF_RUN} and s.external_id = ${v('roadSegmentId')}`);
    await c.flag('roadSegmentId', v('roadSegmentId'), '未找到该编号的路段（请先导入道路隐患路段），或该路段不在您的辖区',
      `${v('roadSegmentId')} is not null and ${v('roadSegmentDbId')} is null`);
  }
}

/** Rows with coordinates: their town from the point; rows without: placed at their town (flagged). */
async function places(c: Checks): Promise<void> {
  await c.set(`jsonb_build_object('pointTown', app.town_at(${POINT}))`, `${v('lng')} is not null`);
  await c.flag('lng', `${v('lng')} || ',' || ${v('lat')}`, '坐标不在本系统的任何乡镇（街道）内：请检查所选坐标系，或经纬度是否填反',
    `${v('lng')} is not null and ${v('pointTown')} is null`);
  await c.flag('town', v('town'), '坐标不在所填乡镇（街道）内',
    `${v('pointTown')} is not null and ${v('townCode')} is not null and ${v('townCode')} <> ${v('pointTown')}
     and not coalesce(st_covers(app.town_anchor(${v('townCode')}::jurisdiction_code), ${POINT})
       or exists (select 1 from jurisdictions j where j.code = ${v('townCode')} and st_covers(j.boundary, ${POINT})), false)`);
  await c.set(`jsonb_build_object('townCode', coalesce(${v('townCode')}, ${v('pointTown')}))`, `${v('pointTown')} is not null`);
  // No coordinates: the town named, else the town the address names.
  await c.set(`jsonb_build_object('townCode', app.town_in_text(${v('address')}))`,
    `${v('lng')} is null and ${v('townCode')} is null and ${v('address')} is not null and ${v('town')} is null`);
  await c.set(`jsonb_build_object('placed', true, 'lng', st_x(app.town_anchor(${v('townCode')}::jurisdiction_code)),
      'lat', st_y(app.town_anchor(${v('townCode')}::jurisdiction_code)))`,
    `${v('lng')} is null and ${v('townCode')} is not null`);
  await c.flag('address', v('address'), '没有坐标，也无法从地址中识别乡镇（街道）：请填写经纬度或所属乡镇',
    `${v('lng')} is null and ${v('townCode')} is null and ${v('town')} is null and ${v('address')} is not null`);
}

async function roadLines(c: Checks): Promise<void> {
  await c.set(`jsonb_build_object('vertices', jsonb_array_length(r.record->'line'))`, `r.record->'line' is not null and r.record->'line' <> 'null'`);
  await c.flag('line', v('vertices'), `路段最多 ${MAX_SEGMENT_VERTICES} 个坐标点`, `(${v('vertices')})::int > ${MAX_SEGMENT_VERTICES}`);
  await c.set(`jsonb_build_object('pointTown', app.town_at(st_lineinterpolatepoint(${LINE}, 0.5)), 'lengthM', st_length(${LINE}::geography))`,
    `(${v('vertices')})::int between 2 and ${MAX_SEGMENT_VERTICES}`);
  await c.flag('line', `round((${v('lengthM')})::numeric, 1)`, `路段长度不足 ${MIN_SEGMENT_M} 米`, `(${v('lengthM')})::float8 < ${MIN_SEGMENT_M}`);
  await c.flag('line', `r.record->>'line'`, '路段中点不在本系统的任何乡镇（街道）内：请检查所选坐标系',
    `${v('vertices')} is not null and ${v('pointTown')} is null and ${UNFLAGGED}`);
  await c.set(`jsonb_build_object('townCode', coalesce(${v('townCode')}, ${v('pointTown')}))`, `${v('pointTown')} is not null`);
}

/** Scope: the importing user may write the row where it lies (row-level security's own test). */
async function scope(c: Checks, kind: ImportKindName): Promise<void> {
  const sector = kind === 'road-segments' ? `'ROAD_TRAFFIC'` : v('sector');
  // An enterprise user imports its own self-inspection finds, in its own town (hazards_insert).
  const own = kind === 'hazards'
    ? `or (app.role() = 'enterprise' and (${v('enterpriseId')})::bigint = app.enterprise_id() and ${v('source')} = 'SELF_INSPECTION')`
    : '';
  await c.flag('town', `coalesce(${v('town')}, ${v('townCode')})`, '不在您的辖区（或业务范围）内，无权导入',
    `${v('townCode')} is not null and ${sector} is not null
     and not (app.can_write(${v('townCode')}::jurisdiction_code, ${sector}) ${own})`);
}

/** Hazards: what the status flow asks of a hazard that arrives rectified or closed. */
async function hazardRules(c: Checks): Promise<void> {
  const closedMajor = `${v('status')} = 'CLOSED' and ${v('level')} = 'MAJOR'`;
  await c.flag('status', `'已销号'`, '企业不能验收销号自己的隐患：请以待验收状态导入', `${v('status')} = 'CLOSED' and app.role() = 'enterprise'`);
  await c.flag('status', `'已销号'`, '重大隐患由行业主管部门或县级以上人员验收销号：请以待验收状态导入，由其验收',
    `${closedMajor} and app.role() <> 'enterprise' and not (app.role() = 'inspector' or app.viewer_rank() >= 1)`);
  await c.flag('status', `'已销号'`, '本系统要求重大隐患销号须有整改后照片：请以待验收状态导入，上传照片后验收',
    `${closedMajor} and (select after_photo_required from app.deployment)`);
}

/** Keys: repeated in the file (later rows flagged), or held by a row the user cannot see. */
async function keys(c: Checks, kind: ImportKindName): Promise<void> {
  const key = KEY_FIELD[kind];
  await c.flag(key, v(key), '与文件中前面的行重复（同一编号只能出现一次）',
    `exists (select 1 from import_rows o where o.import_id = r.import_id and o.row_number < r.row_number and o.record->>'${key}' = ${v(key)})`);
  const table = KIND_TABLES[kind];
  await c.run(
    `update import_rows r set target_id = t.id from ${table.name} t where ${OF_RUN} and t.${table.key} = ${v(key)}`);
  await c.flag(key, v(key), '该编号已被您辖区外的记录使用',
    `r.target_id is null and ${v(key)} in (select app.import_keys_taken($4, array(select o.record->>'${key}' from import_rows o where o.import_id = $1 and o.record->>'${key}' is not null)))`,
    [kind]);
}

/** What confirm would do with each clean row: INSERT, UPDATE (something differs) or UNCHANGED. */
async function actions(c: Checks, kind: ImportKindName): Promise<void> {
  const table = KIND_TABLES[kind];
  await c.run(`update import_rows r set action = case when r.problems <> '[]'::jsonb then null when r.target_id is null then 'INSERT' end
                    where ${OF_RUN}`);
  await c.run(
    `update import_rows r set action = case when ${table.changed} then 'UPDATE' else 'UNCHANGED' end
     from ${table.name} t where ${OF_RUN} and r.target_id = t.id and r.problems = '[]'::jsonb`);
  if (kind === 'hazards') {
    // An import moves a hazard along the flow, never back.
    await c.flag('status', v('status'), '系统中该隐患的治理状态已在台账所记状态之后：导入不回退状态',
      `exists (select 1 from hazards t where t.id = r.target_id and ${table.behind!})`);
    await c.run(`update import_rows r set action = null where ${OF_RUN} and r.problems <> '[]'::jsonb`);
  }
}

/** The dry run's database checks for every staged row of run `id`, in order. */
export async function checkStaged(db: RequestDb, id: string, kind: ImportKindName, mapping: Record<string, string>): Promise<void> {
  const c = new Checks(db, id, mapping, kind);
  await towns(c);
  if (kind === 'hazards' || kind === 'inspections' || kind === 'accidents') await enterpriseRefs(c, kind);
  if (kind === 'road-segments') await roadLines(c);
  else if (kind !== 'inspections') await places(c);
  if (kind === 'hazards') await hazardRules(c);
  await scope(c, kind);
  await keys(c, kind);
  await actions(c, kind);
}
