/**
 * GB 32100-2015 unified social credit code (统一社会信用代码): 18 characters from a
 * 31-character alphabet (no I, O, S, V, Z); the last is a check character over the first
 * 17, weighted 3^i mod 31. Mirrors app.is_valid_credit_code (0001_foundation.sql), so a
 * client learns which part is wrong instead of a bare constraint failure; the web asks the
 * API (Query.creditCodeCheck) rather than keeping a copy.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** A credit code as it is stored: trimmed, upper case (people type it in lower case too). */
export function normaliseCreditCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The check character the first 17 characters call for. */
export function creditCodeCheckCharacter(first17: string): string {
  const total = WEIGHTS.reduce((sum, weight, i) => sum + ALPHABET.indexOf(first17[i]!) * weight, 0);
  return ALPHABET[(31 - (total % 31)) % 31]!;
}

/** What is wrong with a credit code: its shape, or its check character (and the one expected). */
export type CreditCodeFault = { kind: 'SHAPE' } | { kind: 'CHECK_CHARACTER'; expected: string };

/** The fault of a credit code, or null when it is valid. */
export function creditCodeFault(code: string): CreditCodeFault | null {
  if (!SHAPE.test(code)) return { kind: 'SHAPE' };
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  return code[17] === expected ? null : { kind: 'CHECK_CHARACTER', expected };
}

/** Why a credit code is invalid, or null when it is valid. */
export function creditCodeProblem(code: string): string | null {
  const fault = creditCodeFault(code);
  if (!fault) return null;
  if (fault.kind === 'SHAPE') return 'a credit code is 18 characters of 0-9 and A-Y without I, O, S, V, Z';
  return `the check character of credit code ${code} should be ${fault.expected}, not ${code[17]}`;
}
