import { badInput, notFound } from '../common/errors';
import { EnforcementKind, HazardSource, InspectionKind } from '../common/enums';
import { parseId, requireHappened, requireText, toLngLat } from '../common/mutation';
import type { RequestDb } from '../common/request-db';
import { createHazard } from '../hazard/hazard.mutation.service';
import type { CreateInspectionInput, EnforcementActionInput } from './inspection.mutation-input';

function checkAction(action: EnforcementActionInput, index: number): void {
  const field = `actions[${index}].fineAmountYuan`;
  if (action.kind === EnforcementKind.FINE && !(action.fineAmountYuan != null && action.fineAmountYuan > 0)) {
    throw badInput('a FINE needs a positive fineAmountYuan', field);
  }
  if (action.kind !== EnforcementKind.FINE && action.fineAmountYuan != null) throw badInput('only a FINE has a fineAmountYuan', field);
}

/**
 * Records an inspection, the hazards it found (with inspection_id, REPORTED) and the
 * enforcement taken, in the request's one transaction: all of it or none. An unannounced
 * visit's finds have the source UNANNOUNCED_VISIT (四不两直), the others DEPARTMENT_INSPECTION.
 */
export async function createInspection(db: RequestDb, input: CreateInspectionInput): Promise<number> {
  const enterpriseId = input.enterpriseId == null ? null : parseId(input.enterpriseId, 'enterpriseId');
  if (enterpriseId === null && input.townCode == null) throw badInput('an inspection needs an enterprise or a town', 'townCode');
  const department = requireText(input.department, 'department', 'name');
  const actions = input.actions ?? [];
  actions.forEach(checkAction);
  const findings = input.findings ?? [];
  const points = findings.map((finding, i) => {
    if (!finding.location && enterpriseId === null) throw badInput('a finding without an enterprise needs a location', `findings[${i}].location`);
    return finding.location ? toLngLat(finding.location, `findings[${i}].location`) : null;
  });

  await requireHappened(db, input.inspectedOn, 'inspectedOn');
  let townCode = input.townCode ?? null;
  if (enterpriseId !== null) {
    const [enterprise] = await db.query<{ town_code: string }>('select town_code from enterprises where id = $1', [enterpriseId]);
    if (!enterprise) throw notFound('enterprise');
    townCode = enterprise.town_code;
  }
  const [inspection] = await db.query<{ id: number }>(
    `insert into inspections (enterprise_id, town_code, sector, inspected_on, department, inspectors, kind, summary, created_by)
     values ($1, $2, $3, $4, $5, coalesce($6::text[], '{}'), $7, $8, app.user_id())
     returning id`,
    [enterpriseId, townCode, input.sector, input.inspectedOn, department, input.inspectors ?? null, input.kind, input.summary ?? null]);
  const inspectionId = inspection!.id;

  const source = input.kind === InspectionKind.UNANNOUNCED ? HazardSource.UNANNOUNCED_VISIT : HazardSource.DEPARTMENT_INSPECTION;
  for (const [i, finding] of findings.entries()) {
    await createHazard(db, {
      description: finding.description,
      level: finding.level,
      sector: input.sector,
      hazardType: finding.hazardType ?? null,
      source,
      enterpriseId,
      roadSegmentId: null,
      placeName: finding.placeName ?? null,
      lngLat: points[i]!,
      townCode: null,
      foundAt: input.inspectedOn,
      inspectionId,
    });
  }
  for (const action of actions) {
    await db.query('insert into enforcement_actions (inspection_id, kind, fine_amount_yuan, note) values ($1, $2, $3, $4)',
      [inspectionId, action.kind, action.fineAmountYuan ?? null, action.note ?? null]);
  }
  return inspectionId;
}
