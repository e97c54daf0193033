import type { SpatialRecord } from '../import/spatial-file';

/** A unit a file's record may name: a county-level unit or a town of the deployment. */
export interface KnownUnit {
  code: string;
  name: string;
  parentCode: string;
  parentName: string;
}

export type MatchStatus = 'MATCHED' | 'UNMATCHED';

export interface Match {
  row: number;
  status: MatchStatus;
  code: string | null;
  name: string | null;
  /** How the unit was found: by its code, or by its name (unique, or within a parent the record names). */
  by: 'code' | 'name' | null;
  /** Why a record matched nothing (Chinese, shown to the admin). */
  reason: string | null;
}

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');

/**
 * The unit code a value may be: 6 digits for a county-level unit, 9 for a town, also from the
 * 12-digit 统计用区划代码 that statistics layers carry (430902001000 → 430902001).
 */
function codeOf(value: string, length: 6 | 9): string | null {
  if (!/^\d{6,12}$/.test(value) || value.length < length) return null;
  return /^0*$/.test(value.slice(length)) ? value.slice(0, length) : null;
}

/**
 * Finds the unit each record stands for. Any attribute may hold it, so that files from
 * different GIS tools work without a mapping: a value that is the code of a unit of the level
 * wins; else a value that is a unit's name, when only one unit has it, or when the record
 * also names that unit's parent (code or name). A unit claimed by two records is matched by
 * the first only.
 */
export function matchRecords(records: readonly SpatialRecord[], units: readonly KnownUnit[], level: 'county' | 'town'): Match[] {
  const length = level === 'county' ? 6 : 9;
  const byCode = new Map(units.map((u) => [u.code, u]));
  const byName = new Map<string, KnownUnit[]>();
  for (const unit of units) byName.set(unit.name, [...(byName.get(unit.name) ?? []), unit]);
  const claimed = new Set<string>();
  return records.map((record) => {
    const values = Object.values(record.properties).map(text).filter((v) => v !== '');
    let unit: KnownUnit | undefined;
    let by: Match['by'] = null;
    for (const value of values) {
      const code = codeOf(value, length);
      if (code && byCode.has(code)) { unit = byCode.get(code); by = 'code'; break; }
    }
    let reason = '没有与本地区划代码或名称相符的属性';
    if (!unit) {
      for (const value of values) {
        const named = byName.get(value);
        if (!named) continue;
        const chosen = named.length === 1 ? named : named.filter((u) => values.includes(u.parentCode) || values.includes(u.parentName));
        if (chosen.length === 1) { unit = chosen[0]; by = 'name'; break; }
        reason = `名称“${value}”在多个上级区划中都有，请在文件中给出区划代码`;
      }
    }
    if (unit && claimed.has(unit.code)) {
      return { row: record.rowNumber, status: 'UNMATCHED', code: unit.code, name: unit.name, by, reason: `与前面的记录重复（${unit.name} ${unit.code}）` };
    }
    if (!unit) return { row: record.rowNumber, status: 'UNMATCHED', code: null, name: null, by: null, reason };
    claimed.add(unit.code);
    return { row: record.rowNumber, status: 'MATCHED', code: unit.code, name: unit.name, by, reason: null };
  });
}
