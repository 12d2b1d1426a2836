import type { InputOf } from '../../src-shared/contract';
import type { ApiError } from '../../src-shared/contract/errors';
import type { PrintSettings } from '../../src-shared/contract/print';
import type { UserView } from '../../src-shared/contract/users';
import type { WorkingCalendar } from '../../src-shared/domain/working-calendar';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';

export interface SettingsSlice {
  users: UserView[];
  calendar: WorkingCalendar | null;
  printSettings: PrintSettings | null;
  settingsError: ApiError | null;
  loadUsers(): Promise<void>;
  createUser(input: InputOf<'users.create'>): Promise<ApiError | null>;
  unlockUser(userId: number): Promise<ApiError | null>;
  loadCalendar(): Promise<void>;
  /** Save business hours, holidays and 调休 days; on success the saved calendar replaces the shown one. */
  saveCalendar(calendar: WorkingCalendar): Promise<ApiError | null>;
  loadPrintSettings(): Promise<void>;
  savePrintSettings(settings: PrintSettings): Promise<ApiError | null>;
}

export function createSettingsSlice(api: ApiClient) {
  return (set: StoreSet, get: StoreGet): SettingsSlice => ({
    users: [],
    calendar: null,
    printSettings: null,
    settingsError: null,

    async loadUsers() {
      const result = await api.call('users.list', {});
      if (result.ok) set({ users: result.data, settingsError: null });
      else set({ settingsError: result.error });
    },
    async createUser(input) {
      const result = await api.call('users.create', input);
      if (!result.ok) return result.error;
      await get().loadUsers();
      return null;
    },
    async unlockUser(userId) {
      const result = await api.call('users.unlock', { userId });
      if (!result.ok) return result.error;
      set({ users: get().users.map((u) => (u.id === userId ? result.data : u)) });
      return null;
    },
    async loadCalendar() {
      const result = await api.call('settings.getCalendar', {});
      if (result.ok) set({ calendar: result.data, settingsError: null });
      else set({ settingsError: result.error });
    },
    async saveCalendar(calendar) {
      const result = await api.call('settings.setCalendar', { calendar });
      if (!result.ok) return result.error;
      set({ calendar: result.data });
      return null;
    },
    async loadPrintSettings() {
      const result = await api.call('print.getSettings', {});
      if (result.ok) set({ printSettings: result.data, settingsError: null });
      else set({ settingsError: result.error });
    },
    async savePrintSettings(settings) {
      const result = await api.call('print.setSettings', { settings });
      if (!result.ok) return result.error;
      set({ printSettings: result.data });
      return null;
    },
  });
}
