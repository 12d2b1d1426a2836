import type { Handler } from '../operation';
import { listRecentAudit, verifyAuditChain } from '../repos/audit-log';

export const recent: Handler<'audit.recent'> = (ctx, input) => listRecentAudit(ctx.db, input.limit);
export const verifyChain: Handler<'audit.verifyChain'> = (ctx) => verifyAuditChain(ctx.db);
