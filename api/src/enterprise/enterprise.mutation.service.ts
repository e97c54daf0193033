import { badInput } from '../common/errors';
import { recordNote, requireText, toLngLat, updateVersioned } from '../common/mutation';
import type { RequestDb } from '../common/request-db';
import { creditCodeProblem, normaliseCreditCode } from './credit-code';
import type { CreateEnterpriseInput, UpdateEnterpriseInput } from './enterprise.mutation-input';

function checkCreditCode(code: string): string {
  const normalised = normaliseCreditCode(code);
  const problem = creditCodeProblem(normalised);
  if (problem) throw badInput(problem, 'creditCode');
  return normalised;
}

function checkNumbers(input: { majorHazardGrade?: number | null; employeeCount?: number | null }): void {
  const grade = input.majorHazardGrade;
  if (grade != null && (grade < 1 || grade > 4)) throw badInput('majorHazardGrade is 1 to 4, or omitted when none', 'majorHazardGrade');
  if (input.employeeCount != null && input.employeeCount < 0) throw badInput('employeeCount must not be negative', 'employeeCount');
}

/** Inserts an enterprise; the town is derived from the location when not given. */
export async function createEnterprise(db: RequestDb, input: CreateEnterpriseInput): Promise<number> {
  checkNumbers(input);
  const [lng, lat] = toLngLat(input.location);
  const [row] = await db.query<{ id: number }>(
    `insert into enterprises (name, credit_code, sector, address, location, town_code, department, risk_level,
       major_hazard_grade, standardization_grade, status, employee_count, contact_name, contact_phone)
     values ($1, $2, $3, $4, st_setsrid(st_makepoint($5, $6), 4326), $7, $8, $9, $10,
             coalesce($11, 'NONE'), coalesce($12, 'OPERATING'), coalesce($13, 0), $14, $15)
     returning id`,
    [requireText(input.name, 'name', 'name'), checkCreditCode(input.creditCode), input.sector, input.address ?? null, lng, lat,
      input.townCode ?? null, input.department ?? null, input.riskLevel, input.majorHazardGrade ?? null,
      input.standardizationGrade ?? null, input.status ?? null, input.employeeCount ?? null,
      input.contactName ?? null, input.contactPhone ?? null]);
  return row!.id;
}

/**
 * Changes the given fields. A new location without a town sets town_code to null, so that
 * app.place_in_town derives the town again instead of refusing the move.
 */
export async function updateEnterprise(db: RequestDb, id: number, input: UpdateEnterpriseInput): Promise<number> {
  checkNumbers(input);
  await recordNote(db, input.note);
  const point = input.location ? toLngLat(input.location) : null;
  return updateVersioned(db, { table: 'enterprises', what: 'enterprise', id, version: input.version },
    `name = coalesce($3, name), credit_code = coalesce($4, credit_code), sector = coalesce($5, sector),
     address = coalesce($6, address),
     location = coalesce(st_setsrid(st_makepoint($7, $8), 4326), location),
     town_code = case when $7::float8 is null then coalesce($9, town_code) else $9 end,
     department = coalesce($10, department), risk_level = coalesce($11, risk_level),
     major_hazard_grade = coalesce($12, major_hazard_grade),
     standardization_grade = coalesce($13, standardization_grade), status = coalesce($14, status),
     employee_count = coalesce($15, employee_count), contact_name = coalesce($16, contact_name),
     contact_phone = coalesce($17, contact_phone)`,
    [input.name == null ? null : requireText(input.name, 'name', 'name'),
      input.creditCode == null ? null : checkCreditCode(input.creditCode), input.sector ?? null, input.address ?? null,
      point?.[0] ?? null, point?.[1] ?? null, input.townCode ?? null, input.department ?? null, input.riskLevel ?? null,
      input.majorHazardGrade ?? null, input.standardizationGrade ?? null, input.status ?? null,
      input.employeeCount ?? null, input.contactName ?? null, input.contactPhone ?? null]);
}
