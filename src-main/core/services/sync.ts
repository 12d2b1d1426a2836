import { AppError } from '../app-error';
import type { Handler } from '../operation';
import { readSyncStatus, saveSyncSettings, SyncConfigError } from '../sync';

export const status: Handler<'sync.status'> = (ctx) => readSyncStatus(ctx.db, ctx.now);

export const sendNow: Handler<'sync.sendNow'> = async (ctx) => {
  ctx.afterCommit(ctx.config.sendReportsNow);
  return readSyncStatus(ctx.db, ctx.now);
};

export const configure: Handler<'sync.configure'> = async (ctx, input) => {
  try {
    await saveSyncSettings(ctx.db, input);
  } catch (error) {
    if (error instanceof SyncConfigError) throw new AppError('INVALID_INPUT', { fields: [{ path: 'headOfficeUrl', messageKey: error.info.key, params: error.info.params }] });
    throw error;
  }
  // The secret is never written to the audit log.
  ctx.audit('settings', 'headOffice', null, { headOfficeUrl: input.headOfficeUrl });
  ctx.afterCommit(ctx.config.sendReportsNow);
  return readSyncStatus(ctx.db, ctx.now);
};
