import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/client';
import { createBackupsSlice, type BackupsSlice } from './backups-slice';
import { createCallLogSlice, type CallLogSlice } from './call-log-slice';
import { createCallDetailSlice, type CallDetailSlice } from './call-detail-slice';
import { createCustomersSlice, type CustomersSlice } from './customers-slice';
import { createDayEndSlice, type DayEndSlice } from './day-end-slice';
import { createGoodsSlice, type GoodsSlice } from './goods-slice';
import { createRepairCardsSlice, type RepairCardsSlice } from './repair-cards-slice';
import { createVouchersSlice, type VouchersSlice } from './vouchers-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createReportsSlice, type ReportsSlice } from './reports-slice';
import { createSyncSlice, type SyncSlice } from './sync-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';

/** The renderer's state: one slice per area. Components read it through narrow selectors. */
export type AppState = SessionSlice & CallLogSlice & CallDetailSlice & GoodsSlice & RepairCardsSlice & VouchersSlice & ReportsSlice & SyncSlice & SettingsSlice & BackupsSlice & DayEndSlice & CustomersSlice;
export type StoreSet = StoreApi<AppState>['setState'];
export type StoreGet = StoreApi<AppState>['getState'];
export type AppStore = StoreApi<AppState>;

export function createAppStore(api: ApiClient): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createSessionSlice(api)(set, get),
    ...createCallLogSlice(api)(set, get),
    ...createCallDetailSlice(api)(set, get),
    ...createGoodsSlice(api)(set, get),
    ...createRepairCardsSlice(api)(set, get),
    ...createVouchersSlice(api)(set, get),
    ...createReportsSlice(api)(set, get),
    ...createSyncSlice(api)(set, get),
    ...createSettingsSlice(api)(set, get),
    ...createBackupsSlice(api)(set, get),
    ...createDayEndSlice(api)(set, get),
    ...createCustomersSlice(api)(set, get),
  }));
}
