import type { InputOf } from '../../src-shared/contract';
import type { ApiError } from '../../src-shared/contract/errors';
import type { SyncStatusView } from '../../src-shared/contract/sync';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';

export interface SyncSlice {
  /** Where sending the daily reports to head office stands; null until read (or without 'sync.manage'). */
  syncStatus: SyncStatusView | null;
  syncError: ApiError | null;
  loadSyncStatus(): Promise<void>;
  /** 'Send now': the pusher retries the whole queue; the state is read again a moment later. */
  sendReportsNow(): Promise<ApiError | null>;
  /** Save the head-office URL and the branch secret. */
  configureHeadOffice(input: InputOf<'sync.configure'>): Promise<ApiError | null>;
}

export function createSyncSlice(api: ApiClient) {
  return (set: StoreSet, get: StoreGet): SyncSlice => ({
    syncStatus: null,
    syncError: null,

    async loadSyncStatus() {
      const result = await api.call('sync.status', {});
      if (result.ok) set({ syncStatus: result.data, syncError: null });
      else set({ syncError: result.error });
    },
    async sendReportsNow() {
      const result = await api.call('sync.sendNow', {});
      if (!result.ok) return result.error;
      set({ syncStatus: result.data });
      // The push runs after the call returns: read the outcome once it had a moment.
      await new Promise((resolve) => setTimeout(resolve, 800));
      await get().loadSyncStatus();
      return null;
    },
    async configureHeadOffice(input) {
      const result = await api.call('sync.configure', input);
      if (!result.ok) return result.error;
      set({ syncStatus: result.data });
      return null;
    },
  });
}
