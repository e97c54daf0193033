import type { RequestDb } from '../common/request-db';
import { HazardAction } from '../common/enums';
import { KEY_FIELD, type ImportKindName } from './import.fields';
import { insertValue, KIND_TABLES, LINE, POINT, STATUS_RANK, updateValue } from './import.columns';

// Confirming an import: every checked row written in sets, in the caller's one transaction,
// as the importing user. The ledger's triggers run as for any write: history (with this
// import's id, app.import_id, and the note naming the file), scope (row-level security),
// towns, the status flow. A hazard that the file records as rectifying, awaiting
// verification or closed walks the flow's edges from 登记, one set-based update per edge,
// each edge checked and recorded by the database as if taken in the app.

export interface ConfirmProgress {
  (done: number): void;
}

const ROWS = (action: string) => `from import_rows r where r.import_id = $1 and r.action = '${action}'`;

/** The history note of a row placed at its town: the record says its location is the town's, not its own. */
export const PLACED_NOTE = '无坐标，按所属乡镇（街道）定位';

async function insertRows(db: RequestDb, id: string, kind: ImportKindName, note: string): Promise<void> {
  const table = KIND_TABLES[kind];
  // The history note is the transaction's: rows placed at their town are inserted on their own, with a note that says so.
  for (const placed of [false, true]) {
    await db.setLocal('note', placed ? `${note}；${PLACED_NOTE}` : note);
    await db.query(
      `insert into ${table.name} (${table.columns.map((c) => c.column).join(', ')})
       select ${table.columns.map(insertValue).join(', ')} ${ROWS('INSERT')}
         and coalesce((r.record->>'placed')::boolean, false) = $2
       order by r.row_number`, [id, placed]);
  }
  await db.setLocal('note', note);
  await db.query(
    `update import_rows r set target_id = t.id from ${table.name} t
     where r.import_id = $1 and r.action = 'INSERT' and t.${table.key} = r.record->>'${KEY_FIELD[kind]}'`, [id]);
}

async function updateRows(db: RequestDb, id: string, kind: ImportKindName): Promise<void> {
  const table = KIND_TABLES[kind];
  const updated = table.columns.filter((c) => !c.insertOnly);
  await db.query(
    `update ${table.name} t set ${updated.map((c) => `${c.column} = ${updateValue(c)}`).join(', ')}
     ${ROWS('UPDATE')} and t.id = r.target_id`, [id]);
}

const HAZARD_OF_ROW = `from import_rows r where r.import_id = $1 and r.action in ('INSERT', 'UPDATE') and h.id = r.target_id`;

/**
 * Walks imported hazards along the status flow to the status their ledger records:
 * 登记 → 整改中 (with the five in place and the original deadline) → the deadline's
 * extension, with its reason → 待验收 → 已销号 (with the evaluation naming the import).
 */
async function walkHazards(db: RequestDb, id: string, note: string, progress: () => void): Promise<void> {
  const fileRank = STATUS_RANK(`coalesce(r.record->>'status', 'REPORTED')`);
  const to = (action: HazardAction) => `(select t.to_status from hazard_transitions t where t.action = '${action}')`;
  await db.setLocal('note', `${note}：台账记载已落实五到位，开始整改`);
  await db.query(
    `update hazards h set status = ${to(HazardAction.START_RECTIFICATION)},
       responsible_person = r.record->>'responsiblePerson', measures = r.record->>'measures',
       funds_yuan = (r.record->>'fundsYuan')::numeric, contingency_plan = r.record->>'contingencyPlan',
       deadline = coalesce(r.record->>'originalDeadline', r.record->>'deadline')::date
     ${HAZARD_OF_ROW} and h.status = 'REPORTED' and ${fileRank} >= 2`, [id]);
  progress();
  // An extension's reason is a setting the history trigger reads: one statement per reason.
  const reasons = await db.query<{ reason: string }>(
    `select distinct r.record->>'extensionReason' as reason from import_rows r
     where r.import_id = $1 and r.action in ('INSERT', 'UPDATE') and r.record->>'originalDeadline' is not null`, [id]);
  for (const { reason } of reasons) {
    await db.setLocal('deadline_reason', `${reason}（${note}）`);
    await db.query(
      `update hazards h set deadline = (r.record->>'deadline')::date
       ${HAZARD_OF_ROW} and r.record->>'originalDeadline' is not null and r.record->>'extensionReason' = $2
         and h.deadline = (r.record->>'originalDeadline')::date and h.status = 'RECTIFYING'`, [id, reason]);
  }
  await db.setLocal('deadline_reason', null);
  progress();
  await db.setLocal('note', `${note}：台账记载整改完成，提交验收`);
  await db.query(`update hazards h set status = ${to(HazardAction.SUBMIT_RECTIFICATION)}
                  ${HAZARD_OF_ROW} and h.status = 'RECTIFYING' and ${fileRank} >= 3`, [id]);
  progress();
  await db.setLocal('note', `${note}：台账记载验收通过，已销号`);
  await db.setLocal('evaluation', `台账记载已验收销号（${note}）`);
  await db.query(`update hazards h set status = ${to(HazardAction.VERIFY_PASS)}
                  ${HAZARD_OF_ROW} and h.status = 'AWAITING_VERIFICATION' and ${fileRank} >= 4`, [id]);
  await db.setLocal('evaluation', null);
  progress();
}

/**
 * What the caches must renew (app.writes' format, parseWrites): per town, the extent of the
 * rows the import writes, and of the rows it changes as they are now.
 */
async function writtenPlaces(db: RequestDb, id: string, kind: ImportKindName): Promise<string> {
  const table = KIND_TABLES[kind];
  const place = kind === 'road-segments' ? LINE : POINT;
  const current = kind === 'road-segments' ? 't.geom' : kind === 'inspections' ? 'null::geometry' : 't.location';
  const [row] = await db.query<{ noted: string | null }>(
    `with places as (
       select r.record->>'townCode' as town, ${kind === 'inspections' ? 'null::geometry' : place} as geom
       from import_rows r where r.import_id = $1 and r.action in ('INSERT', 'UPDATE')
       union all
       select t.town_code, ${current} from import_rows r join ${table.name} t on t.id = r.target_id
       where r.import_id = $1 and r.action = 'UPDATE')
     select string_agg(town || '|' || coalesce(concat_ws(',', st_xmin(box), st_ymin(box), st_xmax(box), st_ymax(box)), ''), ';') || ';' as noted
     from (select town, st_extent(geom) as box from places group by town) p`, [id]);
  return row?.noted ?? '';
}

export interface ConfirmCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Writes the checked rows of run `id` into the ledger, in the caller's transaction. */
export async function writeImport(
  db: RequestDb, id: string, kind: ImportKindName, fileName: string, progress: ConfirmProgress,
): Promise<ConfirmCounts> {
  const note = `导入批次 ${id}（文件：${fileName}）`;
  // The triggers would note every row version in one growing text (app.note_write): a cost
  // that grows with the square of the rows. The towns and extents are noted here, in sets.
  const writes = await writtenPlaces(db, id, kind);
  await db.setLocal('track_writes', 'off');
  await db.setLocal('import_id', id);
  await db.setLocal('note', note);
  const [counts] = await db.query<ConfirmCounts>(
    `select count(*) filter (where action = 'INSERT')::int as inserted, count(*) filter (where action = 'UPDATE')::int as updated,
            count(*) filter (where action = 'UNCHANGED')::int as unchanged
     from import_rows where import_id = $1`, [id]);
  const steps = kind === 'hazards' ? 5 : 2;
  let done = 0;
  const step = () => progress(Math.round(((done += 1) / steps) * (counts!.inserted + counts!.updated + counts!.unchanged)));
  await insertRows(db, id, kind, note);
  step();
  if (kind === 'hazards') {
    await walkHazards(db, id, note, step);
  } else {
    await updateRows(db, id, kind);
    step();
  }
  await db.setLocal('import_id', null);
  await db.setLocal('note', null);
  await db.setLocal('track_writes', 'on');
  await db.setLocal('writes', writes);
  return counts!;
}
