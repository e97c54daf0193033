import { join } from 'node:path';

export interface DbConfig {
  /** A PostgreSQL server; absent means the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
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
  return { databaseUrl, dataDir: join(__dirname, '..', '..', '.data', 'pglite') };
}
