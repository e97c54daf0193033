import type { Pool } from 'pg';

export interface SeedOptions {
  seed: number;
  password: string;
  log?: (line: string) => void;
}

export interface DemoUser {
  username: string;
  role: string;
  jurisdictionCode: string | null;
  jurisdictionName: string | null;
  department: string | null;
  enterpriseName: string | null;
}

export interface DemoSummary {
  towns: number;
  enterprises: number;
  hazards: number;
  roadSegments: number;
  users: DemoUser[];
}

/**
 * Loads the Yiyang demo data when the database holds no jurisdictions yet; returns what it
 * loaded, or null when the database already had data.
 */
export async function seedDemoIfEmpty(pool: Pool, options: SeedOptions): Promise<DemoSummary | null> {
  void pool;
  void options;
  throw new Error('the demo generator is being written');
}
