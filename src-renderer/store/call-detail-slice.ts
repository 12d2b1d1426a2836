import type { InputOf } from '../../src-shared/contract';
import type { CallDetail } from '../../src-shared/contract/calls';
import type { ApiError } from '../../src-shared/contract/errors';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';

export interface CallDetailSlice {
  /** The call open in the detail drawer, with its whole history. */
  callDetail: CallDetail | null;
  callDetailError: ApiError | null;
  openCallDetail(callId: number): Promise<void>;
  closeCallDetail(): void;
  arriveAtCall(callId: number): Promise<ApiError | null>;
  finishCallOnSite(input: InputOf<'calls.finishOnSite'>): Promise<ApiError | null>;
  takeInCall(input: InputOf<'calls.takeIn'>): Promise<ApiError | null>;
  /** 注销: close a call against the voucher its customer signed. */
  closeCall(callId: number): Promise<ApiError | null>;
  cancelCall(input: InputOf<'calls.cancel'>): Promise<ApiError | null>;
}

export function createCallDetailSlice(api: ApiClient) {
  return (set: StoreSet, get: StoreGet): CallDetailSlice => {
    /** A changed call: show it as it is now and refresh the book behind the drawer. */
    const applyCallChange = async (result: { ok: true; data: CallDetail } | { ok: false; error: ApiError }) => {
      if (!result.ok) return result.error;
      set({ callDetail: result.data });
      await get().loadCalls();
      return null;
    };
    return {
      callDetail: null,
      callDetailError: null,

      async openCallDetail(callId) {
        set({ callDetailError: null });
        const result = await api.call('calls.get', { callId });
        if (result.ok) set({ callDetail: result.data });
        else set({ callDetail: null, callDetailError: result.error });
      },
      closeCallDetail() {
        set({ callDetail: null, callDetailError: null });
      },
      arriveAtCall: async (callId) => applyCallChange(await api.call('calls.arrive', { callId })),
      finishCallOnSite: async (input) => applyCallChange(await api.call('calls.finishOnSite', input)),
      takeInCall: async (input) => applyCallChange(await api.call('calls.takeIn', input)),
      closeCall: async (callId) => applyCallChange(await api.call('calls.close', { callId })),
      cancelCall: async (input) => applyCallChange(await api.call('calls.cancel', input)),
    };
  };
}
