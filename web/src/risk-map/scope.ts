/**
 * The code prefix shared by a unit and every unit under it (GB/T 2260: a province ends in
 * 0000, a city in 00; a county's 6 digits start its towns' 9), as the API's scope computes it.
 */
function prefixOf(code: string): string {
  if (code.length === 9) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/**
 * Whether `code` is `ancestor` or lies under it. The API also returns the units above a
 * user's own (a town official sees their county and city names); the map leaves those out,
 * so a town official's map shows their town and only it.
 */
export function isWithin(code: string, ancestor: string | null | undefined): boolean {
  return !ancestor || code.startsWith(prefixOf(ancestor));
}

/**
 * The unit a map of these counties is about: the user's own jurisdiction when they have one;
 * for a user with none (the admin), the city the counties share, else their province.
 */
export function topUnit(homeCode: string | null, counties: readonly { parentCode?: string | null }[]): string | null {
  if (homeCode) return homeCode;
  const parents = new Set(counties.map((c) => c.parentCode).filter((code): code is string => Boolean(code)));
  if (parents.size === 1) return [...parents][0]!;
  const provinces = new Set([...parents].map((code) => `${code.slice(0, 2)}0000`));
  return provinces.size === 1 ? [...provinces][0]! : null;
}
