import type { InputOf } from '../../src-shared/contract';
import type { CallDetail, CallSummary, DispatchBoard } from '../../src-shared/contract/calls';
import type { CustomerHit } from '../../src-shared/contract/customers';
import type { ApiError } from '../../src-shared/contract/errors';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';
import { latestOnly } from './latest-only';

export type CallFilter = 'all' | 'open' | 'late';

export interface CallLogSlice {
  calls: CallSummary[];
  callFilter: CallFilter;
  callQuery: string;
  callDate: string | null;
  callsLoading: boolean;
  board: DispatchBoard | null;
  /** Where the board's shown page starts among the waiting calls (the server sends one page). */
  boardOffset: number;
  lastError: ApiError | null;
  /**
   * Reload the book with the current filter, day and search text. One request is out at a time: what
   * changes meanwhile is asked for when it returns, and only the newest state's answer is shown.
   */
  loadCalls(): Promise<void>;
  setCallFilter(filter: CallFilter): Promise<void>;
  setCallDate(date: string | null): Promise<void>;
  /** Search as you type: the latest keystroke wins, earlier answers are dropped. */
  searchCalls(query: string): Promise<void>;
  registerCall(input: InputOf<'calls.register'>): Promise<{ ok: true; call: CallDetail } | { ok: false; error: ApiError }>;
  customerHits: CustomerHit[];
  /** The register form's lookup: customers by phone, name, pinyin initials or serial, as the clerk types. */
  lookUpCustomers(query: string): Promise<void>;
  /** Fetch the board's current page; as the book, one request at a time, and a call meanwhile asks again after it. */
  loadBoard(): Promise<void>;
  /** Show another page of the board (offset among the waiting calls). */
  showBoardPage(offset: number): Promise<void>;
  /** Leaving the board: the next visit draws the fresh board once instead of the old one and then the new. */
  forgetBoard(): void;
  /** Print a form: the PDF opens in a new tab (browser mode), from which it can be printed or saved. */
  printForm(request: InputOf<'print.form'>): Promise<ApiError | null>;
  dispatchCall(callId: number, technicianId: number): Promise<ApiError | null>;
}

/** A day's book in full (a large branch registers a few hundred calls a day). */
const BOOK_ROWS = 500;
/** Search results as the clerk types. */
const SEARCH_ROWS = 50;
/** Calls on one page of the dispatch board. */
export const BOARD_ROWS = 50;

export function createCallLogSlice(api: ApiClient) {
  return (set: StoreSet, get: StoreGet): CallLogSlice => {
    /** The register form's lookup text: read when its request is sent, so only the newest is asked for. */
    let lookupText = '';
    const fetchBook = latestOnly(async (outdated) => {
      const { callFilter, callQuery, callDate } = get();
      const query = callQuery.trim();
      const result = await api.call('calls.list', {
        filter: callFilter,
        // A search shows the newest matches as the clerk types: fewer rows to draw per keystroke.
        limit: query ? SEARCH_ROWS : BOOK_ROWS,
        ...(query ? { query } : {}),
        ...(callDate ? { date: callDate } : {}),
      });
      // The answer to text the clerk has already changed is not drawn: the newer one follows at once.
      if (outdated()) return;
      if (result.ok) set({ calls: result.data.calls, callsLoading: false, lastError: null });
      else set({ callsLoading: false, lastError: result.error });
    });
    const fetchCustomerHits = latestOnly(async (outdated) => {
      const query = lookupText;
      if (!query.trim()) return set({ customerHits: [] });
      const result = await api.call('customers.search', { query, limit: 8 });
      if (!outdated() && result.ok) set({ customerHits: result.data });
    });
    const fetchBoard = latestOnly(async (outdated) => {
      let result = await api.call('calls.dispatchBoard', { offset: get().boardOffset, limit: BOARD_ROWS });
      // Dispatching the last calls of the last page empties it: show the board's last page instead.
      if (result.ok && result.data.calls.length === 0 && result.data.offset > 0) {
        const lastPage = Math.max(0, Math.floor((result.data.total - 1) / BOARD_ROWS) * BOARD_ROWS);
        set({ boardOffset: lastPage });
        result = await api.call('calls.dispatchBoard', { offset: lastPage, limit: BOARD_ROWS });
      }
      if (outdated()) return;
      if (result.ok) set({ board: result.data, lastError: null });
      else set({ lastError: result.error });
    });
    return {
      calls: [],
      callFilter: 'all',
      callQuery: '',
      callDate: null,
      callsLoading: false,
      board: null,
      boardOffset: 0,
      lastError: null,
      customerHits: [],

      loadCalls() {
        set({ callsLoading: true });
        return fetchBook();
      },
      async setCallFilter(callFilter) {
        set({ callFilter });
        await get().loadCalls();
      },
      async setCallDate(callDate) {
        set({ callDate });
        await get().loadCalls();
      },
      async searchCalls(callQuery) {
        set({ callQuery });
        await get().loadCalls();
      },
      async registerCall(input) {
        const result = await api.call('calls.register', input);
        if (!result.ok) return { ok: false, error: result.error };
        await get().loadCalls();
        return { ok: true, call: result.data };
      },
      lookUpCustomers(query) {
        lookupText = query;
        return fetchCustomerHits();
      },
      async printForm(request) {
        const result = await api.call('print.form', request);
        if (!result.ok) return result.error;
        // In the desktop app the main process has shown its print preview (or printed the receipt roll).
        if (result.data.output === 'print' && window.aftercare) return null;
        const bytes = Uint8Array.from(atob(result.data.pdfBase64), (c) => c.charCodeAt(0));
        const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
        if (result.data.output === 'pdf') {
          const link = document.createElement('a');
          link.href = url;
          link.download = result.data.fileName;
          link.click();
        } else {
          window.open(url, '_blank', 'noopener');
        }
        // The tab or the download has the document by then; the URL is not needed after.
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        return null;
      },
      loadBoard: fetchBoard,
      showBoardPage(boardOffset) {
        set({ boardOffset });
        return fetchBoard();
      },
      forgetBoard() {
        set({ board: null, boardOffset: 0 });
      },
      async dispatchCall(callId, technicianId) {
        const result = await api.call('calls.dispatch', { callId, technicianId });
        if (!result.ok) return result.error;
        await get().loadBoard();
        return null;
      },
    };
  };
}
