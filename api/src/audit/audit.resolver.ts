import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { connectionType, type Connection } from '../common/connection';
import type { Context } from '../common/context';
import { badInput } from '../common/errors';
import { requireRole } from '../common/mutation';
import { HazardFilter } from '../hazard/hazard.input';
import { AuditLogArgs } from './audit.input';
import { listAuditLog } from './audit.service';
import { AuditRecord, ExportFormat } from './audit.type';

export const AuditRecordConnection = connectionType('AuditRecord', AuditRecord);

/** More rows than any ledger holds: such a count is a client error, not an export. */
const MAX_EXPORT_ROWS = 1_000_000;

@Resolver()
export class AuditResolver {
  @Query(() => AuditRecordConnection, { description: 'The audit log, newest first. Administrators only.' })
  async auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() ctx: Context): Promise<Connection<AuditRecord>> {
    requireRole(ctx.viewer, ['admin'], 'read the audit log');
    return new AuditRecordConnection(await listAuditLog(ctx.db, args));
  }

  @Mutation(() => Boolean, {
    description: 'Records in the audit log that the ledger was exported (the file is made in the browser). Any signed-in role.',
  })
  recordExport(
    @Arg('format', () => ExportFormat) format: ExportFormat,
    @Arg('rowCount', () => Int) rowCount: number,
    @Arg('filter', () => HazardFilter, { nullable: true }) filter: HazardFilter | null,
    @Ctx() ctx: Context,
  ): boolean {
    requireRole(ctx.viewer, ['admin', 'leader', 'analyst', 'inspector', 'town', 'enterprise'], 'export the ledger');
    if (!Number.isInteger(rowCount) || rowCount < 0 || rowCount > MAX_EXPORT_ROWS) {
      throw badInput(`rowCount must be between 0 and ${MAX_EXPORT_ROWS}`, 'rowCount');
    }
    ctx.audit({ event: 'EXPORT', code: format, detail: { rowCount, filter: filter ?? {} } });
    return true;
  }
}
