import type { BackupListView, BackupView, RestoreOutcome } from '../../src-shared/contract/backups';
import type { ApiError } from '../../src-shared/contract/errors';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';

export interface BackupsSlice {
  /** The backups folder as the main process lists it; null until read (or without 'backups.manage'). */
  backupList: BackupListView | null;
  backupsError: ApiError | null;
  loadBackups(): Promise<void>;
  /** 'Back up now': the new backup, then the list again (rotation may have removed an old one). */
  backUpNow(): Promise<{ error: ApiError } | { created: BackupView }>;
  /**
   * Restore a backup. On success everyone, this user included, is signed out in the main process; the
   * screen says so, and its 'sign in again' signs out here too (which reloads the page).
   */
  restoreBackup(id: string): Promise<{ error: ApiError } | { outcome: RestoreOutcome }>;
}

export function createBackupsSlice(api: ApiClient) {
  return (set: StoreSet, get: StoreGet): BackupsSlice => ({
    backupList: null,
    backupsError: null,

    async loadBackups() {
      const result = await api.call('backups.list', {});
      if (result.ok) set({ backupList: result.data, backupsError: null });
      else set({ backupsError: result.error });
    },
    async backUpNow() {
      const result = await api.call('backups.create', {});
      if (!result.ok) return { error: result.error };
      await get().loadBackups();
      return { created: result.data };
    },
    async restoreBackup(id) {
      const result = await api.call('backups.restore', { id });
      if (!result.ok) return { error: result.error };
      // Nothing of the replaced data may stay on screen; the list is read again after signing in.
      set({ backupList: null });
      return { outcome: result.data };
    },
  });
}
