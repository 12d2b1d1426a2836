import { AppError, notFound } from '../app-error';
import { backupFileOf, toBackupView } from '../db/backup-manifest';
import { openPlain } from '../db/backup-online';
import { BackupRefusedError } from '../db/backup-restore';
import type { Handler, OpContext } from '../operation';
import { signedIn } from '../operation';

/** A full disk is the one storage failure the user can act on; it gets its own typed error. */
function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === 'ENOSPC' || code === 'SQLITE_FULL' || code.startsWith('SQLITE_FULL_');
}

async function withStorageErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupRefusedError) {
      if (error.problem === 'missing') throw notFound('backup');
      throw new AppError('BACKUP_DAMAGED', { reasonKey: `backupsUi.problem.${error.problem}` });
    }
    if (isDiskFull(error)) throw new AppError('STORAGE_FULL');
    throw error;
  }
}

/** Everyone who could hold a session before the restore: the users of the data it replaced. */
function signEveryoneOut(ctx: OpContext, dir: string, safetyId: string): void {
  const before = openPlain(backupFileOf(dir, safetyId), { readonly: true });
  try {
    for (const { id } of before.prepare('SELECT id FROM users').all() as { id: number }[]) ctx.sessions.endAllFor(id);
  } finally {
    before.close();
  }
  ctx.changeSession({ clear: true });
}

export const list: Handler<'backups.list'> = async (ctx) => {
  const keeper = ctx.config.backups;
  return { backups: keeper.list().map(toBackupView), folder: keeper.dir, retention: { ...keeper.retention } };
};

export const create: Handler<'backups.create'> = async (ctx) => {
  const me = signedIn(ctx);
  const manifest = await withStorageErrors(() => ctx.config.backups.create('manual', me.username));
  ctx.audit('backup', manifest.id, null, { kind: manifest.kind, schemaVersion: manifest.schemaVersion, sha256: manifest.sha256 });
  return toBackupView(manifest);
};

/**
 * Nothing may read through `ctx.db` before `keeper.restore`: this transaction must hold no snapshot
 * while the backup API rewrites the file (see BackupKeeper). The audit row the dispatcher then writes
 * lands in the restored data.
 */
export const restore: Handler<'backups.restore'> = async (ctx, input) => {
  const me = signedIn(ctx);
  const keeper = ctx.config.backups;
  const { restored, safety } = await withStorageErrors(() => keeper.restore(input.id, me.username));
  ctx.audit('backup', restored.id, { safetyBackup: safety.id, sha256: safety.sha256 }, { restored: restored.id, createdAt: restored.createdAt, sha256: restored.sha256 });
  signEveryoneOut(ctx, keeper.dir, safety.id);
  return { restored: toBackupView(restored), safetyBackup: toBackupView(safety), signedOut: true };
};
