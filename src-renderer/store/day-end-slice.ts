import type { InputOf } from '../../src-shared/contract';
import type { CashierDay, DayCheck } from '../../src-shared/contract/day';
import type { ApiError } from '../../src-shared/contract/errors';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';

export interface DayEndSlice {
  /** 核对 of the shown day: what is still out, waits to be closed, was not dispatched. */
  dayCheck: DayCheck | null;
  /** The cashier's day: cash with the technicians or handed over, jobs to invoice. */
  cashierDay: CashierDay | null;
  dayEndError: ApiError | null;
  loadDayEnd(date: string): Promise<void>;
  recordHandover(input: InputOf<'cashier.recordHandover'>): Promise<ApiError | null>;
}

export function createDayEndSlice(api: ApiClient) {
  let generation = 0;
  return (set: StoreSet, get: StoreGet): DayEndSlice => ({
    dayCheck: null,
    cashierDay: null,
    dayEndError: null,

    async loadDayEnd(date) {
      const mine = ++generation;
      const [check, cashier] = await Promise.all([api.call('day.check', { date }), api.call('cashier.day', { date })]);
      // A later day chosen meanwhile wins.
      if (mine !== generation) return;
      set({
        dayCheck: check.ok ? check.data : null,
        cashierDay: cashier.ok ? cashier.data : null,
        dayEndError: !check.ok ? check.error : !cashier.ok ? cashier.error : null,
      });
    },
    async recordHandover(input) {
      const result = await api.call('cashier.recordHandover', input);
      if (!result.ok) return result.error;
      await get().loadDayEnd(input.date);
      return null;
    },
  });
}
