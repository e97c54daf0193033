import { join } from 'node:path';
import { DEFAULT_CITY_CODE, placeOf, UnknownPlaceError } from './seed/geography';

export interface DbConfig {
  /** A PostgreSQL server; absent means the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** CITY_CODE: the GB/T 2260 code of the city or county-level unit the demo is set up for. */
  cityCode: string;
}

/**
 * CITY_CODE (430900 益阳市 when unset), checked against the extract of cities (db/data): a code
 * it does not know, or a unit without a boundary, throws UnknownPlaceError saying why. A
 * municipality's province code gives its city (110000 → 110100).
 */
export function cityCodeOf(env: NodeJS.ProcessEnv = process.env): string {
  const place = placeOf(env.CITY_CODE?.trim() || DEFAULT_CITY_CODE);
  return place.county?.code ?? place.city.code;
}

function readCityCode(env: NodeJS.ProcessEnv): string {
  try {
    return cityCodeOf(env);
  } catch (error) {
    if (error instanceof UnknownPlaceError) throw new Error(`CITY_CODE is not usable: ${error.message}`);
    throw error;
  }
}

/**
 * The database tools' configuration, read from the environment once: DATABASE_URL, else the
 * embedded data directory .data/pglite at the repository root (the same from src and dist).
 */
export function readDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  return { databaseUrl, dataDir: join(__dirname, '..', '..', '.data', 'pglite'), cityCode: readCityCode(env) };
}
