import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { connectionType, type Connection } from '../common/connection';
import type { Context } from '../common/context';
import { requireRole } from '../common/mutation';
import { AuditLogArgs } from './audit.input';
import { listAuditLog } from './audit.service';
import { AuditRecord } from './audit.type';

export const AuditRecordConnection = connectionType('AuditRecord', AuditRecord);

@Resolver()
export class AuditResolver {
  @Query(() => AuditRecordConnection, { description: 'The audit log, newest first. Administrators only.' })
  async auditLog(@Args(() => AuditLogArgs) args: AuditLogArgs, @Ctx() ctx: Context): Promise<Connection<AuditRecord>> {
    requireRole(ctx.viewer, ['admin'], 'read the audit log');
    return new AuditRecordConnection(await listAuditLog(ctx.db, args));
  }
}
