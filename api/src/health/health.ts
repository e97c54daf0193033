import type { Request, Response } from 'express';
import { postgisVersion, type Database } from '@risk/db';

/** GET /healthz: the database mode, PostGIS version and migration level, or 503. */
export function healthHandler(db: Database) {
  return async (_req: Request, res: Response) => {
    try {
      res.json({
        status: 'ok',
        database: { mode: db.mode, postgis: await postgisVersion(db.apiPool), migrationLevel: db.migrationLevel },
      });
    } catch (error) {
      console.error(error);
      res.status(503).json({ status: 'unavailable', database: { mode: db.mode } });
    }
  };
}
