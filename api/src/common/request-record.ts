import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { AppError } from './errors';
import { PUBLIC_VIEWER, type Viewer } from './viewer';

/** The audit_event domain (db/migrations: audit_log). */
export type AuditEvent = 'SIGN_IN' | 'SIGN_IN_FAILED' | 'REFUSED' | 'EXPORT' | 'ADMIN_CHANGE';

/** One audit record a request adds; request id, address and, unless given, the actor are the request's. */
export interface AuditEntry {
  event: AuditEvent;
  code?: string | null;
  username?: string | null;
  actor?: Viewer;
  detail?: Record<string, unknown>;
}

/** An incoming x-request-id is kept when it is short and plain; anything else gets a new id. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(incoming: string | undefined): string {
  return incoming !== undefined && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * One HTTP request as its log line and the audit log see it: filled in as the request runs
 * (the viewer once known, the operation, the error codes answered, audit entries) and read
 * once it has ended.
 */
export class RequestRecord {
  readonly startedAt = performance.now();
  operation: string | null = null;
  viewer: Viewer = PUBLIC_VIEWER;
  readonly codes: string[] = [];
  readonly entries: AuditEntry[] = [];

  constructor(readonly id: string, readonly address: string) {}

  audit(entry: AuditEntry): void {
    this.entries.push(entry);
  }

  /** Notes the code of an error answered outside GraphQL's result (context creation, tiles). */
  noteError(error: unknown): void {
    this.codes.push(error instanceof AppError ? String(error.extensions.code) : 'INTERNAL_SERVER_ERROR');
  }
}

/** The record the request-log middleware attached to this response. */
export function recordOf(res: Response): RequestRecord {
  const record = res.locals.request as RequestRecord | undefined;
  if (!record) throw new Error('requestLog middleware is not mounted');
  return record;
}
