import type { InputOf } from '../../src-shared/contract';
import type { ApiError } from '../../src-shared/contract/errors';
import type { RepairCardView } from '../../src-shared/contract/goods';
import type { ApiClient } from '../api/client';
import type { StoreGet, StoreSet } from './app-store';

export type RepairCardState = 'open' | 'overdue' | 'helpRequested' | 'signedOff';

export interface RepairCardsSlice {
  repairCardState: RepairCardState;
  repairCards: RepairCardView[];
  repairCardsLoading: boolean;
  repairCardsError: ApiError | null;
  /** The card open in the detail drawer. */
  repairCard: RepairCardView | null;
  showRepairCardState(state: RepairCardState): Promise<void>;
  loadRepairCards(): Promise<void>;
  openRepairCard(cardId: number): Promise<ApiError | null>;
  closeRepairCard(): void;
  addRepairLabour(input: InputOf<'repairCards.addLabour'>): Promise<ApiError | null>;
  addRepairPart(input: InputOf<'repairCards.addPart'>): Promise<ApiError | null>;
  recordRepairFindings(input: InputOf<'repairCards.recordFindings'>): Promise<ApiError | null>;
  askRepairHelp(input: InputOf<'repairCards.askForHelp'>): Promise<ApiError | null>;
  signOffRepairCard(cardId: number): Promise<ApiError | null>;
}

export function createRepairCardsSlice(api: ApiClient) {
  let generation = 0;
  return (set: StoreSet, get: StoreGet): RepairCardsSlice => {
    /** Every change returns the card as it is now: show it and refresh the list behind it. */
    const applyCardChange = async (result: { ok: true; data: RepairCardView } | { ok: false; error: ApiError }) => {
      if (!result.ok) return result.error;
      set({ repairCard: result.data });
      await get().loadRepairCards();
      return null;
    };
    return {
      repairCardState: 'open',
      repairCards: [],
      repairCardsLoading: false,
      repairCardsError: null,
      repairCard: null,

      async showRepairCardState(repairCardState) {
        set({ repairCardState });
        await get().loadRepairCards();
      },
      async loadRepairCards() {
        const mine = ++generation;
        set({ repairCardsLoading: true });
        const result = await api.call('repairCards.list', { state: get().repairCardState, limit: 500 });
        if (mine !== generation) return;
        if (result.ok) set({ repairCards: result.data, repairCardsLoading: false, repairCardsError: null });
        else set({ repairCardsLoading: false, repairCardsError: result.error });
      },
      async openRepairCard(cardId) {
        const result = await api.call('repairCards.get', { cardId });
        if (!result.ok) return result.error;
        set({ repairCard: result.data });
        return null;
      },
      closeRepairCard() {
        set({ repairCard: null });
      },
      addRepairLabour: async (input) => applyCardChange(await api.call('repairCards.addLabour', input)),
      addRepairPart: async (input) => applyCardChange(await api.call('repairCards.addPart', input)),
      recordRepairFindings: async (input) => applyCardChange(await api.call('repairCards.recordFindings', input)),
      askRepairHelp: async (input) => applyCardChange(await api.call('repairCards.askForHelp', input)),
      signOffRepairCard: async (cardId) => applyCardChange(await api.call('repairCards.signOff', { cardId })),
    };
  };
}
