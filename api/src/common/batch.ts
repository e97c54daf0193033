// Batch answers for DataLoaders: one statement fetches the rows of many keys, and these
// put the rows back in the keys' order, as DataLoader requires.

/** Rows grouped under the keys they belong to (one-to-many). */
export function groupBy<R, T>(keys: readonly string[], rows: R[], keyOf: (row: R) => string, map: (row: R) => T): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(map(row));
  return keys.map((key) => groups.get(key)!);
}

/** The row of each key, or null when there is none or row-level security hides it (one-to-one). */
export function byKey<R, T>(keys: readonly string[], rows: R[], keyOf: (row: R) => string, map: (row: R) => T): (T | null)[] {
  const found = new Map<string, T>(rows.map((row) => [keyOf(row), map(row)]));
  return keys.map((key) => found.get(key) ?? null);
}
