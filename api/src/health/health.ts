import type { Request, Response } from 'express';
import type { Database } from '@risk/db';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from '../common/errors';

/**
 * GET /healthz: whether the database answers (up or down, since when), the mode, PostGIS
 * and the migration level; 200 when up, 503 when down. Read from the state the database
 * monitor keeps, never from a pool slot: it answers at once while every connection is busy.
 */
export function healthHandler(db: Database) {
  return (_req: Request, res: Response) => {
    const health = db.health();
    const up = health.state === 'up';
    if (!up) res.set('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    res.status(up ? 200 : 503).json({
      status: up ? 'ok' : 'unavailable',
      database: {
        mode: db.mode,
        state: health.state,
        since: health.since.toISOString(),
        postgis: health.postgis,
        migrationLevel: db.migrationLevel,
        // Each read replica's state, migration level and lag (READ_DATABASE_URL).
        ...(db.replicas.configured ? { replicas: db.replicas.status() } : {}),
      },
    });
  };
}
